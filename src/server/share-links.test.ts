import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenSecret } from './api-tokens.ts';
import { loadServerConfig } from './config.ts';
import { type RunningServer, startServer } from './start-server.ts';

const PERSON =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
/** Real preview-fetcher user agents, from the classifier's labelled corpus. */
const PREVIEW_AGENTS = readFileSync(
  join(import.meta.dirname, '../classify/corpus/hits.jsonl'),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map(
    (line) =>
      JSON.parse(line) as {
        hit: { user_agent?: string; method?: string };
        expect: { class: string };
      },
  )
  .filter((row) => row.expect.class === 'preview' && row.hit.user_agent && !row.hit.method)
  .map((row) => row.hit.user_agent!);

let server: RunningServer;
let token: string;
let siteId: string;
const fetchedCards: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-links-'));
  server = await startServer(loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }, {}), {
    prepare: async ({ state }) => {
      siteId = (await state.createSite('news.example', { extraDomains: ['www.news.example'] })).id;
      await state.createSite('other.example');
      const secret = createApiTokenSecret();
      await state.createApiToken({
        name: 't',
        tokenHash: secret.hash,
        prefix: secret.prefix,
        siteIds: [siteId],
      });
      token = secret.token;
      return undefined;
    },
    fetchCard: async (url) => {
      fetchedCards.push(url);
      return {
        title: 'Soup <script>alert(1)</script>',
        description: 'Warm',
        image: 'https://news.example/soup.jpg',
        siteName: 'News',
      };
    },
  });
});
afterAll(() => server.close());

async function createLink(body: Record<string, unknown>) {
  return fetch(`${server.url}/api/links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const visit = (code: string, userAgent: string, method = 'GET') =>
  fetch(`${server.url}/s/${code}`, {
    method,
    redirect: 'manual',
    headers: { 'user-agent': userAgent },
  });

async function storedEvents(name: string) {
  await new Promise((resolve) => setTimeout(resolve, 30));
  await server.collector.flush();
  return server.events.list(siteId, { name });
}

describe('share links', () => {
  it('creates one code per target, channel and campaign, only for the token’s sites', async () => {
    const first = await createLink({
      url: 'https://news.example/soup#recipe',
      channel: 'whatsapp',
      campaign: 'winter',
      utm: true,
    });
    expect(first.status).toBe(201);
    const link = await first.json();
    expect(link).toMatchObject({
      target: 'https://news.example/soup#recipe',
      channel: 'whatsapp',
      short_url: `${server.url}/s/${link.code}`,
    });
    const again = await (
      await createLink({
        url: 'https://news.example/soup#recipe',
        channel: 'whatsapp',
        campaign: 'winter',
        utm: true,
      })
    ).json();
    expect(again.code).toBe(link.code);
    const other = await (
      await createLink({
        url: 'https://news.example/soup#recipe',
        channel: 'email',
        campaign: 'winter',
        utm: true,
      })
    ).json();
    expect(other.code).not.toBe(link.code);
    // No open redirect: a target outside the token's sites is refused.
    expect((await createLink({ url: 'https://evil.example/phish' })).status).toBe(400);
    expect((await createLink({ url: 'https://other.example/page' })).status).toBe(400);
    expect((await createLink({ url: 'javascript:alert(1)' })).status).toBe(400);
    const noToken = await fetch(`${server.url}/api/links`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('redirects a person with a fresh token and the channel, and records the click after', async () => {
    const { code } = await (
      await createLink({
        url: 'https://news.example/soup#recipe',
        channel: 'whatsapp',
        campaign: 'winter',
        utm: true,
      })
    ).json();
    const response = await visit(code, PERSON);
    expect(response.status).toBe(302);
    const location = response.headers.get('location')!;
    expect(location).toMatch(
      /^https:\/\/news\.example\/soup\?utm_source=whatsapp&utm_medium=share_link&utm_campaign=winter#recipe&pn=[\w-]{10}&pc=whatsapp$/,
    );
    await visit(code, PERSON); // the same person again within the hour: a repeat, not unique
    const clicks = await storedEvents('click');
    expect(clicks).toHaveLength(2);
    expect(clicks[0]).toMatchObject({
      share_channel: 'whatsapp',
      view_token: location.split('pn=')[1]!.split('&')[0],
      path: '/soup',
    });
    expect(clicks.map((click) => JSON.parse(click.props).unique)).toEqual([true, false]);
  });

  it('answers repeat clicks from the fast path exactly as the route answers the first', async () => {
    const { code } = await (
      await createLink({ url: 'https://news.example/fast#top', channel: 'telegram' })
    ).json();
    const before = (await storedEvents('click')).length;
    // The first request fills the link cache through Fastify; the next ones skip Fastify.
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await visit(code, PERSON));
    const shape = (response: Response) => ({
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      referrerPolicy: response.headers.get('referrer-policy'),
      location: response.headers.get('location')?.replace(/pn=[\w-]{10}/, 'pn=TOKEN'),
    });
    expect(responses.map(shape)).toEqual(
      Array.from({ length: 3 }, () => ({
        status: 302,
        cacheControl: 'no-store',
        referrerPolicy: 'no-referrer',
        location: 'https://news.example/fast#top&pn=TOKEN&pc=telegram',
      })),
    );
    const tokens = responses.map((response) => response.headers.get('location')!.split('pn=')[1]);
    expect(new Set(tokens).size).toBe(3);
    const clicks = (await storedEvents('click')).slice(before);
    expect(clicks.map((click) => click.view_token).sort()).toEqual(
      tokens.map((token) => token!.split('&')[0]).sort(),
    );
    // HEAD and preview fetchers still go through the route: no click for them.
    expect((await visit(code, PERSON, 'HEAD')).status).toBe(302);
    expect((await storedEvents('click')).length).toBe(before + 3);
  });

  it('gives every real preview fetcher the card, records a preview, never a click', async () => {
    const { code } = await (
      await createLink({ url: 'https://news.example/bread', channel: 'telegram' })
    ).json();
    const before = (await storedEvents('click')).length;
    expect(PREVIEW_AGENTS.length).toBeGreaterThan(50);
    for (const agent of PREVIEW_AGENTS) {
      const response = await visit(code, agent);
      expect(response.status, agent).toBe(200);
      const html = await response.text();
      expect(html).toContain(
        '<meta property="og:title" content="Soup &lt;script&gt;alert(1)&lt;/script&gt;">',
      );
      expect(html).not.toContain('<script>');
    }
    expect(fetchedCards.filter((url) => url === 'https://news.example/bread')).toHaveLength(1); // cached
    expect((await storedEvents('click')).length).toBe(before);
    const previews = await storedEvents('preview');
    expect(previews.length).toBe(PREVIEW_AGENTS.length);
    expect(previews.find((p) => p.channel === 'whatsapp')?.visitor_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('lets HEAD requests and bots through without a click, and 404s unknown codes', async () => {
    const { code } = await (await createLink({ url: 'https://news.example/tea' })).json();
    const before = (await storedEvents('click')).length;
    expect((await visit(code, PERSON, 'HEAD')).status).toBe(302);
    const bot = await visit(
      code,
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    );
    expect(bot.headers.get('location')).toBe('https://news.example/tea');
    expect((await storedEvents('click')).length).toBe(before);
    const missing = await visit('nope1234', PERSON);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('This link does not exist');
    expect((await visit('<script>', PERSON)).status).toBe(404);
  });
});

describe('POST /api/sites/:domain/previews', () => {
  const report = (domain: string, body: unknown, auth = token) =>
    fetch(`${server.url}/api/sites/${domain}/previews`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}` },
      body: JSON.stringify(body),
    });

  it('records previews reported by another stack, and only previews', async () => {
    const before = (await storedEvents('preview')).length;
    const whatsapp = await report('news.example', {
      url: 'https://news.example/pie',
      user_agent: 'WhatsApp/2.23.20.0 A',
      ip: '198.51.100.7',
    });
    expect(whatsapp.status).toBe(202);
    expect(await whatsapp.json()).toEqual({ recorded: true });
    const person = await report('news.example', {
      url: 'https://news.example/pie',
      user_agent: PERSON,
    });
    expect(await person.json()).toEqual({ recorded: false });
    const previews = await storedEvents('preview');
    expect(previews.length).toBe(before + 1);
    expect(previews.at(-1)).toMatchObject({ path: '/pie', channel: 'whatsapp' });
  });

  it('refuses bad bodies, unknown tokens and other sites', async () => {
    expect((await report('news.example', { url: 'ftp://x', user_agent: 'a' })).status).toBe(400);
    expect(
      (await report('news.example', { url: 'https://news.example/', user_agent: 'a', extra: 1 }))
        .status,
    ).toBe(400);
    expect(
      (
        await report(
          'news.example',
          { url: 'https://news.example/', user_agent: 'a' },
          'pnb_forged',
        )
      ).status,
    ).toBe(401);
    expect(
      (await report('other.example', { url: 'https://other.example/', user_agent: 'WhatsApp/2' }))
        .status,
    ).toBe(404);
  });
});

describe('POST /api/previews (site taken from the URL)', () => {
  it('accepts a report for one of the token’s sites and refuses others', async () => {
    const post = (body: unknown) =>
      fetch(`${server.url}/api/previews`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const ok = await post({
      url: 'https://www.news.example/cake',
      user_agent: 'TelegramBot (like TwitterBot)',
    });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ recorded: true });
    expect(
      (
        await post({
          url: 'https://other.example/cake',
          user_agent: 'TelegramBot (like TwitterBot)',
        })
      ).status,
    ).toBe(404);
    expect((await post({ url: 'not a url', user_agent: 'x' })).status).toBe(404);
  });
});
