import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerMessagingRoutes } from '../../server/messaging-routes.ts';
import { createSqliteHubStore, createSqliteStateStore } from '../../store/index.ts';
import { createWhatsAppAdapter } from '../channels/whatsapp.ts';
import { WHATSAPP_CAPABILITIES } from '../channels/whatsapp-render.ts';
import { createMessagingHub } from '../create-messaging-hub.ts';
import { startFakeWhatsApp } from '../fakes/fake-whatsapp.ts';
import { lateAdapter } from '../testing/late-adapter.ts';
import type { ChannelAdapter } from '../types.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('hub + real WhatsApp adapter + fake Cloud API (closed loop)', () => {
  it('answers an inbound message, reconciles its status webhooks, and honours STOP', async () => {
    const state = await createSqliteStateStore({ path: ':memory:' });
    await state.migrate();
    const site = await state.createSite('acme.example');
    const store = await createSqliteHubStore({ path: ':memory:' });
    await store.migrate();
    // The fake needs our webhook URL and the adapter needs the fake's: bind the adapter late.
    let real: ChannelAdapter | undefined;
    const adapter = lateAdapter('whatsapp', 'meta', WHATSAPP_CAPABILITIES, () => real!);
    const messaging = createMessagingHub({
      hub: store,
      adapters: [adapter],
      suppressionSecret: 'integration-secret',
      assistant: ({ message }) => {
        const part = message.parts[0];
        return [{ type: 'text', text: `You have: ${part?.type === 'text' ? part.text : '?'}` }];
      },
      worker: { pollMs: 20 },
    });
    const server = Fastify();
    registerMessagingRoutes(server, {
      state,
      messaging,
      channels: [{ adapter, brandId: site.id }],
    });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    const fake = await startFakeWhatsApp({
      webhookUrl: `${url}/hooks/whatsapp`,
      statusWebhooks: { outOfOrder: true, duplicate: true },
    });
    cleanups.push(
      () => state.close(),
      () => store.close(),
      () => fake.stop(),
      () => server.close(),
      () => messaging.stop(),
    );
    real = createWhatsAppAdapter({
      baseUrl: fake.url,
      apiVersion: 'v21.0',
      phoneNumberId: '106540352242922',
      accessToken: 'test-whatsapp-token',
      appSecret: 'test-app-secret',
      verifyToken: 'verify-token-123',
    });
    await messaging.start();

    const sent = await fake.sendInbound({ from: '33600000001', text: 'eggs and rice' });
    expect(sent.status).toBe(200);
    const key = 'whatsapp:106540352242922:33600000001';
    const replies = await until(
      () => store.listOutbox(site.id, { states: ['read'] }),
      (rows) => rows.length === 1,
      'the reply read',
    );
    expect(replies[0]?.conversationKey).toBe(key);
    expect(fake.sent().map((m) => m.payload)).toMatchObject([
      { type: 'text', text: { body: 'You have: eggs and rice' } },
    ]);

    await fake.sendInbound({ from: '33600000001', text: 'STOP' });
    const contact = await until(
      () => store.findContact(site.id, 'whatsapp', '106540352242922', '33600000001'),
      (c) => c !== null,
      'contact',
    );
    await until(
      () => messaging.consent.view(site.id, contact!.id).then((v) => v.allRevokedAt !== null),
      (revoked) => revoked,
      'STOP recorded',
    );
    await until(
      () => Promise.resolve(fake.sent().length),
      (n) => n === 2,
      'the STOP confirmation',
    );
    await fake.flushWebhooks();
    const stats = fake.stats();
    expect(stats).toMatchObject({ accepted: 2, violations: 0, duplicates: 0 });
  });
});
