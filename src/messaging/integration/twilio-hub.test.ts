import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerMessagingRoutes } from '../../server/messaging-routes.ts';
import { createSqliteHubStore, createSqliteStateStore } from '../../store/index.ts';
import { createTwilioSmsAdapter, TWILIO_SMS_CAPABILITIES } from '../channels/twilio-sms.ts';
import { createMessagingHub } from '../create-messaging-hub.ts';
import { startFakeTwilio } from '../fakes/fake-twilio.ts';
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

const FROM = '+15550000000';
const PERSON = '+33600000001';

describe('hub + real Twilio SMS adapter + fake Twilio', () => {
  it('replies, settles the row from the signed status callback, and lets Twilio answer STOP', async () => {
    const state = await createSqliteStateStore({ path: ':memory:' });
    await state.migrate();
    const site = await state.createSite('acme.example');
    const store = await createSqliteHubStore({ path: ':memory:' });
    await store.migrate();
    let real: ChannelAdapter | undefined;
    const adapter = lateAdapter('sms', 'twilio', TWILIO_SMS_CAPABILITIES, () => real!);
    const messaging = createMessagingHub({
      hub: store,
      adapters: [adapter],
      suppressionSecret: 'integration-secret',
      assistant: () => [{ type: 'text', text: 'Try the tomato soup.' }],
      worker: { pollMs: 20 },
    });
    const server = Fastify();
    registerMessagingRoutes(server, {
      state,
      messaging,
      channels: [{ adapter, brandId: site.id }],
    });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    const fake = await startFakeTwilio({ inboundUrl: `${url}/hooks/twilio` });
    cleanups.push(
      () => state.close(),
      () => store.close(),
      () => fake.stop(),
      () => server.close(),
      () => messaging.stop(),
    );
    real = createTwilioSmsAdapter({
      baseUrl: fake.url,
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      from: FROM,
      statusCallbackUrl: `${url}/hooks/twilio`,
    });
    await messaging.start();

    await fake.sendInbound({ from: PERSON, to: FROM, body: 'hello' });
    const [row] = await until(
      () => store.listOutbox(site.id, { states: ['delivered'] }),
      (rows) => rows.length === 1,
      'the reply delivered, from its status callback',
    );
    expect(row?.providerMessageId).toMatch(/^SM/);

    await fake.sendInbound({ from: PERSON, to: FROM, body: 'STOP' });
    const contact = await store.findContact(site.id, 'sms', FROM, PERSON);
    await until(
      () => messaging.consent.view(site.id, contact!.id),
      (view) => view.allRevokedAt !== null,
      'STOP in the ledger',
    );
    await messaging.processor.runOnce();
    await messaging.worker.runOnce();
    // Twilio itself confirms a STOP on SMS: the hub sent only the one reply.
    expect(fake.stats()).toMatchObject({ accepted: 1, violations: 0, duplicates: 0 });
  });
});
