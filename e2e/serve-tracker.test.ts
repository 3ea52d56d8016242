import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiTokenSecret,
  loadServerConfig,
  type RunningServer,
  startServer,
} from '../src/server/index.ts';
import { launchChromium } from './support/chromium.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const SITE = 'e2e.example';
const IPHONE_WHATSAPP =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 [WAiOS/2.25.31]';

const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

let penumbra: RunningServer;
let site: TestServer;
let browser: Browser;
let siteId: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-e2e-'));
  penumbra = await startServer(
    loadServerConfig({ port: 0, dataDir, logLevel: 'silent', fsync: 'always' }, {}),
    {
      prepare: async ({ state }) => {
        siteId = (await state.createSite(SITE)).id;
        return undefined;
      },
    },
  );
  // The site lives on another origin and loads the tracker from Penumbra, as a real site would.
  const page = readFileSync(new URL('tracker/fixtures/page.html', import.meta.url), 'utf8').replace(
    /<!-- TRACKER:.*-->/,
    `<script defer src="${penumbra.url}/p.js" data-site="${SITE}" data-allow-local data-allow-automation></script>`,
  );
  site = await startTestServer({
    collectPath: false,
    routes: { '/story.html': { type: 'text/html', body: page } },
  });
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await penumbra?.close();
});

async function storedEvents(match: (name: string) => boolean, count: number) {
  for (let i = 0; i < 100; i++) {
    await penumbra.collector.flush();
    const events = (await penumbra.events.list(siteId)).filter((event) => match(event.name));
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} events stored`);
}

describe('tracker → real collector → DuckDB', () => {
  it('stores page views with classification, and the edge of an arrival by a shared link', async () => {
    // Visitor A reads the story on a desktop browser, then shares it through WhatsApp.
    // (Headless Chromium says "HeadlessChrome", which the collector rightly drops as a bot.)
    const a = await browser.newContext({ userAgent: DESKTOP });
    const pageA = await a.newPage();
    await pageA.goto(`${site.origin}/story.html`);
    const [viewA] = await storedEvents((name) => name === 'pageview', 1);
    expect(viewA).toMatchObject({
      path: '/story.html',
      class: 'direct',
      view_token: expect.stringMatching(/^[\w-]{10}$/),
    });
    await pageA.click('[data-penumbra-share="copy"]');
    await storedEvents((name) => name === 'share', 1);

    // Visitor B opens the link A would have sent, inside WhatsApp's in-app browser.
    const b = await browser.newContext({ userAgent: IPHONE_WHATSAPP });
    const pageB = await b.newPage();
    await pageB.goto(`${site.origin}/story.html#pn=${viewA!.view_token}&pc=whatsapp`);
    const views = await storedEvents((name) => name === 'pageview', 2);
    const viewB = views.find((event) => event.parent_token === viewA!.view_token);
    expect(viewB).toMatchObject({
      class: 'dark_social',
      channel: 'whatsapp',
      share_channel: 'whatsapp',
    });
    expect(viewB!.visitor_id).not.toBe(viewA!.visitor_id);

    const edges = await penumbra.events.edges(siteId);
    const health = await (await fetch(`${penumbra.url}/health`)).json();
    expect(health.ingest.dropped.bot).toBe(0);
    expect(edges).toContainEqual(
      expect.objectContaining({
        parent_token: viewA!.view_token,
        child_token: viewB!.view_token,
        channel: 'whatsapp',
      }),
    );
    // SPA navigation on B's page is a new page view with a new token, still B's visit.
    await pageB.evaluate(() => history.pushState({}, '', '/story-2.html'));
    const after = await storedEvents((name) => name === 'pageview', 3);
    expect(after.find((event) => event.path === '/story-2.html')?.session_id).toBe(
      viewB!.session_id,
    );
    await a.close();
    await b.close();
  });
});

describe('a three-generation cascade through real browsers', () => {
  it('A shares by WhatsApp, B (in WhatsApp) shares by copy, C arrives: the API returns the tree', async () => {
    const secret = createApiTokenSecret();
    await penumbra.state.createApiToken({
      name: 'e2e',
      tokenHash: secret.hash,
      prefix: secret.prefix,
      siteIds: [],
    });
    const api = (path: string) =>
      fetch(`${penumbra.url}/api/sites/${SITE}${path}`, {
        headers: { authorization: `Bearer ${secret.token}` },
      });
    const viewsBefore = (await storedEvents((name) => name === 'pageview', 0)).length;

    // A: a desktop reader clicks the WhatsApp button; the tracker opens Penumbra's /share/whatsapp.
    const a = await browser.newContext({ userAgent: DESKTOP });
    await a.addInitScript(() => {
      window.open = (url?: string | URL) => {
        (window as unknown as { __opened: string }).__opened = String(url);
        return null;
      };
    });
    const pageA = await a.newPage();
    await pageA.goto(`${site.origin}/story.html`);
    await pageA.click('[data-penumbra-share="whatsapp"]');
    const shareUrl = await pageA.evaluate(
      () => (window as unknown as { __opened: string }).__opened,
    );
    const intent = (
      await fetch(shareUrl, { redirect: 'manual', headers: { 'user-agent': DESKTOP } })
    ).headers.get('location')!;
    const sharedByA = decodeURIComponent(intent.replace('https://wa.me/?text=', ''));
    expect(sharedByA).toMatch(/#pn=[\w-]{10}&pc=whatsapp$/);

    // B opens it inside WhatsApp and copies the link (the copy button) for someone else.
    const b = await browser.newContext({
      userAgent: IPHONE_WHATSAPP,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const pageB = await b.newPage();
    await pageB.goto(sharedByA);
    await pageB.click('[data-penumbra-share="copy"]');
    const sharedByB = await pageB.evaluate(() => navigator.clipboard.readText());
    expect(sharedByB).toMatch(/#pn=[\w-]{10}&pc=copy$/);

    // C opens B's link in a desktop browser.
    const c = await browser.newContext({ userAgent: `${DESKTOP} Edg/126.0` });
    const pageC = await c.newPage();
    await pageC.goto(sharedByB);
    const views = await storedEvents((name) => name === 'pageview', viewsBefore + 3);
    const tokenC = sharedByB.split('pn=')[1]!.split('&')[0]!;
    const viewC = views.find((view) => view.parent_token === tokenC)!;

    const cascade = await (await api(`/cascades/${viewC.view_token}`)).json();
    expect(cascade).toMatchObject({ depth: 2, size: 3 });
    expect(cascade.root).toMatchObject({
      token: sharedByA.split('pn=')[1]!.split('&')[0],
      generation: 0,
      children: [
        {
          token: tokenC,
          channel: 'whatsapp',
          generation: 1,
          children: [{ token: viewC.view_token, channel: 'unknown', generation: 2, children: [] }],
        },
      ],
    });
    const figures = await (await api('/cascades?path=/story.html')).json();
    expect(figures).toMatchObject({ depth: 2 });
    expect(figures.shares).toBeGreaterThanOrEqual(2);
    expect(figures.arrivals).toBeGreaterThanOrEqual(2);
    expect((await api('/cascades/not-a-token')).status).toBe(404);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
