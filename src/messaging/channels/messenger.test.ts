import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage, RawRequest } from '../types.ts';
import { classifyMessengerError, createMessengerAdapter } from './messenger.ts';
import { signMetaBody } from './meta-signature.ts';
import { type CaptureServer, fixture, startCaptureServer } from './testing/capture-server.ts';

const SECRET = 'messenger-app-secret';
const base = {
  apiVersion: 'v21.0',
  pageId: '106540352242922',
  pageAccessToken: 'test-page-token',
  appSecret: SECRET,
  verifyToken: 'messenger-verify',
};
const adapter = createMessengerAdapter({ ...base, baseUrl: 'http://127.0.0.1:9' });

function signed(name: string, secret = SECRET): RawRequest {
  const body = fixture('messenger', name);
  return {
    method: 'POST',
    url: 'https://hub.example/webhooks/messenger',
    headers: { 'x-hub-signature-256': signMetaBody(secret, body) },
    body,
  };
}
const to = {
  channel: 'messenger' as const,
  provider: 'meta' as const,
  endpointId: '106540352242922',
  userId: '6783960618293014',
};
const message = (
  parts: OutboundMessage['parts'],
  extra: Partial<OutboundMessage> = {},
): OutboundMessage => ({
  idempotencyKey: 'k',
  to,
  purpose: 'service',
  conversationKey: 'messenger:106540352242922:6783960618293014',
  parts,
  ...extra,
});

describe('Messenger webhook verification', () => {
  it('uses the Meta signature and handshake', () => {
    expect(adapter.verify(signed('text.json'))).toBe(true);
    expect(adapter.verify(signed('text.json', 'wrong-secret'))).toBe(false);
    expect(adapter.verify({ ...signed('text.json'), headers: {} })).toBe(false);
    const get = (token: string): RawRequest => ({
      method: 'GET',
      url: `https://hub.example/webhooks/messenger?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${token}`,
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(adapter.handshake?.(get('messenger-verify'))?.body).toBe('42');
    expect(adapter.handshake?.(get('nope'))?.status).toBe(403);
  });
});

describe('Messenger events', () => {
  it('text message', () => {
    expect(adapter.parse(signed('text.json'))).toEqual([
      {
        kind: 'message',
        id: { provider: 'meta', value: 'mid.1457764197618:41d102a3e1ae206a38' },
        at: 1458692752478,
        from: {
          channel: 'messenger',
          provider: 'meta',
          endpointId: '106540352242922',
          userId: '6783960618293014',
        },
        conversationKey: 'messenger:106540352242922:6783960618293014',
        parts: [{ type: 'text', text: 'hello, world!' }],
      },
    ]);
  });

  it('quick reply → choice; image attachment → media with its URL', () => {
    const [quick] = adapter.parse(signed('quick-reply.json'));
    expect(quick?.kind === 'message' && quick.parts).toEqual([
      { type: 'choice', choiceId: 'recipe:pasta', title: 'Pasta' },
    ]);
    const [image] = adapter.parse(signed('attachment-image.json'));
    const url = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/fridge.jpg';
    expect(image?.kind === 'message' && image.parts).toEqual([
      { type: 'media', mediaKind: 'image', ref: { id: url, url } },
    ]);
  });

  it('postback with an m.me referral', () => {
    const [event] = adapter.parse(signed('postback-referral.json'));
    expect(event?.kind === 'message' && [event.id.value, event.parts, event.referral]).toEqual([
      'm_postback1',
      [{ type: 'choice', choiceId: 'GET_STARTED', title: 'Get Started' }],
      { source: 'm_me_ref', ref: 'fridge_campaign_42' },
    ]);
  });

  it('echoes are ignored; delivery and read become statuses; marketing opt-in stop becomes consent', () => {
    expect(adapter.parse(signed('echo.json'))).toEqual([]);
    expect(
      adapter
        .parse(signed('delivery-read.json'))
        .map((e) => e.kind === 'status' && [e.status, e.providerMessageId]),
    ).toEqual([
      ['delivered', 'mid.1458668856218:ed81099e15d3f4f233'],
      ['read', 'watermark:6783960618293014:1458668856253'],
    ]);
    expect(adapter.parse(signed('optin-stop.json'))).toMatchObject([
      { kind: 'consent', action: 'opt_out', scope: 'marketing', via: 'provider_preference' },
    ]);
  });
});

describe('Messenger render', () => {
  const render = (m: OutboundMessage) => adapter.render(m).map((p) => JSON.parse(p.body));
  const options = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, title: `Option ${i + 1}` }));

  it('≤3 choices → button template (postbacks), RESPONSE inside the window', () => {
    expect(render(message([{ type: 'choices', prompt: 'Pick', options: options(2) }]))).toEqual([
      {
        recipient: { id: '6783960618293014' },
        messaging_type: 'RESPONSE',
        message: {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'button',
              text: 'Pick',
              buttons: [
                { type: 'postback', title: 'Option 1', payload: 'o1' },
                { type: 'postback', title: 'Option 2', payload: 'o2' },
              ],
            },
          },
        },
      },
    ]);
  });

  it('4–13 choices → quick replies; 14 → numbered text', () => {
    const [quick] = render(message([{ type: 'choices', prompt: 'Pick', options: options(13) }]));
    expect(quick.message.quick_replies).toHaveLength(13);
    expect(quick.message.quick_replies[0]).toEqual({
      content_type: 'text',
      title: 'Option 1',
      payload: 'o1',
    });
    const [text] = render(message([{ type: 'choices', prompt: 'Pick', options: options(14) }]));
    expect(text.message).toEqual({
      text: expect.stringContaining('14. Option 14\n\nReply with a number.'),
    });
  });

  it('a template names a message tag; marketing without one is an UPDATE', () => {
    const [tagged] = render(
      message([{ type: 'text', text: 'Your order shipped' }], {
        purpose: 'utility',
        template: { name: 'POST_PURCHASE_UPDATE', language: 'en', params: {} },
      }),
    );
    expect(tagged).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' });
    const [update] = render(
      message([{ type: 'text', text: 'New recipes' }], { purpose: 'marketing' }),
    );
    expect(update.messaging_type).toBe('UPDATE');
    expect(
      render(message([{ type: 'text', text: 'x'.repeat(4500) }])).map((b) => b.message.text.length),
    ).toEqual([2000, 2000, 500]);
  });
});

describe('Messenger send', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => server?.close());

  it('POSTs /{version}/{page}/messages with the page token as Bearer', async () => {
    server = await startCaptureServer(() => ({
      status: 200,
      body: { recipient_id: '6783960618293014', message_id: 'm_SENT' },
    }));
    const live = createMessengerAdapter({ ...base, baseUrl: server.url });
    expect(await live.send(live.render(message([{ type: 'text', text: 'Hi' }]))[0]!)).toEqual({
      ok: true,
      providerMessageId: 'm_SENT',
    });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v21.0/106540352242922/messages',
      headers: { authorization: 'Bearer test-page-token' },
    });
    const me = createMessengerAdapter({ ...base, pageId: undefined, baseUrl: server.url });
    expect(me.render(message([{ type: 'text', text: 'Hi' }]))[0]?.path).toBe('/v21.0/me/messages');
  });

  it.each([
    [400, 551, undefined, { kind: 'opted_out', scope: 'all', code: '551' }],
    [400, 10, 2018278, { kind: 'window_closed', code: '10/2018278' }],
    [400, 100, 1545041, { kind: 'opted_out', scope: 'all', code: '100/1545041' }],
    [400, 613, undefined, { kind: 'retry', code: '613' }],
    [400, 4, undefined, { kind: 'retry', code: '4' }],
    [400, 230, undefined, { kind: 'permanent', code: '230' }],
    [400, 368, undefined, { kind: 'halt_sender', code: '368' }],
  ])('HTTP %i error %i/%s is classified', async (status, code, subcode, expected) => {
    const error = {
      message: 'recorded',
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 'x',
    };
    server = await startCaptureServer(() => ({ status, body: { error } }));
    const live = createMessengerAdapter({ ...base, baseUrl: server.url });
    expect(await live.send(live.render(message([{ type: 'text', text: 'x' }]))[0]!)).toEqual({
      ok: false,
      error: expected,
      detail: 'recorded',
    });
    expect(classifyMessengerError(undefined, undefined, 500)).toEqual({
      kind: 'retry',
      code: 'http_500',
    });
  });
});
