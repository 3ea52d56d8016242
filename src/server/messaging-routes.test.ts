import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createUnsubscribeToken } from '../messaging/channels/unsubscribe-token.ts';
import { createMessagingHub, type MessagingHub } from '../messaging/create-messaging-hub.ts';
import { createRecordingAdapter, testWebhook } from '../messaging/testing/recording-adapter.ts';
import { createSqliteHubStore, createSqliteStateStore, type StateStore } from '../store/index.ts';
import { createApiTokenSecret } from './api-tokens.ts';
import { registerMessagingRoutes } from './messaging-routes.ts';
import { createStateShareLinker } from './messaging-share-linker.ts';

const dir = mkdtempSync(join(tmpdir(), 'penumbra-msg-routes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const path = join(dir, `state-${++files}.sqlite`);
  const state: StateStore = await createSqliteStateStore({ path });
  await state.migrate();
  const store = await createSqliteHubStore({ path });
  const site = await state.createSite('acme.example');
  const other = await state.createSite('other.example');
  const secret = createApiTokenSecret();
  await state.createApiToken({
    name: 't',
    tokenHash: secret.hash,
    prefix: secret.prefix,
    siteIds: [site.id],
  });
  const adapter = createRecordingAdapter();
  const messaging: MessagingHub = createMessagingHub({
    hub: store,
    adapters: [adapter],
    suppressionSecret: 'route-test-secret',
  });
  const app: FastifyInstance = Fastify();
  // The app's own catch-all parser (create-app.ts): the messaging plugin must not inherit it.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  app.post('/echo', async (request) => ({ type: typeof request.body }));
  registerMessagingRoutes(app, {
    state,
    messaging,
    channels: [{ adapter, brandId: site.id }],
    unsubscribe: { secret: 'unsubscribe-secret-123', brandId: site.id },
  });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    await store.close();
    await state.close();
  });
  const auth = { authorization: `Bearer ${secret.token}`, 'content-type': 'application/json' };
  return { app, state, messaging, site, other, adapter, auth };
}

describe('messaging routes', () => {
  it('stores verified webhooks from the raw body, refuses forgeries, leaves other parsers alone', async () => {
    const { app, messaging } = await setUp();
    const hook = testWebhook([
      {
        kind: 'message',
        id: { provider: 'native', value: 'w1' },
        at: Date.now(),
        from: { channel: 'webchat', provider: 'native', endpointId: 'ep', userId: 'u1' },
        conversationKey: 'webchat:ep:u1',
        parts: [{ type: 'text', text: 'hi' }],
      },
    ]);
    const send = (signature: string) =>
      app.inject({
        method: 'POST',
        url: '/hooks/webchat',
        headers: { 'x-test-signature': signature, 'content-type': 'application/json' },
        payload: hook.body,
      });
    expect((await send('forged')).statusCode).toBe(403);
    expect((await send('ok')).statusCode).toBe(200);
    expect((await send('ok')).statusCode).toBe(200);
    expect(await messaging.hub.countUnprocessedInbound()).toBe(1);
    expect(
      (await app.inject({ method: 'POST', url: '/hooks/whatsapp', payload: '{}' })).statusCode,
    ).toBe(404);
    const echo = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(echo.json()).toEqual({ type: 'string' });
  });

  it('serves the inbox and communities per brand, behind the site authorisation', async () => {
    const { app, messaging, auth, other } = await setUp();
    const no = await app.inject({ method: 'GET', url: '/api/brands/acme.example/conversations' });
    expect(no.statusCode).toBe(401);
    const notMine = await app.inject({
      method: 'GET',
      url: `/api/brands/${other.domain}/conversations`,
      headers: auth,
    });
    expect(notMine.statusCode).toBe(404);
    const created = await app.inject({
      method: 'POST',
      url: '/api/brands/acme.example/communities',
      headers: auth,
      payload: {
        name: 'Sunday recipes',
        optInWording: 'Yes, one recipe a week from Acme',
        wordingVersion: 'v1',
      },
    });
    expect(created.statusCode).toBe(201);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/brands/acme.example/communities',
      headers: auth,
      payload: { name: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/optInWording/);
    const list = await app.inject({
      method: 'GET',
      url: '/api/brands/acme.example/communities',
      headers: auth,
    });
    expect(list.json().communities.map((c: { name: string }) => c.name)).toEqual([
      'Sunday recipes',
    ]);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/brands/acme.example/conversations/nope/assign',
      headers: auth,
      payload: { agent: 'ana' },
    });
    expect(missing.statusCode).toBe(404);
    expect(await messaging.hub.listCommunities('someone-else')).toEqual([]);
  });

  it('takes an RFC 8058 one-click unsubscribe by POST only', async () => {
    const { app, messaging, site } = await setUp();
    const token = createUnsubscribeToken('unsubscribe-secret-123', {
      userId: 'ana@example.com',
      endpointId: 'news@acme.example',
      scope: 'marketing',
      issuedAt: 1,
    });
    const page = await app.inject({ method: 'GET', url: `/u/${token}` });
    expect(page.statusCode).toBe(200);
    expect(await messaging.hub.countUnprocessedInbound()).toBe(0);
    const post = await app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
    await messaging.processor.runOnce();
    const contact = await messaging.hub.findContact(
      site.id,
      'email',
      'news@acme.example',
      'ana@example.com',
    );
    expect((await messaging.consent.view(site.id, contact!.id)).status('marketing')).toBe(
      'revoked',
    );
    const forged = await app.inject({
      method: 'POST',
      url: `/u/${token}x`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(forged.statusCode).toBe(400);
  });

  it('makes one tracked share link per recipient for URLs on our sites only', async () => {
    const { state, site } = await setUp();
    const link = createStateShareLinker(state, 'https://hub.example/');
    const context = {
      conversation: 'whatsapp:1:33600000001',
      channel: 'whatsapp',
      campaign: 'sunday',
    };
    const short = await link('https://acme.example/r/soup', context);
    expect(short).toMatch(/^https:\/\/hub\.example\/s\/[a-zA-Z0-9]{7}$/);
    expect(await link('https://acme.example/r/soup', context)).toBe(short);
    const other = await link('https://acme.example/r/soup', {
      ...context,
      conversation: 'whatsapp:1:2',
    });
    expect(other).not.toBe(short);
    const stored = await state.findShareLink(short.split('/').at(-1)!);
    expect(stored).toMatchObject({
      siteId: site.id,
      channel: 'whatsapp',
      campaign: 'sunday',
      conversation: context.conversation,
    });
    expect(await link('https://elsewhere.example/x', context)).toBe('https://elsewhere.example/x');
  });
});
