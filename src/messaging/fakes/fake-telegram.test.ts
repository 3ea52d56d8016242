import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './fake-telegram.ts';
import { startWebhookCapture, type WebhookCapture } from './webhook-capture.ts';

let fake: FakeTelegram | undefined;
let capture: WebhookCapture | undefined;
afterEach(async () => {
  await fake?.stop();
  await capture?.stop();
  fake = undefined;
  capture = undefined;
});

function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

interface BotAnswer {
  ok: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after: number };
  result?: { message_id: number; text?: string; file_path?: string };
}

async function start(options: FakeTelegramOptions = {}) {
  fake = await startFakeTelegram(options);
  return fake;
}

async function call(f: FakeTelegram, method: string, params: object, token = f.token) {
  const response = await fetch(`${f.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as BotAnswer };
}

describe('startFakeTelegram', () => {
  it('answers 401 Unauthorized for a wrong token', async () => {
    const f = await start();
    const { status, body } = await call(f, 'sendMessage', { chat_id: 1, text: 'hi' }, '1:wrong');
    expect(status).toBe(401);
    expect(body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('sends a message and returns a Message', async () => {
    const f = await start();
    const { status, body } = await call(f, 'sendMessage', { chat_id: 42, text: 'hello' });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ text: 'hello', chat: { id: 42, type: 'private' } });
    expect(f.sent()[0]).toMatchObject({ chatId: '42', method: 'sendMessage' });
  });

  it('accepts form-encoded parameters with reply_markup as a JSON string', async () => {
    const f = await start();
    const form = new URLSearchParams({
      chat_id: '43',
      text: 'pick',
      reply_markup: JSON.stringify({
        inline_keyboard: [[{ text: 'A', callback_data: 'recipe:1' }]],
      }),
    });
    const response = await fetch(`${f.url}/bot${f.token}/sendMessage`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
  });

  it('refuses callback_data over 64 bytes and empty text with 400', async () => {
    const f = await start();
    const keyboard = (data: string) => ({
      inline_keyboard: [[{ text: 'A', callback_data: data }]],
    });
    const long = await call(f, 'sendMessage', {
      chat_id: 1,
      text: 'x',
      reply_markup: keyboard('é'.repeat(33)),
    });
    expect(long.status).toBe(400);
    expect(long.body.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(
      (
        await call(f, 'sendMessage', {
          chat_id: 2,
          text: 'x',
          reply_markup: keyboard('a'.repeat(64)),
        })
      ).status,
    ).toBe(200);
    expect((await call(f, 'sendMessage', { chat_id: 3, text: '' })).body.description).toBe(
      'Bad Request: message text is empty',
    );
    expect((await call(f, 'sendMessage', { chat_id: 4, text: 'x'.repeat(4097) })).status).toBe(400);
  });

  it('answers 403 for a user who blocked the bot', async () => {
    const f = await start({ blocked: [77] });
    const { status, body } = await call(f, 'sendMessage', { chat_id: 77, text: 'hi' });
    expect(status).toBe(403);
    expect(body.description).toBe('Forbidden: bot was blocked by the user');
    expect(f.stats().violations).toBe(0);
  });

  it('enforces 1 msg/s per chat with 429 + retry_after and counts the violation', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now });
    expect((await call(f, 'sendMessage', { chat_id: 5, text: 'a' })).status).toBe(200);
    const over = await call(f, 'sendMessage', { chat_id: 5, text: 'b' });
    expect(over.status).toBe(429);
    expect(over.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect((await call(f, 'sendMessage', { chat_id: 6, text: 'b' })).status).toBe(200);
    clock.advance(1_000);
    expect((await call(f, 'sendMessage', { chat_id: 5, text: 'c' })).status).toBe(200);
    expect(f.stats()).toMatchObject({
      accepted: 3,
      violations: 1,
      violationsByLimit: { perChat: 1 },
    });
  });

  it('enforces ≈30 msg/s per bot: 30 chats at once pass, the 31st is a violation', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now });
    for (let chat = 1; chat <= 30; chat++) {
      expect((await call(f, 'sendMessage', { chat_id: chat, text: 't' })).status).toBe(200);
    }
    expect((await call(f, 'sendMessage', { chat_id: 31, text: 't' })).status).toBe(429);
    clock.advance(1_000 / 30);
    expect((await call(f, 'sendMessage', { chat_id: 32, text: 't' })).status).toBe(200);
    expect(f.stats().violationsByLimit).toEqual({ global: 1 });
  });

  it('enforces 20 msg/min per group: a burst of 20, then one every 3 s', async () => {
    const clock = manualClock();
    // Lift the per-chat limit so only the group bucket decides here.
    const f = await start({ now: clock.now, perChat: { perSecond: 100, burst: 100 } });
    expect(f.limits.perGroup).toMatchObject({ perSecond: 20 / 60, burst: 20 });
    for (let i = 0; i < 20; i++) {
      expect((await call(f, 'sendMessage', { chat_id: -100123, text: `m${i}` })).status).toBe(200);
    }
    const over = await call(f, 'sendMessage', { chat_id: -100123, text: 'm20' });
    expect(over.status).toBe(429);
    expect(over.body.parameters!.retry_after).toBe(3);
    clock.advance(3_000);
    expect((await call(f, 'sendMessage', { chat_id: -100123, text: 'm21' })).status).toBe(200);
    expect(f.stats().violationsByLimit).toEqual({ perGroup: 1 });
  });

  it('counts identical (chat_id, text) pairs within the window as duplicates', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now, duplicateWindowMs: 10_000 });
    await call(f, 'sendMessage', { chat_id: 8, text: 'same' });
    clock.advance(2_000);
    await call(f, 'sendMessage', { chat_id: 8, text: 'same' });
    clock.advance(20_000);
    await call(f, 'sendMessage', { chat_id: 8, text: 'same' });
    expect(f.stats()).toMatchObject({ accepted: 3, duplicates: 1 });
  });

  it('plays a scripted 429 with its retry_after', async () => {
    const f = await start();
    f.failNext({ code: 429, retryAfterSeconds: 35 });
    const { body } = await call(f, 'sendMessage', { chat_id: 9, text: 'x' });
    expect(body.parameters).toEqual({ retry_after: 35 });
    expect(f.stats().violations).toBe(0);
  });

  it('delivers updates with the secret token header; photos download through getFile', async () => {
    capture = await startWebhookCapture();
    const f = await start({ webhook: { url: capture.url, secretToken: 'shh_secret-1' } });
    await f.sendInboundText(501, '/start fridge_campaign_42');
    const photo = Buffer.from('jpeg-bytes');
    await f.sendInboundPhoto(501, photo, 'what can I cook?');
    const callback = await f.sendCallbackQuery(501, 'recipe:42');
    await f.sendBlockedByUser(501);
    expect(capture.received).toHaveLength(4);
    for (const hook of capture.received) {
      expect(hook.headers['x-telegram-bot-api-secret-token']).toBe('shh_secret-1');
    }
    const updates = capture.received.map((hook) => JSON.parse(hook.rawBody));
    expect(updates[0].message.text).toBe('/start fridge_campaign_42');
    expect(updates[1].update_id).toBe(updates[0].update_id + 1);
    expect(updates[2].callback_query).toMatchObject({
      id: callback.callbackQueryId,
      data: 'recipe:42',
    });
    expect(updates[3].my_chat_member.new_chat_member.status).toBe('kicked');
    expect((await call(f, 'sendMessage', { chat_id: 501, text: 'hi' })).status).toBe(403);

    expect(
      (await call(f, 'answerCallbackQuery', { callback_query_id: callback.callbackQueryId })).body
        .result,
    ).toBe(true);
    expect(f.answeredCallbacks()).toEqual([callback.callbackQueryId]);
    const fileId = updates[1].message.photo[0].file_id;
    const file = await call(f, 'getFile', { file_id: fileId });
    const download = await fetch(`${f.url}/file/bot${f.token}/${file.body.result!.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('answers 403 to a user who never started the bot, until they send /start', async () => {
    capture = await startWebhookCapture();
    const f = await start({ notStarted: [88], webhook: { url: capture.url } });
    const refused = await call(f, 'sendMessage', { chat_id: 88, text: 'hi' });
    expect(refused.status).toBe(403);
    expect(refused.body.description).toBe("Forbidden: bot can't initiate conversation with a user");
    await f.sendInboundText(88, '/start');
    expect((await call(f, 'sendMessage', { chat_id: 88, text: 'welcome' })).status).toBe(200);
  });

  it('accepts sendPhoto as a multipart upload and answers a PhotoSize array', async () => {
    const f = await start();
    const form = new FormData();
    form.set('chat_id', '90');
    form.set('caption', 'your recipe');
    form.set('photo', new Blob([Buffer.from('jpeg')], { type: 'image/jpeg' }), 'dish.jpg');
    const response = await fetch(`${f.url}/bot${f.token}/sendPhoto`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      result: { photo: { file_id: string }[]; caption: string };
    };
    expect(body.result.caption).toBe('your recipe');
    expect(body.result.photo[0]!.file_id).toBeTruthy();
    const missing = await call(f, 'sendPhoto', { chat_id: 91 });
    expect(missing.body.description).toBe('Bad Request: there is no photo in the request');
  });

  it('plays slow answers and dropped connections', async () => {
    const f = await start();
    f.failNext({ delayMs: 150 });
    f.failNext({ drop: true });
    const started = performance.now();
    expect((await call(f, 'sendMessage', { chat_id: 92, text: 'slow' })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await expect(call(f, 'sendMessage', { chat_id: 93, text: 'dropped' })).rejects.toThrow();
    expect((await call(f, 'sendMessage', { chat_id: 94, text: 'fine' })).status).toBe(200);
    expect(f.stats().accepted).toBe(2);
  });
});
