import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage, RawRequest } from '../types.ts';
import { classifyTelegramError, createTelegramAdapter } from './telegram.ts';
import { type CaptureServer, fixture, startCaptureServer } from './testing/capture-server.ts';

const SECRET = 'test_secret-token_0123';
const TOKEN = '123456:AAH-test_token';
const adapter = createTelegramAdapter({
  baseUrl: 'http://127.0.0.1:9',
  botToken: TOKEN,
  secretToken: SECRET,
});

function update(name: string, secret: string | null = SECRET): RawRequest {
  const headers: RawRequest['headers'] =
    secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret };
  return {
    method: 'POST',
    url: 'https://hub.example/webhooks/telegram',
    headers,
    body: fixture('telegram', name),
  };
}
const to = {
  channel: 'telegram' as const,
  provider: 'telegram' as const,
  endpointId: '123456',
  userId: '1111111',
};
const message = (parts: OutboundMessage['parts']): OutboundMessage => ({
  idempotencyKey: 'k',
  to,
  purpose: 'service',
  conversationKey: 'telegram:123456:1111111',
  parts,
});

describe('Telegram secret token', () => {
  it('accepts the configured secret, rejects missing, wrong, prefix and repeated headers', () => {
    expect(adapter.verify(update('start-payload.json'))).toBe(true);
    expect(adapter.verify(update('start-payload.json', null))).toBe(false);
    expect(adapter.verify(update('start-payload.json', 'wrong_secret-token_0123'))).toBe(false);
    expect(adapter.verify(update('start-payload.json', SECRET.slice(0, -1)))).toBe(false);
    expect(adapter.verify(update('start-payload.json', ''))).toBe(false);
    const repeated = update('start-payload.json');
    repeated.headers['x-telegram-bot-api-secret-token'] = [SECRET, 'other'];
    expect(adapter.verify(repeated)).toBe(false);
  });
});

describe('Telegram updates', () => {
  it('/start payload → message with a tg_start referral', () => {
    expect(adapter.parse(update('start-payload.json'))).toEqual([
      {
        kind: 'message',
        id: { provider: 'telegram', value: '10000' },
        at: 1441645532000,
        from: {
          channel: 'telegram',
          provider: 'telegram',
          endpointId: '123456',
          userId: '1111111',
          username: 'ana_cooks',
          displayName: 'Ana',
        },
        conversationKey: 'telegram:123456:1111111',
        parts: [{ type: 'text', text: '/start fridge_campaign_42' }],
        referral: { source: 'tg_start', ref: 'fridge_campaign_42' },
      },
    ]);
  });

  it('photo array → the largest size, with its caption', () => {
    const [event] = adapter.parse(update('photo-sizes.json'));
    expect(event?.kind === 'message' && event.parts).toEqual([
      {
        type: 'media',
        mediaKind: 'image',
        ref: { id: 'AgADBAADlarge' },
        mime: 'image/jpeg',
        caption: 'what can I cook?',
      },
    ]);
  });

  it('callback_query → a choice replying to the button message; webhook reply answers it', () => {
    const request = update('callback-query.json');
    const [event] = adapter.parse(request);
    expect(event?.kind === 'message' && [event.parts, event.replyTo, event.id.value]).toEqual([
      [{ type: 'choice', choiceId: 'recipe:42' }],
      '1367',
      '10002',
    ]);
    expect(adapter.webhookResponse?.(request)).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"method":"answerCallbackQuery","callback_query_id":"4382bfdwdsb323b2d9"}',
    });
    expect(adapter.webhookResponse?.(update('start-payload.json'))).toBeUndefined();
  });

  it('my_chat_member kicked/member → consent opt_out/opt_in via blocked', () => {
    const [out] = adapter.parse(update('my-chat-member-kicked.json'));
    const [back] = adapter.parse(update('my-chat-member-member.json'));
    expect(out).toMatchObject({
      kind: 'consent',
      action: 'opt_out',
      scope: 'all',
      via: 'blocked',
      from: { userId: '1111111' },
    });
    expect(back).toMatchObject({ kind: 'consent', action: 'opt_in', scope: 'all', via: 'blocked' });
  });

  it('document and location', () => {
    const [doc] = adapter.parse(update('document.json'));
    expect(doc?.kind === 'message' && doc.parts).toEqual([
      { type: 'media', mediaKind: 'file', ref: { id: 'BQADBAADdoc' }, mime: 'application/pdf' },
    ]);
    const [place] = adapter.parse(update('location.json'));
    expect(place?.kind === 'message' && place.parts).toEqual([
      { type: 'location', lat: 48.858844, lng: 2.294351 },
    ]);
  });
});

describe('Telegram render', () => {
  const render = (m: OutboundMessage) =>
    adapter.render(m).map((p) => ({ path: p.path, body: JSON.parse(p.body) }));

  it('choices → inline keyboard, one button per row, callback_data = option id', () => {
    expect(
      render(
        message([
          {
            type: 'choices',
            prompt: 'Pick',
            options: [
              { id: 'recipe:42', title: 'Pasta' },
              { id: 'recipe:43', title: 'Soup' },
            ],
          },
        ]),
      ),
    ).toEqual([
      {
        path: '/sendMessage',
        body: {
          chat_id: 1111111,
          text: 'Pick',
          reply_markup: {
            inline_keyboard: [
              [{ text: 'Pasta', callback_data: 'recipe:42' }],
              [{ text: 'Soup', callback_data: 'recipe:43' }],
            ],
          },
        },
      },
    ]);
  });

  it('a callback_data over 64 bytes (UTF-8) falls back to numbered text', () => {
    const id63 = `${'é'.repeat(31)}x`; // 63 bytes: fits
    const id65 = `${'é'.repeat(32)}x`; // 65 bytes, 33 characters: does not
    expect(
      render(message([{ type: 'choices', prompt: 'P', options: [{ id: id63, title: 'A' }] }]))[0]
        ?.body.reply_markup,
    ).toBeDefined();
    const [fallback] = render(
      message([{ type: 'choices', prompt: 'P', options: [{ id: id65, title: 'A' }] }]),
    );
    expect(fallback?.body).toEqual({ chat_id: 1111111, text: 'P\n\n1. A\n\nReply with a number.' });
  });

  it('photo by URL with caption; long text split at 4096', () => {
    expect(
      render(
        message([
          { type: 'media', url: 'https://cdn.example/p.jpg', mime: 'image/jpeg', caption: 'Pasta' },
        ]),
      ),
    ).toEqual([
      {
        path: '/sendPhoto',
        body: { chat_id: 1111111, photo: 'https://cdn.example/p.jpg', caption: 'Pasta' },
      },
    ]);
    const parts = render(message([{ type: 'text', text: 'a'.repeat(5000) }]));
    expect(parts.map((p) => p.body.text.length)).toEqual([4096, 904]);
  });
});

describe('Telegram send', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => server?.close());

  it('POSTs {baseUrl}/bot{token}/sendMessage and returns chat:message id; the token stays out of payloads', async () => {
    server = await startCaptureServer(() => ({
      status: 200,
      body: {
        ok: true,
        result: {
          message_id: 1370,
          date: 1441645600,
          chat: { id: 1111111, type: 'private' },
          text: 'Hi',
        },
      },
    }));
    const live = createTelegramAdapter({
      baseUrl: server.url,
      botToken: TOKEN,
      secretToken: SECRET,
    });
    const [payload] = live.render(message([{ type: 'text', text: 'Hi' }]));
    expect(JSON.stringify(payload)).not.toContain('AAH-test_token');
    expect(await live.send(payload!)).toEqual({ ok: true, providerMessageId: '1111111:1370' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/bot${TOKEN}/sendMessage` });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ chat_id: 1111111, text: 'Hi' });
  });

  it.each([
    [
      429,
      {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 35',
        parameters: { retry_after: 35 },
      },
      { kind: 'retry', afterMs: 35_000, code: '429' },
    ],
    [
      403,
      { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      { kind: 'opted_out', scope: 'all', code: '403' },
    ],
    [
      403,
      {
        ok: false,
        error_code: 403,
        description: "Forbidden: bot can't initiate conversation with a user",
      },
      { kind: 'permanent', code: '403' },
    ],
    [
      400,
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      { kind: 'permanent', code: '400' },
    ],
    [
      401,
      { ok: false, error_code: 401, description: 'Unauthorized' },
      { kind: 'halt_sender', code: '401' },
    ],
    [
      502,
      { ok: false, error_code: 502, description: 'Bad Gateway' },
      { kind: 'retry', code: '502' },
    ],
  ])('HTTP %i %j is classified', async (status, body, expected) => {
    server = await startCaptureServer(() => ({ status, body }));
    const live = createTelegramAdapter({
      baseUrl: server.url,
      botToken: TOKEN,
      secretToken: SECRET,
    });
    const result = await live.send(live.render(message([{ type: 'text', text: 'x' }]))[0]!);
    expect(result).toEqual({ ok: false, error: expected, detail: body.description });
    expect(classifyTelegramError(429, '', undefined)).toEqual({ kind: 'retry', code: '429' });
  });

  it('fetchMedia: getFile then the file URL, both under /bot<token>', async () => {
    server = await startCaptureServer((req) =>
      req.path.endsWith('/getFile')
        ? {
            status: 200,
            body: {
              ok: true,
              result: {
                file_id: 'AgADBAADlarge',
                file_unique_id: 'u',
                file_size: 5,
                file_path: 'photos/file_1.jpg',
              },
            },
          }
        : { status: 200, body: 'JPEG!', headers: { 'content-type': 'image/jpeg' } },
    );
    const live = createTelegramAdapter({
      baseUrl: server.url,
      botToken: TOKEN,
      secretToken: SECRET,
    });
    const media = await live.fetchMedia?.({ id: 'AgADBAADlarge' });
    expect(media?.bytes.toString()).toBe('JPEG!');
    expect(media?.mime).toBe('image/jpeg');
    expect(server.requests.map((r) => [r.path, r.body])).toEqual([
      [`/bot${TOKEN}/getFile`, '{"file_id":"AgADBAADlarge"}'],
      [`/file/bot${TOKEN}/photos/file_1.jpg`, ''],
    ]);
  });
});
