import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../e2e/support/chromium.ts';
import { renderHtml } from './render-html.ts';
import { fixture, hostileLog, reportFor, tempDir } from './test-helpers.ts';

test('the HTML report opens in headless Chromium without console errors or network requests', async () => {
  expect(existsSync(CHROMIUM), 'install Debian chromium (listed in .ci/apt-packages)').toBe(true);
  const dir = tempDir();
  const file = join(dir, 'report.html');
  const report = await reportFor([fixture('combined.log'), hostileLog()], {
    siteHosts: ['www.example.com'],
  });
  writeFileSync(file, renderHtml(report));
  const url = pathToFileURL(file).href;
  const browser = await launchChromium();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    context.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('svg.chart').count()).toBe(2);
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('/a/<script>alert(1)</script>');
    expect(text).toContain('Of what GA4 would call Direct');
  } finally {
    await browser.close();
  }
});
