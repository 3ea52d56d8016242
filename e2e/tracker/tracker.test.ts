import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrackerPayload } from '../../src/core/tracker-payload.ts';
import { shareIntentUrl } from '../../src/links/index.ts';
import { launchChromium } from '../support/chromium.ts';
import { fileRoute, startTestServer, type TestServer } from '../support/test-server.ts';

// The real builds (vitest's global setup runs scripts/build.mjs first), served as a site would.
const TEMPLATE = readFileSync(new URL('fixtures/page.html', import.meta.url), 'utf8');
const TITLE = 'Fixture: a story worth sharing';
const QUOTE =
  'Dark social is the sharing that happens in private channels, where analytics cannot see it.';
const FB_APP_ID = '1234567890';
const TOKEN = /^[A-Za-z0-9_-]{10}$/;
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

// Each test gets its own site name (`data-site`), so late beacons of one never count for another.
let sites = 0;
let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;

interface Fixture {
  /** The page's path; also what `u` starts with. */
  path: string;
  site: string;
}

/** Adds a fixture page with the tracker tag (and optional inline scripts before it). */
function addPage(attributes = 'data-allow-local data-allow-automation', before = ''): Fixture {
  sites += 1;
  const site = `site-${sites}.test`;
  const path = `/t/${sites}.html`;
  const tag = `<script defer src="/p.js" data-site="${site}" data-fb-app-id="${FB_APP_ID}" ${attributes}></script>`;
  const html = TEMPLATE.replace(/<!-- BEFORE:.*-->/, before).replace(/<!-- TRACKER:.*-->/, tag);
  server.routes[path] = { type: 'text/html; charset=utf-8', body: html };
  return { site, path };
}

const payloads = (site: string): TrackerPayload[] =>
  server.requests.map((request) => request.json as TrackerPayload).filter((p) => p?.d === site);

const waitForPayload = async (site: string, match: (payload: TrackerPayload) => boolean) =>
  (
    await server.waitFor(
      (r) => (r.json as TrackerPayload)?.d === site && match(r.json as TrackerPayload),
    )
  ).json as TrackerPayload;

/** Sends a custom event and waits for it: beacons sent before it have arrived by then. */
async function settle(page: Page, site: string): Promise<void> {
  const name = `settle-${Math.random()}`;
  await page.evaluate((event) => window.penumbra?.(event), name);
  await waitForPayload(site, (p) => p.n === name);
  await page.waitForTimeout(50);
}

/** Waits long enough for beacons a tracker would have sent, when the test expects none. */
const quiet = (page: Page) => page.waitForTimeout(400);

async function open(options: BrowserContextOptions = {}, init?: () => void): Promise<Page> {
  context = await browser.newContext(options);
  if (init) await context.addInitScript(init);
  // No internet: answer outbound and web-intent navigations locally.
  await context.route(/^https:\/\/(example\.org|wa\.me)\//, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>elsewhere</title>' }),
  );
  return context.newPage();
}

/** Replaces window.open before the tracker loads, recording what it would have opened. */
function stubWindowOpen(): void {
  const opened: unknown[][] = [];
  Object.assign(window, { __opened: opened });
  window.open = (...args: unknown[]) => {
    opened.push(args);
    return null;
  };
}
const lastOpened = (page: Page) =>
  page.evaluate(() => (window as unknown as { __opened: string[][] }).__opened.at(-1));

/** Follows the share redirect the tracker opened, as that browser would, to the intent URL. */
async function intentOf(page: Page, shareUrl: string): Promise<string> {
  const userAgent = await page.evaluate(() => navigator.userAgent);
  const response = await fetch(shareUrl, {
    redirect: 'manual',
    headers: { 'user-agent': userAgent },
  });
  return response.headers.get('location') ?? `(no redirect: ${response.status})`;
}

const pageviews = (site: string) => payloads(site).filter((p) => p.n === 'pageview');

beforeAll(async () => {
  server = await startTestServer({
    routes: {
      '/p.js': fileRoute('dist/p.js', 'text/javascript'),
      '/tracker.mjs': fileRoute('dist/tracker.mjs', 'text/javascript'),
      '/elsewhere.html': { type: 'text/html', body: '<title>elsewhere</title>' },
    },
    // What Penumbra's GET /share/:channel does (src/server), so a real click can follow it.
    dynamic: (url, request) => {
      const channel = /^\/share\/(\w+)$/.exec(url.pathname)?.[1];
      const u = url.searchParams.get('u') ?? '';
      const intent =
        channel &&
        shareIntentUrl(
          channel,
          u,
          url.searchParams.get('t') ?? '',
          request.headers['user-agent'] ?? '',
          url.searchParams.get('f') || undefined,
          u.split('#')[0]!,
        );
      return intent ? { status: 302, headers: { location: intent } } : undefined;
    },
  });
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('page views', () => {
  it('sends the wire contract: text/plain JSON with site, clean URL, referrer, token, width', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(`${server.origin}${path}?x=1`, { referer: 'https://news.example/' });
    const view = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(view).toMatchObject({
      n: 'pageview',
      d: site,
      u: `${server.origin}${path}?x=1`,
      r: 'https://news.example/',
      w: 1280,
    });
    expect(view.k).toMatch(TOKEN);
    expect(view.a).toBeUndefined();
    expect(view.c).toBeUndefined();
    const request = server.requests.find((r) => (r.json as TrackerPayload).d === site);
    expect(request?.contentType).toMatch(/^text\/plain/);
    // The address bar carries the viewer's own token, for copies of the address.
    expect(page.url()).toBe(`${server.origin}${path}?x=1#pn=${view.k}`);
  });

  it("flags Telegram's in-app browser", async () => {
    const { site, path } = addPage();
    const page = await open({}, () => {
      Object.assign(window, { TelegramWebviewProxy: { postEvent() {} } });
    });
    await page.goto(server.origin + path);
    const view = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(view.c).toEqual({ telegram_webview: true });
  });

  it('counts SPA navigation (pushState, hash routes, back) but not its own token rewrites', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(server.origin + path);
    const first = await waitForPayload(site, (p) => p.n === 'pageview');

    await page.evaluate(() => history.pushState({ step: 2 }, '', '/t/spa-two?tab=1'));
    const second = await waitForPayload(site, (p) => p.n === 'pageview' && p.u.includes('spa-two'));
    expect(second).toMatchObject({ u: `${server.origin}/t/spa-two?tab=1`, r: first.u });
    expect(second.k).toMatch(TOKEN);
    expect(second.k).not.toBe(first.k);
    expect(page.url()).toBe(`${server.origin}/t/spa-two?tab=1#pn=${second.k}`);
    // The rewrite keeps the app's history state.
    expect(await page.evaluate(() => history.state)).toEqual({ step: 2 });

    // Same page again (an app re-stating its URL, without our token): no page view, token back.
    await page.evaluate(() => history.replaceState({ step: 2 }, '', '/t/spa-two?tab=1'));
    expect(page.url()).toBe(`${server.origin}/t/spa-two?tab=1#pn=${second.k}`);

    await page.evaluate(() => {
      location.hash = '#/route-a';
    });
    await waitForPayload(site, (p) => p.n === 'pageview' && p.u.endsWith('#/route-a'));
    // A hash route never gets a token appended: the app's router would read it.
    await expect.poll(() => page.url()).toBe(`${server.origin}/t/spa-two?tab=1#/route-a`);
    await page.evaluate(() => {
      location.hash = '#/route-b';
    });
    await waitForPayload(site, (p) => p.n === 'pageview' && p.u.endsWith('#/route-b'));
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${server.origin}/t/spa-two?tab=1#/route-a`);

    await settle(page, site);
    expect(pageviews(site).map((p) => p.u.replace(server.origin, ''))).toEqual([
      path,
      '/t/spa-two?tab=1',
      '/t/spa-two?tab=1#/route-a',
      '/t/spa-two?tab=1#/route-b',
      '/t/spa-two?tab=1#/route-a',
    ]);
    expect(new Set(pageviews(site).map((p) => p.k)).size).toBe(5);
  });
});

describe('tokens in the address bar', () => {
  it('reports the arrival token and channel, then shows the viewer’s own token instead', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(`${server.origin}${path}#pn=Parent_123&pc=whatsapp`);
    const view = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(view).toMatchObject({ a: 'Parent_123', ac: 'whatsapp', u: server.origin + path });
    expect(view.k).not.toBe('Parent_123');
    expect(page.url()).toBe(`${server.origin}${path}#pn=${view.k}`);
  });

  it('keeps anchors working: scrolls to them on arrival and on later clicks', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(`${server.origin}${path}#section-2&pn=Parent_123`);
    const view = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(view).toMatchObject({ a: 'Parent_123', u: `${server.origin}${path}#section-2` });
    expect(page.url()).toBe(`${server.origin}${path}#section-2&pn=${view.k}`);
    const top = (id: string) =>
      page.evaluate((element) => document.getElementById(element)!.getBoundingClientRect().top, id);
    expect(Math.abs(await top('section-2'))).toBeLessThan(2);

    await page.click('#to-section-3');
    await expect.poll(() => page.url()).toBe(`${server.origin}${path}#section-3&pn=${view.k}`);
    expect(Math.abs(await top('section-3'))).toBeLessThan(2);
    await settle(page, site);
    expect(pageviews(site)).toHaveLength(1);
  });

  it('with data-address-bar="off", only removes the arrival token', async () => {
    const { site, path } = addPage('data-allow-local data-allow-automation data-address-bar="off"');
    const page = await open();
    await page.goto(`${server.origin}${path}#section-2&pn=Parent_123&pc=sms`);
    const view = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(view).toMatchObject({ a: 'Parent_123', ac: 'sms' });
    expect(page.url()).toBe(`${server.origin}${path}#section-2`);
  });
});

describe('share buttons', () => {
  const shared = (origin: string, path: string, k: string, channel: string, anchor = '') =>
    `${origin}${path}#${anchor ? `${anchor}&` : ''}pn=${k}&pc=${channel}`;

  it('opens the exact intent URL of every channel on desktop, with token and channel', async () => {
    const { site, path } = addPage();
    const page = await open({}, stubWindowOpen);
    await page.goto(server.origin + path);
    const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
    const e = encodeURIComponent;
    const link = (channel: string) => e(shared(server.origin, path, k!, channel));
    const expected: Record<string, [string, string]> = {
      whatsapp: [`https://wa.me/?text=${link('whatsapp')}`, '_blank'],
      telegram: [`https://t.me/share/url?url=${link('telegram')}&text=${e(TITLE)}`, '_blank'],
      messenger: [
        `https://www.facebook.com/dialog/send?app_id=${FB_APP_ID}&link=${link('messenger')}&redirect_uri=${e(server.origin + path)}`,
        '_self',
      ],
      sms: [`sms:?body=${link('sms')}`, '_self'],
      email: [`mailto:?subject=${e(TITLE)}&body=${link('email')}`, '_self'],
      line: [`https://social-plugins.line.me/lineit/share?url=${link('line')}`, '_blank'],
      viber: [`viber://forward?text=${link('viber')}`, '_self'],
    };
    for (const [channel, [intent, target]] of Object.entries(expected)) {
      await page.click(`[data-penumbra-share="${channel}"]`);
      const [shareUrl, openedTarget] = (await lastOpened(page)) ?? [];
      expect(shareUrl, channel).toMatch(new RegExp(`^${server.origin}/share/${channel}\\?u=`));
      expect(openedTarget, channel).toBe(target);
      expect(await intentOf(page, shareUrl!), channel).toBe(intent);
      const event = await waitForPayload(site, (p) => p.n === 'share' && p.ch === channel);
      expect(event.k).toBe(k);
    }
    // The page did not move: share clicks are not navigation.
    expect(page.url()).toBe(`${server.origin}${path}#pn=${k}`);
  });

  it('uses the mobile intents on iOS and Android', async () => {
    for (const [userAgent, sms] of [
      [IPHONE, 'sms:&body='],
      [ANDROID, 'sms:?body='],
    ] as const) {
      const { site, path } = addPage();
      const page = await open({ userAgent }, stubWindowOpen);
      await page.goto(server.origin + path);
      const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
      const link = (channel: string) =>
        encodeURIComponent(shared(server.origin, path, k!, channel));
      await page.click('[data-penumbra-share="messenger"]');
      const [messenger, messengerTarget] = (await lastOpened(page)) ?? [];
      expect(messengerTarget).toBe('_self');
      expect(await intentOf(page, messenger!)).toBe(
        `fb-messenger://share?link=${link('messenger')}`,
      );
      await page.click('[data-penumbra-share="sms"]');
      const [smsUrl, smsTarget] = (await lastOpened(page)) ?? [];
      expect(smsTarget).toBe('_self');
      expect(await intentOf(page, smsUrl!)).toBe(`${sms}${link('sms')}`);
      await context?.close();
    }
  });

  it('keeps the anchor in the shared URL and really opens web intents in a new tab', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(`${server.origin}${path}#section-2`);
    const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
    const link = shared(server.origin, path, k!, 'whatsapp', 'section-2');
    const intent = `https://wa.me/?text=${encodeURIComponent(link)}`;
    // Playwright's routes do not see redirect targets, so watch for the request itself: the
    // new tab went to Penumbra's /share/whatsapp and was redirected to the intent.
    const [popup, request] = await Promise.all([
      context!.waitForEvent('page'),
      context!.waitForEvent('request', (r) => r.url() === intent),
      page.click('[data-penumbra-share="whatsapp"]'),
    ]);
    expect(request.redirectedFrom()?.url()).toMatch(`${server.origin}/share/whatsapp?u=`);
    // noopener: the intent's page gets no handle on this one.
    expect(await popup.evaluate(() => window.opener)).toBeNull();
  });

  it('copies the tokened URL, and hands it to the Web Share API', async () => {
    const { site, path } = addPage();
    const page = await open({ permissions: ['clipboard-read', 'clipboard-write'] }, () => {
      Object.defineProperty(navigator, 'share', {
        value: (data: unknown) => {
          Object.assign(window, { __shared: data });
          return Promise.resolve();
        },
      });
    });
    await page.goto(server.origin + path);
    const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
    await page.click('[data-penumbra-share="copy"]');
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(shared(server.origin, path, k!, 'copy'));
    await page.click('[data-penumbra-share="native"]');
    expect(
      await page.evaluate(() => (window as unknown as { __shared: unknown }).__shared),
    ).toEqual({ url: shared(server.origin, path, k!, 'native'), title: TITLE });
    await settle(page, site);
    expect(
      payloads(site)
        .filter((p) => p.n === 'share')
        .map((p) => [p.ch, p.k]),
    ).toEqual([
      ['copy', k],
      ['native', k],
    ]);
    // The copy link is an <a href>: the click did not follow it.
    expect(page.url()).toBe(`${server.origin}${path}#pn=${k}`);
  });
});

describe('copying text', () => {
  async function copy(page: Page, id: string): Promise<string> {
    await page.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(element)!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, id);
    await page.keyboard.press('Control+C');
    return page.evaluate(() => navigator.clipboard.readText());
  }

  it('with data-copy-link, appends the tokened URL and reports a copy share', async () => {
    const { site, path } = addPage('data-allow-local data-allow-automation data-copy-link');
    const page = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(server.origin + path);
    const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(await copy(page, 'quote')).toBe(`${QUOTE}\n${server.origin}${path}#pn=${k}&pc=copy`);
    const event = await waitForPayload(site, (p) => p.n === 'share');
    expect(event).toMatchObject({ ch: 'copy', k });
  });

  it('without it, leaves the clipboard alone but still reports; ignores a stray word', async () => {
    const { site, path } = addPage();
    const page = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(server.origin + path);
    await waitForPayload(site, (p) => p.n === 'pageview');
    expect(await copy(page, 'short')).toBe('Hello');
    expect(await copy(page, 'quote')).toBe(QUOTE);
    await settle(page, site);
    expect(payloads(site).filter((p) => p.n === 'share')).toHaveLength(1);
  });
});

describe('events', () => {
  it('sends custom events, including those queued before the script loaded', async () => {
    const queue =
      '<script>window.penumbra = window.penumbra || function () { (penumbra.q = penumbra.q || []).push(arguments) }; penumbra("signup", { props: { plan: "pro" } });</script>';
    const { site, path } = addPage(undefined, queue);
    const page = await open();
    await page.goto(server.origin + path);
    const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(await waitForPayload(site, (p) => p.n === 'signup')).toMatchObject({
      p: { plan: 'pro' },
      k,
    });
    await page.evaluate(() => window.penumbra?.('later'));
    expect((await waitForPayload(site, (p) => p.n === 'later')).p).toBeUndefined();
  });

  it('reports outbound clicks, not internal ones', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(server.origin + path);
    await waitForPayload(site, (p) => p.n === 'pageview');
    await page.click('#internal');
    await page.waitForURL(/elsewhere\.html/);
    await page.goBack();
    await waitForPayload(site, (p) => p.n === 'pageview' && payloads(site).indexOf(p) > 0);
    await page.click('#outbound');
    const event = await waitForPayload(site, (p) => p.n === 'outbound');
    expect(event.o).toBe('https://example.org/elsewhere');
    expect(payloads(site).filter((p) => p.n === 'outbound')).toHaveLength(1);
  });

  it('reports engagement time when the visitor leaves', async () => {
    const { site, path } = addPage();
    const page = await open();
    await page.goto(server.origin + path);
    const { k } = await waitForPayload(site, (p) => p.n === 'pageview');
    await page.waitForTimeout(300);
    await page.goto(`${server.origin}/elsewhere.html`);
    const event = await waitForPayload(site, (p) => p.n === 'engagement');
    expect(event.k).toBe(k);
    expect(event.e).toBeGreaterThanOrEqual(250);
  });

  it('works the same from the ES module build', async () => {
    sites += 1;
    const site = `site-${sites}.test`;
    server.routes['/t/esm.html'] = {
      type: 'text/html',
      body: `<!doctype html><title>esm</title><script type="module">import { init } from '/tracker.mjs'; window.penumbra = init({ site: '${site}', allowLocal: true, allowAutomation: true });</script>`,
    };
    const page = await open();
    await page.goto(`${server.origin}/t/esm.html#pn=Parent_123`);
    const view = await waitForPayload(site, (p) => p.n === 'pageview');
    expect(view).toMatchObject({ u: `${server.origin}/t/esm.html`, a: 'Parent_123' });
    expect(page.url()).toBe(`${server.origin}/t/esm.html#pn=${view.k}`);
  });
});

describe('privacy', () => {
  it('respects Do Not Track and GPC when the site asks: nothing sent, no token anywhere', async () => {
    const signals = [
      () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }),
      () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    ];
    for (const signal of signals) {
      const { site, path } = addPage('data-allow-local data-allow-automation data-respect-dnt');
      const page = await open({}, signal);
      await page.addInitScript(stubWindowOpen);
      await page.goto(`${server.origin}${path}#pn=Parent_123`);
      // Share buttons still work, with a clean URL.
      await page.click('[data-penumbra-share="whatsapp"]');
      expect(await intentOf(page, (await lastOpened(page))![0]!)).toBe(
        `https://wa.me/?text=${encodeURIComponent(server.origin + path)}`,
      );
      await quiet(page);
      expect(payloads(site)).toEqual([]);
      expect(page.url()).toBe(server.origin + path);
      await context?.close();
    }
  });

  it('tracks a Do Not Track browser when the site did not ask to respect it', async () => {
    const { site, path } = addPage();
    const page = await open({}, () =>
      Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }),
    );
    await page.goto(server.origin + path);
    await waitForPayload(site, (p) => p.n === 'pageview');
  });

  it('ignores localhost and automation unless allowed', async () => {
    const local = addPage('data-allow-automation');
    const page = await open();
    await page.goto(server.origin + local.path);
    const robot = addPage('data-allow-local');
    const robotPage = await context!.newPage();
    await robotPage.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => true }),
    );
    await robotPage.goto(server.origin + robot.path);
    await quiet(page);
    expect(payloads(local.site)).toEqual([]);
    expect(payloads(robot.site)).toEqual([]);
  });

  it('sets no cookies and stores nothing', async () => {
    const { site, path } = addPage('data-allow-local data-allow-automation data-copy-link');
    const page = await open({ permissions: ['clipboard-read', 'clipboard-write'] }, stubWindowOpen);
    await page.goto(`${server.origin}${path}#pn=Parent_123&pc=email`);
    await waitForPayload(site, (p) => p.n === 'pageview');
    await page.click('[data-penumbra-share="whatsapp"]');
    await page.evaluate(() => history.pushState(null, '', '/t/next'));
    await settle(page, site);
    expect(await context!.cookies()).toEqual([]);
    expect(
      await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]),
    ).toEqual(['', 0, 0]);
  });
});
