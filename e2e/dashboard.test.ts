import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import {
  ARTIFACTS,
  contrastProblems,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_SITE,
  openPage,
  panelsSettled,
  signIn,
  startDemo,
  tileNumber,
} from './support/dashboard-page.ts';
import { exited, type SpawnedServer } from './support/spawn-penumbra.ts';

const EMAIL = DEMO_EMAIL;
const PASSWORD = DEMO_PASSWORD;
const SITE = DEMO_SITE;

let demo: SpawnedServer;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo(7, 80);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (demo) {
    demo.child.kill('SIGTERM');
    await exited(demo.child);
  }
});

describe('the dashboard against `penumbra demo`', () => {
  it('is served with a strict CSP and shows the overview after signing in', async () => {
    const shell = await fetch(`${demo.url}/app`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-security-policy')).toContain("script-src 'self'");

    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await page.waitForFunction(() => location.hash.startsWith('#/site/'));
    await panelsSettled(page);
    expect(page.url()).toContain(`#/site/${SITE}?range=30d`);
    const headline = await page.textContent('[data-testid=ga4-headline]');
    expect(headline).toMatch(
      /^Of what GA4 would call Direct, [\d.]+% is dark social, [\d.]+% confirmed by evidence\.$/,
    );
    expect(await tileNumber(page, 'visitors')).toBeGreaterThan(0);
    expect(await tileNumber(page, 'pageviews')).toBeGreaterThan(0);
    expect(await page.locator('[data-panel=channels] tbody tr').count()).toBeGreaterThan(2);
    expect(await page.locator('[data-panel=timeseries] svg.chart rect').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-panel=error], [data-panel] .error').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-desktop.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('draws each panel as it arrives, and meets AA contrast in light and dark', async () => {
    const { page, problems } = await openPage(browser);
    // Hold back one slow panel: the rest must not wait for it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/panels/cascades?*', async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await page.waitForSelector('[data-panel=headline][aria-busy=false]');
    await page.waitForSelector('[data-panel=channels][aria-busy=false]');
    expect(await page.getAttribute('[data-panel=cascades]', 'aria-busy')).toBe('true');
    expect(await page.locator('[data-panel=cascades] .skeleton').count()).toBe(1);
    release();
    await panelsSettled(page);

    expect(await contrastProblems(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await contrastProblems(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-dark.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('polls the realtime visitors every 12 s, in a live region', async () => {
    const { page, problems } = await openPage(browser);
    await page.clock.install();
    let polls = 0;
    page.on('request', (request) => {
      if (request.url().includes('/panels/realtime?')) polls++;
    });
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    const live = page.locator('[data-testid=realtime]');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await live.textContent()).toMatch(/^\d+ visitors? in the last 5 minutes$/);
    expect(polls).toBe(1);
    await page.clock.runFor(12_500);
    await expect.poll(() => polls).toBe(2);
    await page.clock.runFor(12_500);
    await expect.poll(() => polls).toBe(3);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('fits a 360 px phone without sideways scrolling', async () => {
    const { page, problems } = await openPage(browser, { width: 360, height: 740 });
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-phone-360.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('filters by clicking a channel row, and the chip removes the filter', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    const before = await tileNumber(page, 'visitors');
    await page
      .locator('[data-panel=channels] button.row-filter', { hasText: /^whatsapp$/ })
      .first()
      .click();
    await page.waitForFunction(() => location.hash.includes('f=channel:is:whatsapp'));
    await panelsSettled(page);
    const after = await tileNumber(page, 'visitors');
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    expect(await page.textContent('[data-testid=filter-chips]')).toContain('Channel is whatsapp');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-filtered.png'), fullPage: false });
    // Channel rows filter by class and channel (a channel name can be in two classes).
    // Each removal re-renders the chips (and the app may drop a channel's class chip with it),
    // so read the chips only once the panels have settled, and let the outcome below decide.
    const chips = page.locator('[data-testid=filter-chips] button.chip-remove');
    for (let round = 0; round < 5; round++) {
      await panelsSettled(page);
      if ((await chips.count()) === 0) break;
      await chips
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
    expect(page.url()).not.toContain('f=');
    await panelsSettled(page);
    expect(await tileNumber(page, 'visitors')).toBe(before);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('picks a custom date range', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    const day = (offset: number) => {
      const date = new Date(Date.now() + offset * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    };
    await page.selectOption('#range', 'custom');
    await page.fill('#range-from', day(-3));
    await page.fill('#range-to', day(0));
    await page.click('.custom-range button[type=submit]');
    await page.waitForFunction(
      (expected) => location.hash.includes(expected),
      `range=custom&from=${day(-3)}&to=${day(0)}`,
    );
    await panelsSettled(page);
    expect(await tileNumber(page, 'visitors')).toBeGreaterThan(0);
    expect(await page.inputValue('#range')).toBe('custom');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('opens the tree of a share cascade', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    await page.locator('[data-panel=cascades] button', { hasText: 'Show tree' }).first().click();
    const tree = page.locator('[data-testid=cascade-tree]');
    await tree.waitFor();
    expect(await tree.locator('li').count()).toBeGreaterThan(1);
    expect(await tree.locator('li[data-generation="1"]').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/cascade=[\w-]+/);
    await tree.screenshot({ path: join(ARTIFACTS, 'dashboard-cascade.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('downloads a table as CSV', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await panelsSettled(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-panel=channels] button.export'),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^demo\.penumbra\.localhost-channels-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/,
    );
    const path = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    const lines = text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('channel,group,visitors,visits,pageviews,shares,dark_share');
    const whatsapp = lines.find((line) => line.startsWith('whatsapp,'));
    expect(whatsapp).toMatch(/^whatsapp,dark_social,[1-9]\d*,\d+,\d+,\d+,[\d.]+$/);
    expect(lines.length).toBeGreaterThan(3);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('works with the keyboard alone, with a visible focus', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${demo.url}/app`);
    await page.waitForSelector('#login-email');
    // The email field has focus on arrival.
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await panelsSettled(page);

    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return {
          key: active?.getAttribute('data-key') ?? '',
          id: active?.id ?? '',
          text: active?.textContent ?? '',
          outline: active ? getComputedStyle(active).outlineStyle : 'none',
        };
      });
    /** Presses Tab until `match` holds (at most `limit` times). */
    const tabTo = async (
      match: (f: Awaited<ReturnType<typeof focused>>) => boolean,
      limit = 60,
      key = 'Tab',
    ) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press(key);
        const now = await focused();
        if (match(now)) return now;
      }
      throw new Error('never reached by Tab');
    };

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const skip = await tabTo((f) => f.text === 'Skip to content', 3);
    expect(skip.outline).not.toBe('none');
    const route = await page.evaluate(() => location.hash);
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('main');
    expect(await page.evaluate(() => location.hash)).toBe(route);

    // The date range: a native select, changed with the arrow keys.
    const range = await tabTo((f) => f.id === 'range');
    expect(range.outline).not.toBe('none');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => location.hash.includes('range=7d'));
    await panelsSettled(page);
    expect((await focused()).id).toBe('range');

    // The comparison switch: Space toggles it, the headline then shows deltas.
    await tabTo((f) => f.id === 'compare');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => location.hash.includes('compare=previous'));
    await panelsSettled(page);
    expect(await page.locator('[data-panel=headline] .delta').count()).toBeGreaterThan(0);

    // A channel row: Enter filters by it, focus stays on it.
    const row = await tabTo((f) => f.key.startsWith('filter-channels-'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('f=channel:is:'));
    // The re-render runs on the hashchange event, after the hash is set: until it has, the old
    // panels look settled, so wait for the focus to come back rather than for the panels.
    await page
      .waitForFunction((key) => document.activeElement?.getAttribute('data-key') === key, row.key, {
        timeout: 10_000,
      })
      .catch(() => {});
    await panelsSettled(page);
    expect((await focused()).key).toBe(row.key);

    // The chip's remove button is reachable and works with Enter.
    const filtersIn = () => page.evaluate(() => location.hash.split('&f=').length - 1);
    const before = await filtersIn();
    await tabTo((f) => f.key === 'chip-0', 80, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => location.hash.split('&f=').length - 1 === n - 1, before);

    // CSV download with the keyboard.
    await panelsSettled(page);
    await tabTo((f) => f.key === 'export-channels', 80);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toContain('channels');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-keyboard.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);
});
