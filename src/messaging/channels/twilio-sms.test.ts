import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage, RawRequest } from '../types.ts';
import { smsSegments } from './sms-segments.ts';
import {
  type CaptureServer,
  fixture,
  type Reply,
  startCaptureServer,
} from './testing/capture-server.ts';
import { signTwilio, verifyTwilioSignature } from './twilio-signature.ts';
import { createTwilioSmsAdapter, splitBySegments } from './twilio-sms.ts';

const TOKEN = 'test_auth_token';
const URL_ = 'https://example.com/webhooks/twilio/sms';
const base = {
  accountSid: 'AC00000000000000000000000000000000',
  authToken: TOKEN,
  messagingServiceSid: 'MG00000000000000000000000000000000',
  statusCallbackUrl: 'https://hub.example/webhooks/twilio/status',
};
const adapter = createTwilioSmsAdapter({
  ...base,
  baseUrl: 'http://127.0.0.1:9',
  now: () => 1_700_000_000_000,
});

function request(
  body: Buffer,
  url = URL_,
  signature: string | null = signTwilio(TOKEN, url, new URLSearchParams(body.toString())),
): RawRequest {
  const headers: RawRequest['headers'] = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['X-Twilio-Signature'] = signature;
  return { method: 'POST', url, headers, body };
}
const to = {
  channel: 'sms' as const,
  provider: 'twilio' as const,
  endpointId: 'MG00000000000000000000000000000000',
  userId: '+33600000000',
  phone: '+33600000000',
};
const message = (parts: OutboundMessage['parts']): OutboundMessage => ({
  idempotencyKey: 'bc-1:contact-9',
  to,
  purpose: 'marketing',
  conversationKey: 'sms:x:y',
  parts,
  correlation: 'outbox:77',
});

describe('X-Twilio-Signature', () => {
  const body = fixture('twilio', 'inbound-stop.form');

  it('reproduces the research test vector (URL + sorted params, HMAC-SHA1, base64)', () => {
    expect(signTwilio(TOKEN, URL_, new URLSearchParams(body.toString()))).toBe(
      'MdtnVwm5OxpYYYwyQAQ+9cwh1d8=',
    );
    expect(adapter.verify(request(body, URL_, 'MdtnVwm5OxpYYYwyQAQ+9cwh1d8='))).toBe(true);
  });

  it('rejects a missing header, wrong token, changed param, added param and changed URL', () => {
    expect(adapter.verify(request(body, URL_, null))).toBe(false);
    expect(
      adapter.verify(
        request(body, URL_, signTwilio('other_token', URL_, new URLSearchParams(body.toString()))),
      ),
    ).toBe(false);
    const good = signTwilio(TOKEN, URL_, new URLSearchParams(body.toString()));
    expect(
      adapter.verify(
        request(Buffer.from(body.toString().replace('Body=STOP', 'Body=START')), URL_, good),
      ),
    ).toBe(false);
    expect(adapter.verify(request(Buffer.from(`${body.toString()}&Extra=1`), URL_, good))).toBe(
      false,
    );
    // A TLS-terminating proxy that rewrote https → http breaks the signature, as it should.
    expect(adapter.verify(request(body, URL_.replace('https', 'http'), good))).toBe(false);
  });

  it('accepts the URL signed with or without the default port', () => {
    const withPort = 'https://example.com:443/webhooks/twilio/sms';
    const signedWithPort = signTwilio(TOKEN, withPort, new URLSearchParams(body.toString()));
    expect(verifyTwilioSignature(request(body, URL_, signedWithPort), TOKEN)).toBe(true);
    expect(
      verifyTwilioSignature(request(body, withPort, 'MdtnVwm5OxpYYYwyQAQ+9cwh1d8='), TOKEN),
    ).toBe(true);
  });

  it('JSON bodies: bodySHA256 in the query must match the body', () => {
    const json = Buffer.from('{"a":1}');
    const hash = '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862';
    const url = `${URL_}?bodySHA256=${hash}`;
    const sig = signTwilio(TOKEN, url, new URLSearchParams());
    expect(verifyTwilioSignature(request(json, url, sig), TOKEN)).toBe(true);
    expect(verifyTwilioSignature(request(Buffer.from('{"a":2}'), url, sig), TOKEN)).toBe(false);
  });
});

describe('Twilio webhooks parse', () => {
  it('OptOutType=STOP → consent opt_out (keyword) before the message', () => {
    const events = adapter.parse(request(fixture('twilio', 'inbound-stop.form')));
    const from = {
      channel: 'sms',
      provider: 'twilio',
      endpointId: '+33700000000',
      userId: '+33600000000',
      phone: '+33600000000',
    };
    expect(events).toEqual([
      {
        kind: 'consent',
        id: { provider: 'twilio', value: 'SM00000000000000000000000000000000#consent' },
        at: 1_700_000_000_000,
        from,
        action: 'opt_out',
        scope: 'all',
        via: 'keyword',
      },
      {
        kind: 'message',
        id: { provider: 'twilio', value: 'SM00000000000000000000000000000000' },
        at: 1_700_000_000_000,
        from,
        conversationKey: 'sms:+33700000000:+33600000000',
        parts: [{ type: 'text', text: 'STOP' }],
      },
    ]);
  });

  it('a GET webhook carries (and signs) its parameters in the URL', () => {
    const query = fixture('twilio', 'inbound-stop.form').toString();
    const url = `${URL_}?${query}`;
    const request: RawRequest = {
      method: 'GET',
      url,
      headers: { 'x-twilio-signature': signTwilio(TOKEN, url, new URLSearchParams()) },
      body: Buffer.alloc(0),
    };
    expect(adapter.verify(request)).toBe(true);
    expect(adapter.parse(request).map((e) => e.kind)).toEqual(['consent', 'message']);
  });

  it('MMS with two media and UTF-8 text', () => {
    const [event] = adapter.parse(request(fixture('twilio', 'inbound-mms.form')));
    expect(event?.kind === 'message' && event.parts).toEqual([
      { type: 'text', text: 'what can I cook? été' },
      {
        type: 'media',
        mediaKind: 'image',
        ref: {
          id: expect.stringContaining('/Media/ME1'),
          url: expect.stringContaining('/Media/ME1'),
        },
        mime: 'image/jpeg',
      },
      {
        type: 'media',
        mediaKind: 'image',
        ref: {
          id: expect.stringContaining('/Media/ME2'),
          url: expect.stringContaining('/Media/ME2'),
        },
        mime: 'image/png',
      },
    ]);
  });

  it('status callbacks carry the correlation from our StatusCallback URL', () => {
    const url = 'https://hub.example/webhooks/twilio/status?c=outbox%3A77';
    expect(adapter.parse(request(fixture('twilio', 'status-delivered.form'), url))).toEqual([
      {
        kind: 'status',
        id: { provider: 'twilio', value: 'SM22222222222222222222222222222222:delivered' },
        at: 1_700_000_000_000,
        providerMessageId: 'SM22222222222222222222222222222222',
        status: 'delivered',
        correlation: 'outbox:77',
      },
    ]);
    const [failed] = adapter.parse(request(fixture('twilio', 'status-undelivered.form'), url));
    expect(failed).toMatchObject({
      status: 'failed',
      error: { kind: 'halt_sender', code: '30007' },
    });
    expect(
      adapter.webhookResponse?.(request(fixture('twilio', 'status-delivered.form')))?.body,
    ).toContain('<Response></Response>');
  });
});

describe('SMS render', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(smsSegments(`${'a'.repeat(69)}🍮`)).toEqual({ encoding: 'UCS-2', segments: 2 });
    expect(smsSegments('ç'.repeat(70))).toEqual({ encoding: 'UCS-2', segments: 1 });
  });

  it('splits long text so each SMS stays within maxSegments', () => {
    const chunks = splitBySegments('Crème brûlée 🍮 '.repeat(100), 3);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(smsSegments(chunk).segments).toBeLessThanOrEqual(3);
  });

  it('choices become numbered text; form fields sorted; StatusCallback carries the correlation', () => {
    const [payload] = adapter.render(
      message([
        {
          type: 'choices',
          prompt: 'Pick',
          options: [
            { id: 'a', title: 'Pasta' },
            { id: 'b', title: 'Soup' },
          ],
        },
      ]),
    );
    expect(payload).toEqual({
      method: 'POST',
      path: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json',
      contentType: 'application/x-www-form-urlencoded',
      body: 'Body=Pick%0A%0A1.+Pasta%0A2.+Soup%0A%0AReply+with+a+number.&MessagingServiceSid=MG00000000000000000000000000000000&StatusCallback=https%3A%2F%2Fhub.example%2Fwebhooks%2Ftwilio%2Fstatus%3Fc%3Doutbox%253A77&To=%2B33600000000',
    });
  });
});

describe('Twilio send', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => server?.close());

  it('POSTs the form with Basic auth and returns the SID', async () => {
    server = await startCaptureServer(() => ({
      status: 201,
      body: { sid: 'SM44444444444444444444444444444444', status: 'queued' },
    }));
    const live = createTwilioSmsAdapter({ ...base, baseUrl: server.url });
    expect(await live.send(live.render(message([{ type: 'text', text: 'Hi' }]))[0]!)).toEqual({
      ok: true,
      providerMessageId: 'SM44444444444444444444444444444444',
    });
    const basic = Buffer.from(`${base.accountSid}:${TOKEN}`).toString('base64');
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${base.accountSid}/Messages.json`,
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    expect(new URLSearchParams(server.requests[0]!.body).get('Body')).toBe('Hi');
  });

  it.each([
    [400, 21610, { kind: 'opted_out', scope: 'all', code: '21610' }],
    [400, 63016, { kind: 'window_closed', code: '63016' }],
    [429, 20429, { kind: 'retry', afterMs: 2000, code: '20429' }],
    [400, 21211, { kind: 'permanent', code: '21211' }],
    [400, 21614, { kind: 'permanent', code: '21614' }],
    [401, 20003, { kind: 'halt_sender', code: '20003' }],
  ])('HTTP %i error %i is classified', async (status, code, expected) => {
    server = await startCaptureServer(() => ({
      status,
      body: {
        code,
        message: 'recorded',
        more_info: `https://www.twilio.com/docs/errors/${code}`,
        status,
      },
      headers: { 'retry-after': '2' },
    }));
    const live = createTwilioSmsAdapter({ ...base, baseUrl: server.url });
    expect(await live.send(live.render(message([{ type: 'text', text: 'x' }]))[0]!)).toEqual({
      ok: false,
      error: expected,
      detail: 'recorded',
    });
  });

  it('fetchMedia sends Basic auth to Twilio and follows the CDN redirect without it', async () => {
    server = await startCaptureServer(
      (req): Reply =>
        req.path.startsWith('/2010-04-01/')
          ? { status: 302, body: '', headers: { location: '/cdn/abc' } }
          : { status: 200, body: 'PNG!', headers: { 'content-type': 'image/png' } },
    );
    const live = createTwilioSmsAdapter({ ...base, baseUrl: server.url });
    const url = `${server.url}/2010-04-01/Accounts/${base.accountSid}/Messages/MM1/Media/ME1`;
    const media = await live.fetchMedia?.({ id: url, url });
    expect(media?.bytes.toString()).toBe('PNG!');
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      [
        `/2010-04-01/Accounts/${base.accountSid}/Messages/MM1/Media/ME1`,
        `Basic ${Buffer.from(`${base.accountSid}:${TOKEN}`).toString('base64')}`,
      ],
      ['/cdn/abc', undefined],
    ]);
    await expect(
      live.fetchMedia?.({ id: 'http://elsewhere.example/x', url: 'http://elsewhere.example/x' }),
    ).rejects.toThrow(/non-TLS/);
  });
});
