import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTwilio, type FakeTwilioOptions, startFakeTwilio } from './fake-twilio.ts';
import { countSmsSegments } from './sms-segments.ts';
import { startWebhookCapture, type WebhookCapture } from './webhook-capture.ts';
import { verifyTwilioSignature } from './webhook-signing.ts';

let fake: FakeTwilio | undefined;
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

interface TwilioAnswer {
  code?: number;
  message?: string;
  sid?: string;
  status?: string | number;
  num_segments?: string;
  more_info?: string;
}

async function start(options: FakeTwilioOptions = {}) {
  fake = await startFakeTwilio(options);
  return fake;
}

async function send(f: FakeTwilio, params: Record<string, string>, token = f.authToken) {
  const response = await fetch(`${f.url}/2010-04-01/Accounts/${f.accountSid}/Messages.json`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${f.accountSid}:${token}`).toString('base64')}`,
    },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as TwilioAnswer };
}

const FROM = '+15005550006';

describe('startFakeTwilio', () => {
  it('refuses wrong credentials with 401 / 20003', async () => {
    const f = await start();
    const { status, body } = await send(f, { To: '+33600000001', From: FROM, Body: 'hi' }, 'nope');
    expect(status).toBe(401);
    expect(body).toMatchObject({ code: 20003, status: 401 });
  });

  it('creates a queued message resource', async () => {
    const f = await start();
    const { status, body } = await send(f, { To: '+33600000001', From: FROM, Body: 'hello' });
    expect(status).toBe(201);
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(body).toMatchObject({ status: 'queued', num_segments: '1' });
    expect(f.stats().accepted).toBe(1);
  });

  it('validates numbers (21211) and required parameters', async () => {
    const f = await start({ perSender: { perSecond: 100, burst: 100 } });
    expect((await send(f, { To: '0600000000', From: FROM, Body: 'x' })).body.code).toBe(21211);
    expect((await send(f, { From: FROM, Body: 'x' })).body.code).toBe(21604);
    expect((await send(f, { To: '+33600000001', From: FROM })).body.code).toBe(21602);
    expect(
      (await send(f, { To: '+33600000001', From: FROM, Body: 'x'.repeat(1601) })).body.code,
    ).toBe(21617);
    const badCallback = { To: '+33600000001', From: FROM, Body: 'x', StatusCallback: 'not a url' };
    expect((await send(f, badCallback)).body.code).toBe(21609);
    expect(f.stats()).toMatchObject({ accepted: 0, rejected: 5, violations: 0 });
  });

  it('refuses numbers on the STOP list with 21610, after an inbound STOP', async () => {
    capture = await startWebhookCapture();
    const f = await start({
      inboundUrl: `${capture.url}/webhooks/twilio/sms`,
      perSender: { perSecond: 100, burst: 100 },
    });
    const inbound = await f.sendInbound({ from: '+33600000002', to: FROM, body: ' stop ' });
    expect(inbound.params.OptOutType).toBe('STOP');
    const refused = await send(f, { To: '+33600000002', From: FROM, Body: 'promo' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(21610);
    // Only the number replied to is blocked without a Messaging Service (research §1.4.3).
    expect(
      (await send(f, { To: '+33600000002', From: '+15005550007', Body: 'other' })).status,
    ).toBe(201);
    // Multi-word messages do not trigger the block.
    await f.sendInbound({ from: '+33600000003', to: FROM, body: 'STOP PLEASE' });
    expect((await send(f, { To: '+33600000003', From: FROM, Body: 'x' })).status).toBe(201);
    await f.sendInbound({ from: '+33600000002', to: FROM, body: 'START' });
    expect((await send(f, { To: '+33600000002', From: FROM, Body: 'welcome back' })).status).toBe(
      201,
    );

    const hook = capture.received[0]!;
    const params = Object.fromEntries(new URLSearchParams(hook.rawBody));
    expect(params).toMatchObject({
      Body: ' stop ',
      From: '+33600000002',
      To: FROM,
      OptOutType: 'STOP',
    });
    expect(params.MessageSid).toMatch(/^SM/);
    expect(
      verifyTwilioSignature(
        hook.url,
        params,
        String(hook.headers['x-twilio-signature']),
        f.authToken,
      ),
    ).toBe(true);
    expect(
      verifyTwilioSignature(
        hook.url,
        { ...params, Body: 'x' },
        String(hook.headers['x-twilio-signature']),
        f.authToken,
      ),
    ).toBe(false);
  });

  it('counts a violation when a sender is driven past 1 segment/s (queued, as Twilio does)', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now });
    expect((await send(f, { To: '+33600000004', From: FROM, Body: 'a' })).status).toBe(201);
    clock.advance(1_000);
    expect((await send(f, { To: '+33600000005', From: FROM, Body: 'b' })).status).toBe(201);
    expect(f.stats().violations).toBe(0);
    const early = await send(f, { To: '+33600000006', From: FROM, Body: 'c' });
    expect(early.status).toBe(201);
    expect(f.stats()).toMatchObject({
      accepted: 3,
      violations: 1,
      violationsByLimit: { perSender: 1 },
    });
    // Another sender has its own bucket.
    expect((await send(f, { To: '+33600000006', From: '+15005550009', Body: 'c' })).status).toBe(
      201,
    );
    expect(f.stats().violations).toBe(1);
  });

  it('charges segments: a 2-segment body needs 2 tokens', async () => {
    expect(countSmsSegments('x'.repeat(160))).toBe(1);
    expect(countSmsSegments('x'.repeat(161))).toBe(2);
    expect(countSmsSegments('é'.repeat(160))).toBe(1);
    expect(countSmsSegments('ł'.repeat(71))).toBe(2);
    const clock = manualClock();
    const f = await start({
      now: clock.now,
      perSender: { perSecond: 2, burst: 2 },
      onExcess: 'reject',
    });
    expect(
      (await send(f, { To: '+33600000007', From: FROM, Body: 'y'.repeat(200) })).body.num_segments,
    ).toBe('2');
    clock.advance(250);
    const over = await send(f, { To: '+33600000008', From: FROM, Body: 'z' });
    expect(over.status).toBe(429);
    expect(over.body.code).toBe(20429);
    clock.advance(250);
    expect((await send(f, { To: '+33600000008', From: FROM, Body: 'z' })).status).toBe(201);
    expect(f.stats().violations).toBe(1);
  });

  it('refuses with 21611 once the sender queue would exceed its maximum', async () => {
    const f = await start({ now: () => 0, maxQueueSeconds: 2 });
    for (const body of ['a', 'b', 'c'])
      expect((await send(f, { To: '+33600000010', From: FROM, Body: body })).status).toBe(201);
    expect((await send(f, { To: '+33600000010', From: FROM, Body: 'd' })).body.code).toBe(21611);
  });

  it('posts signed status callbacks and counts duplicates by callback query', async () => {
    capture = await startWebhookCapture();
    const f = await start({
      perSender: { perSecond: 100, burst: 100 },
      undeliverable: ['+33600000012'],
    });
    const callback = `${capture.url}/twilio/status?outbox=41`;
    const { body } = await send(f, {
      To: '+33600000011',
      From: FROM,
      Body: 'hi',
      StatusCallback: callback,
    });
    await send(f, {
      To: '+33600000012',
      From: FROM,
      Body: 'hi',
      StatusCallback: `${capture.url}/twilio/status?outbox=42`,
    });
    await send(f, { To: '+33600000011', From: FROM, Body: 'hi again', StatusCallback: callback });
    await f.flushWebhooks();
    expect(capture.received).toHaveLength(6);
    const all = capture.received.map((hook) => {
      const params = Object.fromEntries(new URLSearchParams(hook.rawBody));
      expect(
        verifyTwilioSignature(
          hook.url,
          params,
          String(hook.headers['x-twilio-signature']),
          f.authToken,
        ),
      ).toBe(true);
      return params;
    });
    expect(all.filter((p) => p.MessageSid === body.sid).map((p) => p.MessageStatus)).toEqual([
      'sent',
      'delivered',
    ]);
    expect(all.find((p) => p.MessageStatus === 'undelivered')).toMatchObject({
      To: '+33600000012',
      ErrorCode: '30003',
    });
    expect(f.stats()).toMatchObject({
      accepted: 3,
      duplicates: 1,
      duplicateKeys: ['correlation:outbox=41'],
    });
  });

  it('matches the research fixture for X-Twilio-Signature', async () => {
    const { signTwilioRequest } = await import('./webhook-signing.ts');
    const params = {
      AccountSid: 'AC00000000000000000000000000000000',
      Body: 'STOP',
      From: '+33600000000',
      MessageSid: 'SM00000000000000000000000000000000',
      NumMedia: '0',
      OptOutType: 'STOP',
      To: '+33700000000',
    };
    expect(
      signTwilioRequest('https://example.com/webhooks/twilio/sms', params, 'test_auth_token'),
    ).toBe('MdtnVwm5OxpYYYwyQAQ+9cwh1d8=');
  });
});
