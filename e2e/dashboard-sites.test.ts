import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import {
  ARTIFACTS,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_SITE,
  openPage,
  panelsSettled,
  signIn,
  startDemo,
} from './support/dashboard-page.ts';
import { exited, type SpawnedServer } from './support/spawn-penumbra.ts';

const EMAIL = DEMO_EMAIL;
const PASSWORD = DEMO_PASSWORD;
const SITE = DEMO_SITE;

let demo: SpawnedServer;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo(3, 60);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (demo) {
    demo.child.kill('SIGTERM');
    await exited(demo.child);
  }
});

describe('sites, settings, goals and share links in the dashboard', () => {
  it('adds a site, shows its snippet, saves settings, edits goals and removes it', async () => {
    const { page, problems } = await openPage(browser, { width: 1280, height: 900 }, true);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await page.click('header.topbar a[href="#/sites"]');
    await page.fill('#new-site', 'shop.example');
    await page.click('form.inline-form button[type=submit]');
    await page.waitForFunction(() => location.hash === '#/site/shop.example/settings');
    const snippet = await page.textContent('.snippet code');
    expect(snippet).toBe(`<script defer src="${demo.url}/p.js" data-site="shop.example"></script>`);

    await page.fill('#set-depth', '3');
    await page.fill('#set-excluded', '/admin/*\n/preview/*');
    await page.click('.settings-form button[type=submit]');
    await page.locator('.settings-form .form-status', { hasText: 'Saved.' }).waitFor();
    await page.reload();
    await page.waitForSelector('#set-depth');
    expect(await page.inputValue('#set-depth')).toBe('3');
    expect(await page.inputValue('#set-excluded')).toBe('/admin/*\n/preview/*');

    await page.fill('#goal-name', 'Read a 2026 story');
    await page.fill('#goal-value', '/2026/*');
    await page.click('form[aria-label="Add a goal"] button[type=submit]');
    await page.locator('.goal-list li', { hasText: 'Read a 2026 story' }).waitFor();
    await page.click('button[aria-label="Remove goal Read a 2026 story"]');
    await page.locator('.goal-list li', { hasText: 'No goals yet.' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-site-settings.png'), fullPage: true });

    await page.click('.danger-zone button');
    await page.waitForFunction(() => location.hash === '#/sites');
    expect(await page.locator('[data-site="shop.example"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('makes a tracked share link that redirects', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await page.goto(`${demo.url}/app#/site/${SITE}/settings`);
    await page.fill('#link-url', `https://${SITE}/food/recipes/tomato-and-egg-shakshuka`);
    await page.selectOption('#link-channel', 'whatsapp');
    await page.fill('#link-campaign', 'winter');
    await page.click('form[aria-label="Make a share link"] button[type=submit]');
    const shortUrl = (await page.locator('.short-url').textContent({ timeout: 10_000 })) ?? '';
    expect(shortUrl).toMatch(new RegExp(`^${demo.url}/s/[\\w-]+$`));
    const redirect = await fetch(shortUrl, {
      redirect: 'manual',
      headers: {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
      },
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toContain(
      `https://${SITE}/food/recipes/tomato-and-egg-shakshuka`,
    );
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows what goals convert, by class', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    expect(await page.textContent('[data-testid=goal-sentence]')).toMatch(
      /^“[^”]+”: dark social converts at [\d.]+% vs [\d.]+% for search\.$/,
    );
    expect(await page.locator('[data-panel=goals] tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
