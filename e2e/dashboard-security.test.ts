import { readFileSync } from 'node:fs';
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
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** Markup and script a visitor could put in what the tracker reports. */
const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '"><script>window.__xss=2</script>';
const SVG = '<svg onload=window.__xss=3>';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

/** The demo's second user and site (src/cli/commands/demo.ts). */
const OTHER_EMAIL = 'other@penumbra.test';
const OTHER_SITE = 'other.penumbra.localhost';

let demo: SpawnedServer;
let browser: Browser;

const collect = async (payload: Record<string, unknown>) => {
  const response = await fetch(`${demo.url}/api/event`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': UA },
    body: JSON.stringify(payload),
  });
  expect(response.status, await response.text()).toBe(202);
  expect(response.headers.get('x-penumbra-dropped')).toBeNull();
};

beforeAll(async () => {
  demo = await startDemo(2, 40);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (demo) {
    demo.child.kill('SIGTERM');
    await exited(demo.child);
  }
});

describe('dashboard security against `penumbra demo`', () => {
  it('shows script payloads sent through the real collector as text, never runs them', async () => {
    const base = `https://${SITE}`;
    const query = new URLSearchParams({
      utm_source: IMG,
      utm_medium: SCRIPT,
      utm_campaign: FORMULA,
      utm_content: SVG,
    });
    await collect({
      n: 'pageview',
      d: SITE,
      u: `${base}/xss/${SCRIPT}/${IMG}?${query}`,
      r: `https://evil.example/${IMG}`,
      k: 'xsstoken01',
      p: { title: `${IMG}${SCRIPT}` },
      w: 1280,
    });
    await collect({
      n: 'pageview',
      d: SITE,
      u: `${base}/${IMG}`,
      r: `javascript:window.__xss=4//${IMG}`,
      k: 'xsstoken02',
      w: 1280,
    });
    await collect({ n: 'share', d: SITE, u: `${base}/${IMG}`, k: 'xsstoken02', ch: SVG });
    await collect({
      n: 'signup',
      d: SITE,
      u: `${base}/${SCRIPT}`,
      k: 'xsstoken02',
      p: { plan: IMG },
    });
    // The collector's writer stores in batches; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const { page, problems, dialogs } = await openPage(browser);
    await signIn(page, demo.url, EMAIL, PASSWORD);
    await page.goto(`${demo.url}/app#/site/${SITE}?range=today`);
    await panelsSettled(page);
    // Through every view that shows visitor-controlled strings: filters and the cascade tree too.
    await page.locator('[data-panel=channels] button.row-filter').first().click();
    await panelsSettled(page);
    await page.goBack();
    await panelsSettled(page);
    const text = await page.evaluate(() => document.body.textContent ?? '');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-xss.png'), fullPage: true });

    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(await page.locator('main img, main script, main svg[onload]').count()).toBe(0);
    // The payloads are on the page, as text.
    expect(text).toMatch(
      /<img src=x onerror=window\.__xss=1>|%3Cimg%20src=x%20onerror=window\.__xss=1%3E/,
    );

    // The CSV of the campaigns table defuses the formula.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-panel=utm_campaigns] button.export'),
    ]);
    const path = join(ARTIFACTS, `xss-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const csv = readFileSync(path, 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    await page.context().close();
  }, 90_000);

  it('serves a read-only public dashboard only while its link is on', async () => {
    const owner = await openPage(browser);
    await signIn(owner.page, demo.url, EMAIL, PASSWORD);
    await owner.page.goto(`${demo.url}/app#/site/${SITE}/settings`);
    await owner.page.check('#set-public');
    await owner.page.click('.settings-form button[type=submit]');
    const link = owner.page.locator('.public-url a');
    await link.waitFor();
    const publicUrl = (await link.getAttribute('href')) ?? '';
    expect(publicUrl).toMatch(new RegExp(`^${demo.url}/public/[\\w-]+$`));

    // A visitor without a session: the overview, read-only, and nothing else.
    const visitor = await openPage(browser);
    await visitor.page.goto(publicUrl);
    await panelsSettled(visitor.page);
    expect(await visitor.page.textContent('[data-testid=ga4-headline]')).toContain(
      'Of what GA4 would call Direct',
    );
    expect(await visitor.page.textContent('h1')).toBe(SITE);
    expect(await visitor.page.locator('text=Read-only').count()).toBe(1);
    expect(
      await visitor.page.locator('a[href*="settings"], header nav a, form.settings-form').count(),
    ).toBe(0);
    await visitor.page.screenshot({ path: join(ARTIFACTS, 'dashboard-public.png') });
    const api = await visitor.page.evaluate(
      async (site) => (await fetch(`/api/sites/${site}/panels/headline?from=0&to=1`)).status,
      SITE,
    );
    expect(api).toBe(401);
    expect(visitor.problems).toEqual([]);

    // Off again: the address stops working.
    await owner.page.uncheck('#set-public');
    await owner.page.click('.settings-form button[type=submit]');
    await owner.page.locator('.public-url', { hasText: 'The public link is off.' }).waitFor();
    expect((await fetch(publicUrl)).status).toBe(404);
    await owner.page.context().close();
    await visitor.page.context().close();
  }, 60_000);

  it('keeps two users on two sites apart, in the UI and in the API', async () => {
    // The demo's second user owns the second site; both users have the demo's password.
    await collect({
      n: 'pageview',
      d: OTHER_SITE,
      u: `https://${OTHER_SITE}/secret-b-page`,
      k: 'otherview1',
      w: 800,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const a = await openPage(browser);
    await signIn(a.page, demo.url, EMAIL, PASSWORD);
    const b = await openPage(browser);
    await signIn(b.page, demo.url, OTHER_EMAIL, PASSWORD);

    const sitesSeenBy = async (page: typeof a.page) => {
      await page.goto(`${demo.url}/app#/sites`);
      await page.waitForSelector('.site-list, .sites .empty');
      return page
        .locator('[data-site]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-site')));
    };
    /** Statuses of a site's panels, CSV, overview, cascade and goals through `page`'s session. */
    const statuses = (page: typeof a.page, domain: string) =>
      page.evaluate(async (d) => {
        const to = Date.now();
        const range = `from=${to - 86_400_000}&to=${to}`;
        const urls = [
          `/api/sites/${d}/panels/headline?${range}`,
          `/api/sites/${d}/panels/pages?${range}`,
          `/api/sites/${d}/panels/pages.csv?${range}`,
          `/api/sites/${d}/overview?${range}`,
          `/api/sites/${d}/cascades/otherview1`,
          `/api/sites/${d}/goals`,
        ];
        return Promise.all(urls.map(async (url) => (await fetch(url)).status));
      }, domain);

    // A sees only A's site; B's is "not found" in the UI and 404 in the API.
    const aSites = await sitesSeenBy(a.page);
    expect(aSites).toEqual([SITE]);
    await a.page.goto(`${demo.url}/app#/site/${OTHER_SITE}?range=today`);
    await a.page.locator('h1', { hasText: 'Site not found' }).waitFor();
    expect(await a.page.locator('[data-panel]').count()).toBe(0);
    expect(await statuses(a.page, OTHER_SITE)).toEqual([404, 404, 404, 404, 404, 404]);

    // B sees only B's site, with B's page in it, and cannot read A's.
    expect(await sitesSeenBy(b.page)).toEqual([OTHER_SITE]);
    await b.page.goto(`${demo.url}/app#/site/${OTHER_SITE}?range=today`);
    await panelsSettled(b.page);
    expect(await b.page.textContent('[data-panel=pages]')).toContain('/secret-b-page');
    expect(await statuses(b.page, SITE)).toEqual([404, 404, 404, 404, 404, 404]);
    await b.page.goto(`${demo.url}/app#/site/${SITE}/settings`);
    await b.page.locator('h1', { hasText: 'Site not found' }).waitFor();

    // …and A's overview never shows B's page.
    await a.page.goto(`${demo.url}/app#/site/${SITE}?range=today`);
    await panelsSettled(a.page);
    expect(await a.page.textContent('main')).not.toContain('/secret-b-page');
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  }, 90_000);
});
