import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEvent } from '../store/conformance/index.ts';
import { createApiTokenSecret } from './api-tokens.ts';
import { hashPassword } from './auth/hash-password.ts';
import { loadServerConfig } from './config.ts';
import { type RunningServer, startServer } from './start-server.ts';

// Real stores, a real server on loopback, real cookies: what a browser and a program see.
let server: RunningServer;
let tokenForA: string;
const DAY = Date.UTC(2026, 4, 4);
const range = `from=${DAY}&to=${DAY + 86_400_000}`;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-accounts-'));
  server = await startServer(loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }, {}), {
    prepare: async ({ state, events }) => {
      const a = await state.createSite('a.example');
      const b = await state.createSite('b.example');
      const secret = createApiTokenSecret();
      await state.createApiToken({ name: 't', ...secret, tokenHash: secret.hash, siteIds: [a.id] });
      tokenForA = secret.token;
      await events.append([
        sampleEvent({ site_id: a.id, ts: DAY + 1000, path: '=HYPERLINK("http://evil")' }),
        sampleEvent({ site_id: b.id, ts: DAY + 2000, path: '/b-secret' }),
      ]);
      return undefined;
    },
  });
});
afterAll(() => server.close());

interface Session {
  cookie: string;
  csrf: string;
}

async function call(
  path: string,
  options: { method?: string; body?: unknown; session?: Session; csrf?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.session) headers.cookie = options.session.cookie;
  const csrf = options.csrf === undefined ? options.session?.csrf : options.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  return fetch(`${server.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

async function login(email: string, password: string): Promise<Session> {
  const response = await call('/api/auth/login', { method: 'POST', body: { email, password } });
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0]!, csrf: body.csrfToken };
}

describe('accounts', () => {
  let owner: Session;

  it('creates the first user on the first-run endpoint, once, with a safe cookie', async () => {
    expect(await (await call('/api/auth/setup')).json()).toEqual({ needed: true });
    const weak = await call('/api/auth/setup', {
      method: 'POST',
      body: { email: 'ann@a.example', password: 'short' },
    });
    expect(weak.status).toBe(400);
    const setup = await call('/api/auth/setup', {
      method: 'POST',
      body: { email: 'ann@a.example', password: 'correct horse battery' },
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pn_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Lax/);
    const again = await call('/api/auth/setup', {
      method: 'POST',
      body: { email: 'eve@evil.example', password: 'correct horse battery' },
    });
    expect(again.status).toBe(403);
    owner = await login('ann@a.example', 'correct horse battery');
    const me = (await (await call('/api/auth/me', { session: owner })).json()) as {
      sites: { domain: string; role: string }[];
    };
    // The first user owns the sites created before anyone could log in.
    expect(me.sites.map((site) => [site.domain, site.role])).toEqual([
      ['a.example', 'owner'],
      ['b.example', 'owner'],
    ]);
  });

  it('refuses a state change made with the cookie but without the CSRF token', async () => {
    const body = { name: 'Signup', kind: 'event', value: 'signup' };
    const forged = await call('/api/sites/a.example/goals', {
      method: 'POST',
      body,
      session: owner,
      csrf: null,
    });
    expect(forged.status).toBe(403);
    const wrong = await call('/api/sites/a.example/goals', {
      method: 'POST',
      body,
      session: owner,
      // One character off (never the same character: the token could end in x).
      csrf: `${owner.csrf.slice(0, -1)}${owner.csrf.endsWith('x') ? 'y' : 'x'}`,
    });
    expect(wrong.status).toBe(403);
    const ok = await call('/api/sites/a.example/goals', { method: 'POST', body, session: owner });
    expect(ok.status).toBe(201);
  });

  it('keeps a viewer of site A out of site B and out of A’s settings', async () => {
    const member = await call('/api/sites/a.example/members', {
      method: 'POST',
      body: { email: 'vic@a.example', role: 'viewer' },
      session: owner,
    });
    expect(member.status).toBe(400); // no such user yet
    await server.state.createUser({
      email: 'vic@a.example',
      passwordHash: await hashPassword('viewer password 1'),
    });
    const added = await call('/api/sites/a.example/members', {
      method: 'POST',
      body: { email: 'vic@a.example', role: 'viewer' },
      session: owner,
    });
    expect(added.status).toBe(201);
    const vic = await login('vic@a.example', 'viewer password 1');
    expect(
      (await call(`/api/sites/a.example/panels/headline?${range}`, { session: vic })).status,
    ).toBe(200);
    const other = await call(`/api/sites/b.example/panels/pages?${range}`, { session: vic });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('b-secret');
    const overview = await call(`/api/sites/b.example/overview?${range}`, { session: vic });
    expect(overview.status).toBe(404);
    const patch = await call('/api/sites/a.example', {
      method: 'PATCH',
      body: { deepLinkDepth: 3 },
      session: vic,
    });
    expect(patch.status).toBe(403);
    const sites = (await (await call('/api/sites', { session: vic })).json()) as {
      domain: string;
    }[];
    expect(sites.map((site) => site.domain)).toEqual(['a.example']);
  });

  it('scopes API tokens and stats queries to the caller’s site, whatever the body says', async () => {
    const headers = { authorization: `Bearer ${tokenForA}`, 'content-type': 'application/json' };
    const b = await fetch(`${server.url}/api/sites/b.example/panels/pages?${range}`, { headers });
    expect(b.status).toBe(404);
    const stats = await fetch(`${server.url}/api/sites/a.example/stats`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        siteId: 'b-site-id-smuggled',
        metrics: ['pageviews'],
        dimensions: ['page'],
        from: DAY,
        to: DAY + 86_400_000,
      }),
    });
    expect(stats.status).toBe(200);
    const { rows } = (await stats.json()) as { rows: { page: string }[] };
    expect(rows.map((row) => row.page)).toEqual(['=HYPERLINK("http://evil")']);
    const bad = await fetch(`${server.url}/api/sites/a.example/stats`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ metrics: ['profit'], from: DAY, to: DAY + 1 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/metric must be one of/);
  });

  it('exports tables as CSV that a spreadsheet will not run as formulas', async () => {
    const response = await call(`/api/sites/a.example/panels/pages.csv?${range}`, {
      session: owner,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await response.text();
    expect(csv.split('\r\n')[0]).toBe('page,class,visitors,visits,pageviews,shares,dark_share');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('serves a public read-only dashboard only while its owner has it on', async () => {
    const on = await call('/api/sites/a.example', {
      method: 'PATCH',
      body: { publicLink: true },
      session: owner,
    });
    const slug = ((await on.json()) as { settings: { publicSlug: string } }).settings.publicSlug;
    expect(slug).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await call(`/api/public/${slug}/panels/headline?${range}`)).status).toBe(200);
    const page = await call(`/public/${slug}`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    await call('/api/sites/a.example', {
      method: 'PATCH',
      body: { publicLink: false },
      session: owner,
    });
    expect((await call(`/api/public/${slug}/panels/headline?${range}`)).status).toBe(404);
  });

  it('throttles failed logins, and logout ends the session', async () => {
    let last = 0;
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await call('/api/auth/login', {
        method: 'POST',
        body: { email: 'nobody@a.example', password: `guess ${attempt}` },
      });
      last = response.status;
    }
    expect(last).toBe(429);
    const session = await login('ann@a.example', 'correct horse battery').catch(() => null);
    // The same address is throttled for every email: the owner waits too.
    expect(session).toBeNull();
    const logout = await call('/api/auth/logout', { method: 'POST', session: owner });
    expect(logout.status).toBe(204);
    expect((await call('/api/auth/me', { session: owner })).status).toBe(401);
  });
});
