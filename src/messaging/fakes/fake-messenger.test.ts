import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeMessenger,
  type FakeMessengerOptions,
  startFakeMessenger,
} from './fake-messenger.ts';
import { startWebhookCapture, type WebhookCapture } from './webhook-capture.ts';
import { verifyMetaSignature } from './webhook-signing.ts';

let fake: FakeMessenger | undefined;
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

interface GraphAnswer {
  error?: { code: number; error_subcode?: number; message: string };
  recipient_id?: string;
  message_id?: string;
}

async function start(options: FakeMessengerOptions = {}) {
  fake = await startFakeMessenger(options);
  return fake;
}

/** Sends with the token as a query parameter, the way most Messenger examples do. */
async function send(
  f: FakeMessenger,
  body: object,
  path = '/v21.0/me/messages',
  token = f.pageAccessToken,
) {
  const response = await fetch(`${f.url}${path}?access_token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphAnswer };
}

const reply = (psid: string, text = 'hi', extra: object = {}) => ({
  recipient: { id: psid },
  messaging_type: 'RESPONSE',
  message: { text, ...extra },
});

describe('startFakeMessenger', () => {
  it('checks the page token given as query parameter or Bearer', async () => {
    const f = await start({ enforceWindow: false });
    expect((await send(f, reply('1'), '/v21.0/me/messages', 'wrong')).body.error!.code).toBe(190);
    const bearer = await fetch(`${f.url}/v21.0/${f.pageId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.pageAccessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(reply('1')),
    });
    expect(bearer.status).toBe(200);
    const body = (await bearer.json()) as GraphAnswer;
    expect(body.recipient_id).toBe('1');
    expect(body.message_id).toMatch(/^m_/);
  });

  it('validates text length, quick replies and messaging_type with code 100', async () => {
    const f = await start({ enforceWindow: false });
    expect((await send(f, reply('1', 'x'.repeat(2001)))).body.error!.code).toBe(100);
    expect((await send(f, reply('1', 'x'.repeat(2000)))).status).toBe(200);
    const quick = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        content_type: 'text',
        title: `Q${i}`,
        payload: `p${i}`,
      }));
    expect((await send(f, reply('2', 'pick', { quick_replies: quick(14) }))).body.error!.code).toBe(
      100,
    );
    expect((await send(f, reply('2', 'pick', { quick_replies: quick(13) }))).status).toBe(200);
    expect(
      (await send(f, { recipient: { id: '3' }, message: { text: 'x' } })).body.error!.code,
    ).toBe(100);
    expect(
      (await send(f, { messaging_type: 'RESPONSE', message: { text: 'x' } })).body.error!.code,
    ).toBe(100);
    expect(f.stats()).toMatchObject({ accepted: 2, rejected: 4, violations: 0 });
  });

  it('refuses outside the 24-hour window with code 10 / subcode 2018278; tags pass', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now });
    const closed = await send(f, reply('psid-1'));
    expect(closed.status).toBe(400);
    expect(closed.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    f.userWrote('psid-1');
    expect((await send(f, reply('psid-1'))).status).toBe(200);
    clock.advance(25 * 3_600_000);
    expect((await send(f, reply('psid-1'))).body.error!.error_subcode).toBe(2018278);
    const tagged = {
      recipient: { id: 'psid-1' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'agent here' },
    };
    expect((await send(f, tagged)).status).toBe(200);
    clock.advance(7 * 24 * 3_600_000);
    expect((await send(f, tagged)).body.error!.code).toBe(10);
  });

  it('answers 613 past the per-Page rate and counts the violation', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now, enforceWindow: false, rate: { perSecond: 5 } });
    for (let i = 0; i < 5; i++) expect((await send(f, reply(`u${i}`))).status).toBe(200);
    const over = await send(f, reply('u9'));
    expect(over.body.error!.code).toBe(613);
    clock.advance(200);
    expect((await send(f, reply('u9'))).status).toBe(200);
    expect(f.stats()).toMatchObject({ violations: 1, violationsByLimit: { text: 1 } });
    expect(f.limits.text).toMatchObject({ perSecond: 5, errorCode: 613 });
  });

  it('posts signed delivery and read webhooks and inbound messages in the page envelope', async () => {
    capture = await startWebhookCapture();
    const f = await start({ webhookUrl: capture.url });
    await f.sendInbound({ psid: 'psid-2', text: 'Yes', quickReplyPayload: 'YES' });
    await f.sendInbound({
      psid: 'psid-2',
      postback: { title: 'Start', payload: 'GET_STARTED', ref: 'fridge' },
    });
    const { body } = await send(f, reply('psid-2', 'Here you go'));
    await f.flushWebhooks();
    expect(capture.received).toHaveLength(4);
    const events = capture.received.map((hook) => {
      expect(
        verifyMetaSignature(hook.rawBody, String(hook.headers['x-hub-signature-256']), f.appSecret),
      ).toBe(true);
      const payload = JSON.parse(hook.rawBody);
      expect(payload.object).toBe('page');
      expect(payload.entry[0].id).toBe(f.pageId);
      return payload.entry[0].messaging[0];
    });
    expect(events[0]).toMatchObject({
      sender: { id: 'psid-2' },
      recipient: { id: f.pageId },
      message: { text: 'Yes', quick_reply: { payload: 'YES' } },
    });
    expect(events[1].postback).toMatchObject({
      payload: 'GET_STARTED',
      referral: { ref: 'fridge' },
    });
    expect(events[2].delivery.mids).toEqual([body.message_id]);
    expect(events[3].read.watermark).toBeTypeOf('number');
  });

  it('limits audio and video separately (10/s) and answers 551 for unavailable people', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now, enforceWindow: false, unavailable: ['gone'] });
    const video = (psid: string) => ({
      recipient: { id: psid },
      messaging_type: 'UPDATE',
      message: { attachment: { type: 'video', payload: { url: 'https://example.com/v.mp4' } } },
    });
    for (let i = 0; i < 10; i++) expect((await send(f, video(`v${i}`))).status).toBe(200);
    expect((await send(f, video('v10'))).body.error!.code).toBe(613);
    expect((await send(f, reply('t1'))).status).toBe(200);
    expect((await send(f, reply('gone'))).body.error!.code).toBe(551);
    expect(f.stats()).toMatchObject({
      accepted: 11,
      violations: 1,
      violationsByLimit: { media: 1 },
      rejectedByCode: { '551': 1 },
    });
  });

  it("runs Meta's GET handshake against the app's webhook", async () => {
    const { startHttpFake } = await import('./fake-http-server.ts');
    // A minimal app endpoint: echo the challenge when the verify token matches, else 403.
    const app = await startHttpFake((request) =>
      request.query.get('hub.mode') === 'subscribe' &&
      request.query.get('hub.verify_token') === 'right'
        ? { status: 200, body: request.query.get('hub.challenge') ?? '' }
        : { status: 403, body: 'forbidden' },
    );
    try {
      const f = await start({ webhookUrl: `${app.url}/webhooks/messenger` });
      const good = await f.verifyWebhook('right');
      expect(good.ok).toBe(true);
      expect(good.body).toBe(good.challenge);
      const bad = await f.verifyWebhook('wrong');
      expect(bad).toMatchObject({ ok: false, status: 403 });
    } finally {
      await app.close();
    }
  });
});
