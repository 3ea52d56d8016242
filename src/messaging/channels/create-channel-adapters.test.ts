import { afterEach, describe, expect, it } from 'vitest';
import { ChannelConfigError } from './channels-config.ts';
import { createChannelAdapters } from './create-channel-adapters.ts';
import { type CaptureServer, startCaptureServer } from './testing/capture-server.ts';

const full = {
  whatsapp: {
    phoneNumberId: '106540352242922',
    accessToken: 'wa-access-token',
    appSecret: 'wa-app-secret',
    verifyToken: 'wa-verify-token',
  },
  telegram: { botToken: '123456:AAH-test', secretToken: 'tg_secret_token_0123' },
  messenger: {
    pageAccessToken: 'fb-page-token',
    appSecret: 'fb-app-secret',
    verifyToken: 'fb-verify-token',
  },
  sms: {
    accountSid: 'AC00000000000000000000000000000000',
    authToken: 'twilio-auth-token',
    from: '+33700000000',
  },
  email: {
    smtp: { host: '127.0.0.1', port: 2525 },
    from: 'Recipes <recipes@brand.example>',
    unsubscribeBaseUrl: 'https://hub.example',
    unsubscribeSecret: 'x'.repeat(32),
  },
  webchat: { sessionSecret: 'y'.repeat(32), siteId: 'brand.example' },
};

function problems(config: unknown): string[] {
  try {
    createChannelAdapters(config as Parameters<typeof createChannelAdapters>[0]);
  } catch (error) {
    if (error instanceof ChannelConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('createChannelAdapters', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => server?.close());

  it('builds one adapter per configured channel and nothing else', () => {
    const channels = createChannelAdapters(full);
    expect(channels.all().map((a) => `${a.kind}/${a.provider}`)).toEqual([
      'whatsapp/meta',
      'telegram/telegram',
      'messenger/meta',
      'sms/twilio',
      'email/smtp',
      'webchat/native',
    ]);
    expect(channels.get('whatsapp')?.fetchMedia).toBeTypeOf('function');
    const session = channels.webchat!.issueSession();
    const poll = {
      method: 'GET',
      url: 'https://hub.example/webchat/messages',
      body: Buffer.alloc(0),
    };
    expect(
      channels.webchat!.sessionOf({
        ...poll,
        headers: { authorization: `Bearer ${session.token}` },
      }),
    ).toBe(session.sessionId);
    expect(
      channels.webchat!.sessionOf({ ...poll, headers: { authorization: 'Bearer forged.token' } }),
    ).toBeUndefined();
    const only = createChannelAdapters({ telegram: full.telegram });
    expect(only.all()).toHaveLength(1);
    expect(only.get('whatsapp')).toBeUndefined();
  });

  it('points providers at the configured base URL (a local fake)', async () => {
    server = await startCaptureServer(() => ({
      status: 200,
      body: { ok: true, result: { message_id: 1, chat: { id: 5 } } },
    }));
    const telegram = createChannelAdapters({
      telegram: { ...full.telegram, baseUrl: server.url },
    }).get('telegram')!;
    const [payload] = telegram.render({
      idempotencyKey: 'k',
      purpose: 'service',
      conversationKey: 'c',
      to: { channel: 'telegram', provider: 'telegram', endpointId: '123456', userId: '5' },
      parts: [{ type: 'text', text: 'hi' }],
    });
    expect(await telegram.send(payload!)).toEqual({ ok: true, providerMessageId: '5:1' });
    expect(server.requests[0]?.path).toBe('/bot123456:AAH-test/sendMessage');
  });

  it('explains every problem with its path and how to fix it', () => {
    const list = problems({
      whatsapp: {
        ...full.whatsapp,
        phoneNumberId: '+1 555 0100',
        appSecret: undefined,
        baseUrl: 'not a url',
      },
      telegram: { botToken: 'nope', secretToken: 'short' },
      sms: { accountSid: 'AC00000000000000000000000000000000', authToken: 'twilio-auth-token' },
      email: { ...full.email, unsubscribeSecret: 'short-secret' },
    });
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^whatsapp\.baseUrl must be an absolute http\(s\) URL/),
        'whatsapp.phoneNumberId is the numeric Phone number ID, not the phone number',
        'whatsapp.appSecret is required: App Dashboard → Settings → Basic → App secret',
        'telegram.botToken must look like 123456:ABC-… (from BotFather)',
        expect.stringMatching(/^telegram\.secretToken: 16–256 characters/),
        'sms needs a sender: set messagingServiceSid (recommended) or from',
        expect.stringMatching(/^email\.unsubscribeSecret: use 32\+ random characters/),
      ]),
    );
    expect(list).toHaveLength(7);
    expect(() =>
      createChannelAdapters({ telegram: { botToken: 'nope', secretToken: 'short' } }),
    ).toThrow(/Channel configuration is not valid:\n {2}- telegram\.botToken/);
  });

  it('never puts a secret value in the error', () => {
    const message = problems({
      whatsapp: { ...full.whatsapp, phoneNumberId: 'x', accessToken: 'SUPERSECRETTOKEN' },
    }).join('\n');
    expect(message).not.toContain('SUPERSECRETTOKEN');
  });
});
