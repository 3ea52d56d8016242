import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerMessagingRoutes } from '../../server/messaging-routes.ts';
import { createSqliteHubStore, createSqliteStateStore } from '../../store/index.ts';
import { createTelegramAdapter, TELEGRAM_CAPABILITIES } from '../channels/telegram.ts';
import { createMessagingHub } from '../create-messaging-hub.ts';
import { startFakeTelegram } from '../fakes/fake-telegram.ts';
import { lateAdapter } from '../testing/late-adapter.ts';
import type { ChannelAdapter } from '../types.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what} (${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const SECRET = 'telegram-secret-token-0123';
const TOKEN = '123456:TEST-telegram-token';

describe('hub + real Telegram adapter + fake Bot API', () => {
  it('answers a chat, and a user who blocks the bot is never messaged again', async () => {
    const state = await createSqliteStateStore({ path: ':memory:' });
    await state.migrate();
    const site = await state.createSite('acme.example');
    const store = await createSqliteHubStore({ path: ':memory:' });
    await store.migrate();
    let real: ChannelAdapter | undefined;
    const adapter = lateAdapter('telegram', 'telegram', TELEGRAM_CAPABILITIES, () => real!);
    const messaging = createMessagingHub({
      hub: store,
      adapters: [adapter],
      suppressionSecret: 'integration-secret',
      assistant: () => [{ type: 'text', text: 'Tomato soup: https://acme.example/r/soup' }],
      policy: { quietHours: { purposes: [] }, caps: [] },
      worker: { pollMs: 20 },
    });
    const server = Fastify();
    registerMessagingRoutes(server, {
      state,
      messaging,
      channels: [{ adapter, brandId: site.id }],
    });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    const fake = await startFakeTelegram({
      token: TOKEN,
      webhook: { url: `${url}/hooks/telegram`, secretToken: SECRET },
    });
    cleanups.push(
      () => state.close(),
      () => store.close(),
      () => fake.stop(),
      () => server.close(),
      () => messaging.stop(),
    );
    real = createTelegramAdapter({ baseUrl: fake.url, botToken: TOKEN, secretToken: SECRET });
    await messaging.start();

    await fake.sendInboundText(4242, 'what can I cook?');
    await until(
      () => Promise.resolve(fake.sent().length),
      (n) => n === 1,
      'the assistant reply',
    );
    expect(fake.sent()[0]).toMatchObject({ method: 'sendMessage', chatId: '4242' });

    const contact = await store.findContact(site.id, 'telegram', '123456', '4242');
    expect(contact).not.toBeNull();
    await fake.sendBlockedByUser(4242);
    await until(
      () => messaging.consent.view(site.id, contact!.id),
      (view) => view.allRevokedAt !== null,
      'the block recorded as an opt-out',
    );
    const key = 'telegram:123456:4242';
    const refused = await messaging.inbox.reply({
      brandId: site.id,
      key,
      agentId: 'ana',
      parts: [{ type: 'text', text: 'still there?' }],
      requestId: 'r1',
    });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'opted_out' });
    expect(fake.stats()).toMatchObject({ accepted: 1, violations: 0, duplicates: 0 });
  });
});
