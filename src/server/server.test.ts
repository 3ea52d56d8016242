import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenSecret } from './api-tokens.ts';
import { loadServerConfig } from './config.ts';
import { type RunningServer, startServer } from './start-server.ts';

const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const WHATSAPP_IN_APP =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 [WAiOS/2.25.31]';

let server: RunningServer;
let siteA: string;

async function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/event`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'text/plain', 'user-agent': UA, ...headers },
  });
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-server-'));
  const config = loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }, {});
  server = await startServer(config, {
    prepare: async ({ state }) => {
      siteA = (await state.createSite('a.example', { excludedPaths: ['/private/**'] })).id;
      await state.createSite('b.example', { respectDoNotTrack: true });
      return undefined;
    },
  });
});
afterAll(() => server.close());

describe('POST /api/event', () => {
  it('accepts a page view, classifies it and stores it', async () => {
    const response = await post(
      {
        n: 'pageview',
        d: 'a.example',
        u: 'https://a.example/2026/11/story',
        r: '',
        k: 'Ab3dE5gH9k',
      },
      { 'user-agent': WHATSAPP_IN_APP },
    );
    expect(response.status).toBe(202);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await server.collector.flush();
    const [event] = await server.events.list(siteA, { name: 'pageview' });
    expect(event).toMatchObject({
      class: 'dark_social',
      channel: 'whatsapp',
      rule: 'R5.in_app',
      path: '/2026/11/story',
      view_token: 'Ab3dE5gH9k',
      browser: 'WhatsApp',
      device: 'mobile',
    });
    expect(event!.visitor_id).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(event)).not.toContain('127.0.0.1');
  });

  it('answers 400 with a reason for bad payloads and 413 for huge bodies', async () => {
    const bad = await post('{"n":"pageview"');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'body is not valid JSON' });
    const noUrl = await post({ n: 'pageview', d: 'a.example' });
    expect((await noUrl.json()).error).toMatch(/^u: /);
    const huge = await post({
      n: 'x',
      d: 'a.example',
      u: `https://a.example/${'a'.repeat(20_000)}`,
    });
    expect(huge.status).toBe(413);
  });

  it('answers 202 with a typed reason for every drop, and counts it', async () => {
    const unknown = await post({
      n: 'pageview',
      d: 'nobody.example',
      u: 'https://nobody.example/',
    });
    expect(unknown.status).toBe(202);
    expect(unknown.headers.get('x-penumbra-dropped')).toBe('unknown_site');
    const bot = await post(
      { n: 'pageview', d: 'a.example', u: 'https://a.example/' },
      { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    );
    expect(bot.headers.get('x-penumbra-dropped')).toBe('bot');
    const excluded = await post({
      n: 'pageview',
      d: 'a.example',
      u: 'https://a.example/private/x/y',
    });
    expect(excluded.headers.get('x-penumbra-dropped')).toBe('excluded_path');
    const dnt = await post(
      { n: 'pageview', d: 'b.example', u: 'https://b.example/' },
      { 'sec-gpc': '1' },
    );
    expect(dnt.headers.get('x-penumbra-dropped')).toBe('do_not_track');
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health.ingest.dropped).toMatchObject({
      unknown_site: 1,
      bot: 1,
      excluded_path: 1,
      do_not_track: 1,
    });
  });

  it('answers alike whether the fast path or the Fastify route takes the request', async () => {
    const payload = JSON.stringify({ n: 'pageview', d: 'nobody.example', u: 'https://x.example/' });
    const send = (headers: Record<string, string>, chunked: boolean) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
        (resolve, reject) => {
          const request = httpRequest(
            `${server.url}/api/event`,
            { method: 'POST', headers: { 'user-agent': UA, ...headers } },
            (response) => {
              let body = '';
              response.on('data', (chunk: Buffer) => {
                body += chunk.toString();
              });
              response.on('end', () =>
                resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
              );
            },
          );
          request.on('error', reject);
          // Without a declared length the body is chunked, which only the route takes.
          if (!chunked) request.setHeader('content-length', Buffer.byteLength(payload));
          request.end(payload);
        },
      );
    const fast = await send({ 'content-type': 'text/plain' }, false);
    const routed = await send({ 'content-type': 'text/plain' }, true);
    for (const response of [fast, routed]) {
      expect(response.status).toBe(202);
      expect(response.body).toBe('');
      expect(response.headers['x-penumbra-dropped']).toBe('unknown_site');
      expect(response.headers['access-control-allow-origin']).toBe('*');
    }
    const [fastBad, routedBad] = await Promise.all(
      [false, true].map(
        (chunked) =>
          new Promise<string>((resolve, reject) => {
            const request = httpRequest(
              `${server.url}/api/event`,
              { method: 'POST', headers: { 'content-type': 'text/plain', 'user-agent': UA } },
              (response) => {
                let body = `${response.statusCode} ${response.headers['content-type']} `;
                response.on('data', (chunk: Buffer) => {
                  body += chunk.toString();
                });
                response.on('end', () => resolve(body));
              },
            );
            request.on('error', reject);
            if (!chunked) request.setHeader('content-length', 3);
            request.end('{"n');
          }),
      ),
    );
    expect(fastBad).toBe('400 application/json; charset=utf-8 {"error":"body is not valid JSON"}');
    expect(routedBad).toBe(fastBad);
  });

  it('records the share edge of an arrival with a token', async () => {
    await post(
      { n: 'pageview', d: 'a.example', u: 'https://a.example/p/q', k: 'ParentTok1' },
      { 'x-forwarded-for': '1.1.1.1' },
    );
    await post(
      {
        n: 'pageview',
        d: 'a.example',
        u: 'https://a.example/p/q',
        k: 'ChildTok22',
        a: 'ParentTok1',
        ac: 'telegram',
      },
      { 'user-agent': `${UA} Other` },
    );
    await server.collector.flush();
    const edges = await server.events.edges(siteA);
    expect(edges).toContainEqual(
      expect.objectContaining({
        parent_token: 'ParentTok1',
        child_token: 'ChildTok22',
        channel: 'telegram',
      }),
    );
  });
});

describe('API and assets', () => {
  it('serves the OpenAPI document and health', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/sites/{domain}/panels/{name}',
      '/api/sites/{domain}/stats',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.paths)).toContain('/api/event');
  });

  it('scopes the summary API to the token’s sites', async () => {
    const all = createApiTokenSecret();
    await server.state.createApiToken({
      name: 'all',
      tokenHash: all.hash,
      prefix: all.prefix,
      siteIds: [],
    });
    const onlyB = createApiTokenSecret();
    const b = await server.state.findSiteByDomain('b.example');
    await server.state.createApiToken({
      name: 'b',
      tokenHash: onlyB.hash,
      prefix: onlyB.prefix,
      siteIds: [b!.id],
    });
    const get = (token: string | null, domain: string) =>
      fetch(
        `${server.url}/api/sites/${domain}/summary`,
        token ? { headers: { authorization: `Bearer ${token}` } } : {},
      );
    expect((await get(null, 'a.example')).status).toBe(401);
    expect((await get('pnb_wrong', 'a.example')).status).toBe(401);
    expect((await get(onlyB.token, 'a.example')).status).toBe(404);
    const summary = await (await get(all.token, 'a.example')).json();
    expect(summary.rows).toContainEqual(
      expect.objectContaining({
        name: 'pageview',
        class: 'dark_social',
        channel: 'whatsapp',
        events: 1,
        visitors: 1,
      }),
    );
  });

  it('renders the home page with a strict CSP', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('penumbra sites add');
  });
});

describe('GET /share/:channel', () => {
  const share = (channel: string, query: string, userAgent = UA) =>
    fetch(`${server.url}/share/${channel}?${query}`, {
      redirect: 'manual',
      headers: { 'user-agent': userAgent },
    });
  const u = encodeURIComponent('https://a.example/story#pn=Ab3dE5gH9k&pc=whatsapp');

  it('redirects to the channel’s intent URL, built for the sharer’s device', async () => {
    const response = await share('whatsapp', `u=${u}&t=Title`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`https://wa.me/?text=${u}`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const sms = await share('sms', `u=${u}`, WHATSAPP_IN_APP);
    expect(sms.headers.get('location')).toBe(`sms:&body=${u}`);
  });

  it('refuses what is not a share: bad URLs, unknown channels, Messenger without an app id', async () => {
    expect((await share('whatsapp', 'u=javascript:alert(1)')).status).toBe(400);
    expect((await share('whatsapp', '')).status).toBe(400);
    expect((await share('myspace', `u=${u}`)).status).toBe(404);
    expect((await share('messenger', `u=${u}&f=`)).status).toBe(400);
    expect((await share('messenger', `u=${u}&f=<script>`)).status).toBe(400);
    expect((await share('messenger', `u=${u}&f=1234`)).headers.get('location')).toContain(
      'app_id=1234',
    );
  });
});

describe('previews from the sharer’s own device', () => {
  it('ties a WhatsApp preview to the recent view of the same page from the same address', async () => {
    await post(
      { n: 'pageview', d: 'a.example', u: 'https://a.example/shared/page', k: 'ViewerTok1' },
      { 'user-agent': WHATSAPP_IN_APP },
    );
    await server.collector.flush();
    const now = Date.now();
    // The phone's WhatsApp builds the preview: same address as the browser, another user agent.
    await server.collector.collectPreview('a.example', {
      url: 'https://a.example/shared/page',
      userAgent: 'WhatsApp/2.23.20.0 i',
      ip: '127.0.0.1',
      now,
    });
    // Slack's servers fetch from elsewhere: no sharer.
    await server.collector.collectPreview('a.example', {
      url: 'https://a.example/shared/page',
      userAgent: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      ip: '127.0.0.1',
      now,
    });
    await server.collector.flush();
    const previews = (await server.events.list(siteA, { name: 'preview' })).filter(
      (p) => p.path === '/shared/page',
    );
    expect(previews.find((p) => p.channel === 'whatsapp')?.props).toBe(
      '{"sharer_view":"ViewerTok1"}',
    );
    expect(previews.find((p) => p.channel === 'slack')?.props).toBe('');
  });
});
