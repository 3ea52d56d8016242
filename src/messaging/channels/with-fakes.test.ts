import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeMessenger,
  startFakeTelegram,
  startFakeTwilio,
  startFakeWhatsApp,
} from '../fakes/index.ts';
import type { ChannelAdapter, InboundEvent, OutboundMessage, RawRequest } from '../types.ts';
import { createChannelAdapters } from './create-channel-adapters.ts';
import {
  type CapturedRequest,
  type CaptureServer,
  startCaptureServer,
} from './testing/capture-server.ts';

// Contract parity: the adapters against the local provider fakes (src/messaging/fakes), which
// sign webhooks and enforce limits independently of this folder's code.
const stops: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function hub(): Promise<CaptureServer> {
  const server = await startCaptureServer(() => ({ status: 200, body: '' }));
  stops.push(() => server.close());
  return server;
}
const raw = (server: CaptureServer, r: CapturedRequest): RawRequest => ({
  method: r.method,
  url: `${server.url}${r.path}`,
  headers: r.headers,
  body: Buffer.from(r.body),
});
function accept(
  adapter: ChannelAdapter,
  server: CaptureServer,
  r: CapturedRequest,
): InboundEvent[] {
  const request = raw(server, r);
  expect(adapter.verify(request)).toBe(true);
  return adapter.parse(request);
}
const reply = (to: InboundEvent, text: string, correlation: string): OutboundMessage => {
  if (to.kind !== 'message') throw new Error('not a message');
  return {
    idempotencyKey: correlation,
    to: to.from,
    purpose: 'service',
    conversationKey: to.conversationKey,
    correlation,
    parts: [{ type: 'text', text }],
  };
};

describe('adapters against the provider fakes', () => {
  it('WhatsApp: signed inbound, send, status webhook with correlation, media download', async () => {
    const server = await hub();
    const fake = await startFakeWhatsApp({
      webhookUrl: `${server.url}/wa`,
      appSecret: 'fake-app-secret',
      accessToken: 'fake-access-token',
    });
    stops.push(() => fake.stop());
    const adapter = createChannelAdapters({
      whatsapp: {
        baseUrl: fake.url,
        phoneNumberId: fake.phoneNumberId,
        accessToken: 'fake-access-token',
        appSecret: 'fake-app-secret',
        verifyToken: 'fake-verify-token',
      },
    }).get('whatsapp')!;
    await fake.sendInbound({ from: '16505551234', text: 'what can I cook?' });
    await fake.sendInbound({
      from: '16505551234',
      image: { bytes: Buffer.from('fridge'), mimeType: 'image/jpeg' },
    });
    const [text, image] = server.requests.flatMap((r) => accept(adapter, server, r));
    expect(text).toMatchObject({
      kind: 'message',
      parts: [{ type: 'text', text: 'what can I cook?' }],
      from: { userId: '16505551234' },
    });
    const media = image?.kind === 'message' ? image.parts[0] : undefined;
    expect(media?.type).toBe('media');
    if (media?.type !== 'media') return;
    expect((await adapter.fetchMedia!(media.ref)).bytes.toString()).toBe('fridge');

    server.requests.length = 0;
    const result = await adapter.send(adapter.render(reply(text!, 'Pasta!', 'outbox:1'))[0]!);
    expect(result.ok).toBe(true);
    await fake.flushWebhooks();
    const statuses = server.requests.flatMap((r) => accept(adapter, server, r));
    expect(statuses.length).toBeGreaterThan(0);
    expect(
      statuses.every(
        (s) =>
          s.kind === 'status' &&
          s.correlation === 'outbox:1' &&
          result.ok &&
          s.providerMessageId === result.providerMessageId,
      ),
    ).toBe(true);
  });

  it('WhatsApp: a free-form send outside the window is window_closed', async () => {
    const fake = await startFakeWhatsApp({ accessToken: 'fake-access-token' });
    stops.push(() => fake.stop());
    const adapter = createChannelAdapters({
      whatsapp: {
        baseUrl: fake.url,
        phoneNumberId: fake.phoneNumberId,
        accessToken: 'fake-access-token',
        appSecret: 'fake-app-secret',
        verifyToken: 'fake-verify-token',
      },
    }).get('whatsapp')!;
    const to = {
      channel: 'whatsapp' as const,
      provider: 'meta' as const,
      endpointId: fake.phoneNumberId,
      userId: '16505550000',
      phone: '16505550000',
    };
    const result = await adapter.send(
      adapter.render({
        idempotencyKey: 'k',
        to,
        purpose: 'service',
        conversationKey: 'c',
        parts: [{ type: 'text', text: 'hi' }],
      })[0]!,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'window_closed', code: '131047' } });
  });

  it('Telegram: secret header, callback choice, blocked user → opt-out then 403 opted_out', async () => {
    const server = await hub();
    const secretToken = 'fake_secret_token_0123';
    const fake = await startFakeTelegram({ webhook: { url: `${server.url}/tg`, secretToken } });
    stops.push(() => fake.stop());
    const adapter = createChannelAdapters({
      telegram: { baseUrl: fake.url, botToken: fake.token, secretToken },
    }).get('telegram')!;
    await fake.sendInboundText(777, '/start fridge_42');
    await fake.sendCallbackQuery(777, 'recipe:1');
    const [start, choice] = server.requests.flatMap((r) => accept(adapter, server, r));
    expect(start).toMatchObject({
      kind: 'message',
      referral: { source: 'tg_start', ref: 'fridge_42' },
    });
    expect(choice).toMatchObject({
      kind: 'message',
      parts: [{ type: 'choice', choiceId: 'recipe:1' }],
    });
    expect((await adapter.send(adapter.render(reply(start!, 'Hello', 'outbox:2'))[0]!)).ok).toBe(
      true,
    );

    server.requests.length = 0;
    await fake.sendBlockedByUser(777);
    expect(server.requests.flatMap((r) => accept(adapter, server, r))).toMatchObject([
      { kind: 'consent', action: 'opt_out', via: 'blocked' },
    ]);
    expect(
      await adapter.send(adapter.render(reply(start!, 'Still there?', 'outbox:3'))[0]!),
    ).toMatchObject({ ok: false, error: { kind: 'opted_out', scope: 'all' } });
  });

  it('Twilio: signed STOP → consent, send → status callbacks, then 21610 opted_out', async () => {
    const server = await hub();
    const fake = await startFakeTwilio({
      inboundUrl: `${server.url}/sms`,
      authToken: 'fake_auth_token_0123',
    });
    stops.push(() => fake.stop());
    const channels = createChannelAdapters({
      sms: {
        baseUrl: fake.url,
        accountSid: 'AC00000000000000000000000000000000',
        authToken: 'fake_auth_token_0123',
        from: '+33700000000',
        statusCallbackUrl: `${server.url}/status`,
      },
    });
    const adapter = channels.get('sms')!;
    await fake.sendInbound({ from: '+33600000000', to: '+33700000000', body: 'Hello' });
    const [hello] = server.requests.flatMap((r) => accept(adapter, server, r));
    server.requests.length = 0;
    const sent = await adapter.send(adapter.render(reply(hello!, 'Hi there', 'outbox:4'))[0]!);
    expect(sent.ok).toBe(true);
    await fake.flushWebhooks();
    const statuses = server.requests.flatMap((r) => accept(adapter, server, r));
    expect(statuses.map((s) => s.kind === 'status' && [s.status, s.correlation])).toEqual([
      ['sent', 'outbox:4'],
      ['delivered', 'outbox:4'],
    ]);

    server.requests.length = 0;
    await fake.sendInbound({ from: '+33600000000', to: '+33700000000', body: 'STOP' });
    expect(server.requests.flatMap((r) => accept(adapter, server, r)).map((e) => e.kind)).toEqual([
      'consent',
      'message',
    ]);
    expect(
      await adapter.send(adapter.render(reply(hello!, 'More?', 'outbox:5'))[0]!),
    ).toMatchObject({ ok: false, error: { kind: 'opted_out', code: '21610' } });
  });

  it('Messenger: signed inbound quick reply and postback, send, delivery webhook, 551 opted_out', async () => {
    const server = await hub();
    const fake = await startFakeMessenger({
      webhookUrl: `${server.url}/fb`,
      appSecret: 'fake-fb-secret',
      pageAccessToken: 'fake-page-token',
      unavailable: ['999'],
    });
    stops.push(() => fake.stop());
    const adapter = createChannelAdapters({
      messenger: {
        baseUrl: fake.url,
        pageId: fake.pageId,
        pageAccessToken: 'fake-page-token',
        appSecret: 'fake-fb-secret',
        verifyToken: 'fake-verify-token',
      },
    }).get('messenger')!;
    await fake.sendInbound({ psid: '4242', text: 'Pasta', quickReplyPayload: 'recipe:pasta' });
    await fake.sendInbound({
      psid: '4242',
      postback: { title: 'Get Started', payload: 'GET_STARTED', ref: 'fridge_42' },
    });
    const [quick, postback] = server.requests.flatMap((r) => accept(adapter, server, r));
    expect(quick).toMatchObject({
      kind: 'message',
      parts: [{ type: 'choice', choiceId: 'recipe:pasta' }],
    });
    expect(postback).toMatchObject({
      kind: 'message',
      referral: { source: 'm_me_ref', ref: 'fridge_42' },
    });
    server.requests.length = 0;
    const sent = await adapter.send(adapter.render(reply(quick!, 'Here you go', 'outbox:6'))[0]!);
    expect(sent.ok).toBe(true);
    await fake.flushWebhooks();
    const delivered = server.requests
      .flatMap((r) => accept(adapter, server, r))
      .filter((e) => e.kind === 'status' && e.status === 'delivered');
    expect(
      delivered.map(
        (e) => e.kind === 'status' && sent.ok && e.providerMessageId === sent.providerMessageId,
      ),
    ).toContain(true);
    const away = {
      ...quick!,
      from: { ...(quick as Extract<InboundEvent, { kind: 'message' }>).from, userId: '999' },
    } as InboundEvent;
    expect(await adapter.send(adapter.render(reply(away, 'Hi', 'outbox:7'))[0]!)).toMatchObject({
      ok: false,
      error: { kind: 'opted_out' },
    });
  });
});
