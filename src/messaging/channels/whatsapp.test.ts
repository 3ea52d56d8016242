import { describe, expect, it } from 'vitest';
import type { RawRequest } from '../types.ts';
import { signMetaBody, verifyMetaSignature } from './meta-signature.ts';
import { fixture } from './testing/capture-server.ts';
import { createWhatsAppAdapter } from './whatsapp.ts';

const SECRET = 'test-app-secret';
const options = {
  baseUrl: 'http://127.0.0.1:9',
  apiVersion: 'v21.0',
  phoneNumberId: '106540352242922',
  accessToken: 'test-access-token',
  appSecret: SECRET,
  verifyToken: 'test-verify-token',
};
const adapter = createWhatsAppAdapter(options);

function post(body: Buffer, signature?: string): RawRequest {
  const headers: RawRequest['headers'] = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['X-Hub-Signature-256'] = signature;
  return { method: 'POST', url: 'https://hub.example/webhooks/whatsapp', headers, body };
}
const signed = (name: string) => {
  const body = fixture('whatsapp', name);
  return post(body, signMetaBody(SECRET, body));
};

describe('WhatsApp signature (X-Hub-Signature-256)', () => {
  it('matches the documented GitHub test vector (same HMAC-SHA256 scheme)', () => {
    const body = Buffer.from('Hello, World!');
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(signMetaBody("It's a Secret to Everybody", body)).toBe(expected);
    expect(verifyMetaSignature(post(body, expected), "It's a Secret to Everybody")).toBe(true);
  });

  it('accepts a body signed with the app secret', () => {
    expect(adapter.verify(signed('text.json'))).toBe(true);
  });

  it('rejects forged, unsigned, wrong-secret, malformed and re-serialised bodies', () => {
    const body = fixture('whatsapp', 'unicode-escaped.json');
    const good = signMetaBody(SECRET, body);
    expect(adapter.verify(post(body))).toBe(false);
    expect(adapter.verify(post(body, signMetaBody('another-secret', body)))).toBe(false);
    expect(
      adapter.verify(
        post(
          body,
          good.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
        ),
      ),
    ).toBe(false);
    expect(adapter.verify(post(body, good.slice('sha256='.length)))).toBe(false);
    expect(adapter.verify(post(body, 'sha256=zz'))).toBe(false);
    expect(adapter.verify(post(Buffer.from(`${body.toString()} `), good))).toBe(false);
    // Meta signs its escaped unicode; JSON.stringify writes the characters themselves.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(reserialised.equals(body)).toBe(false);
    expect(adapter.verify(post(reserialised, good))).toBe(false);
    expect(adapter.verify(post(body, good.toUpperCase().replace('SHA256=', 'sha256=')))).toBe(true);
  });
});

describe('WhatsApp handshake', () => {
  const get = (query: string): RawRequest => ({
    method: 'GET',
    url: `https://hub.example/webhooks/whatsapp?${query}`,
    headers: {},
    body: Buffer.alloc(0),
  });
  it('echoes hub.challenge when the verify token matches', () => {
    expect(
      adapter.handshake?.(
        get('hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=test-verify-token'),
      ),
    ).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '1158201444',
    });
  });
  it('does not reflect a challenge that is not a plain token', () => {
    const hostile = encodeURIComponent('<script>alert(1)</script>');
    expect(
      adapter.handshake?.(
        get(`hub.mode=subscribe&hub.challenge=${hostile}&hub.verify_token=test-verify-token`),
      ),
    ).toEqual({ status: 400, body: 'bad hub.challenge' });
  });

  it('refuses a wrong token or mode, and ignores non-handshakes', () => {
    expect(
      adapter.handshake?.(get('hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope'))?.status,
    ).toBe(403);
    expect(
      adapter.handshake?.(
        get('hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=test-verify-token'),
      )?.status,
    ).toBe(403);
    expect(adapter.handshake?.(get('hub.challenge=1'))).toBeUndefined();
    expect(adapter.handshake?.(signed('text.json'))).toBeUndefined();
  });
});

describe('WhatsApp fixtures parse to normalised events', () => {
  it('text (captured dump)', () => {
    expect(adapter.parse(signed('text.json'))).toEqual([
      {
        kind: 'message',
        id: {
          provider: 'meta',
          value: 'wamid.HBgLNjAxNzM1MjYyMzMVAgASGBQzQUI0NkE4NjM1QTU2NjVGOURGQgA=',
        },
        at: 1694427240000,
        from: {
          channel: 'whatsapp',
          provider: 'meta',
          endpointId: '114896151713920',
          userId: '60173526233',
          phone: '60173526233',
          displayName: 'Lee Jen Ling',
        },
        conversationKey: 'whatsapp:114896151713920:60173526233',
        parts: [{ type: 'text', text: 'Hihu' }],
      },
    ]);
  });

  it('image with media id, sha256 and caption', () => {
    const [event] = adapter.parse(signed('image.json'));
    expect(event?.kind === 'message' && event.parts).toEqual([
      {
        type: 'media',
        mediaKind: 'image',
        ref: { id: '2754859441498128' },
        mime: 'image/jpeg',
        sha256: '81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3',
        caption: 'what can I cook?',
      },
    ]);
  });

  it('interactive button and list replies, and template quick-reply buttons, become choices', () => {
    const button = adapter.parse(signed('interactive-button-reply.json'))[0];
    expect(button?.kind === 'message' && [button.parts, button.replyTo]).toEqual([
      [{ type: 'choice', choiceId: 'cancel-button', title: 'Cancel' }],
      'wamid.HBgLMTY1MDUwNzY1MjAVAgARGBJBNTc2QkQ0MTQ5NjlDOTg0MDYA',
    ]);
    const list = adapter.parse(signed('interactive-list-reply.json'))[0];
    expect(list?.kind === 'message' && list.parts).toEqual([
      { type: 'choice', choiceId: 'priority_express', title: 'Priority Mail Express' },
    ]);
    const template = adapter.parse(signed('template-button.json'))[0];
    expect(template?.kind === 'message' && template.parts).toEqual([
      { type: 'choice', choiceId: 'recipes_yes', title: 'Yes, send recipes' },
    ]);
  });

  it('location and click-to-WhatsApp referral', () => {
    const location = adapter.parse(signed('location.json'))[0];
    expect(location?.kind === 'message' && location.parts).toEqual([
      { type: 'location', lat: 37.483307, lng: -122.148981, name: 'Main Office' },
    ]);
    const referral = adapter.parse(signed('referral-ctwa.json'))[0];
    expect(referral?.kind === 'message' && referral.referral).toEqual({
      source: 'ctwa_ad',
      ref: '120226305854810726',
      clickId:
        'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a',
    });
  });

  it('statuses: delivered with correlation, failed with classified errors', () => {
    expect(adapter.parse(signed('status-delivered.json'))).toEqual([
      {
        kind: 'status',
        id: {
          provider: 'meta',
          value: 'wamid.HBgLNjAxNzM1MjYyMzMVAgARGBJCNkY5NTBENEU3ODYxQTM3RUQA:delivered',
        },
        at: 1694492484000,
        providerMessageId: 'wamid.HBgLNjAxNzM1MjYyMzMVAgARGBJCNkY5NTBENEU3ODYxQTM3RUQA',
        status: 'delivered',
        correlation: 'outbox:42',
      },
    ]);
    const failed = adapter.parse(signed('status-failed.json'));
    expect(failed.map((e) => e.kind === 'status' && e.error)).toEqual([
      { kind: 'window_closed', code: '131047' },
      { kind: 'opted_out', scope: 'marketing', code: '131050' },
    ]);
  });

  it('user_preferences stop/resume become marketing consent events', () => {
    const events = adapter.parse(signed('user-preferences.json'));
    expect(
      events.map((e) => e.kind === 'consent' && [e.action, e.scope, e.via, e.from.userId, e.at]),
    ).toEqual([
      ['opt_out', 'marketing', 'provider_preference', '16505551234', 1731705700000],
      ['opt_in', 'marketing', 'provider_preference', '16505551234', 1731705721000],
    ]);
  });

  it('several entries and changes in one POST; a STOP keyword adds a consent event first', () => {
    const events = adapter.parse(signed('two-entries.json'));
    expect(events.map((e) => `${e.kind}:${e.id.value}`)).toEqual([
      'consent:wamid.FIRST#consent',
      'message:wamid.FIRST',
      'status:wamid.SENT1:read',
      'message:wamid.SECOND',
    ]);
    const sticker = events[3];
    expect(sticker?.kind === 'message' && [sticker.from.endpointId, sticker.parts[0]]).toEqual([
      '106540352242922',
      {
        type: 'media',
        mediaKind: 'sticker',
        ref: { id: '998877' },
        mime: 'image/webp',
        sha256: 'ab',
      },
    ]);
  });

  it('a username-only contact is keyed by its business-scoped user id, not a phone', () => {
    const [event] = adapter.parse(signed('bsuid-username-only.json'));
    expect(event?.kind === 'message' && event.from).toEqual({
      channel: 'whatsapp',
      provider: 'meta',
      endpointId: '106540352242922',
      userId: 'CO.1047385771169864',
      username: 'ana.cooks',
      displayName: 'Ana',
    });
  });

  it('escaped unicode decodes to the characters', () => {
    const [event] = adapter.parse(signed('unicode-escaped.json'));
    expect(event?.kind === 'message' && event.parts).toEqual([
      { type: 'text', text: 'Crème brûlée 🍮 ?' },
    ]);
  });

  it('an entry without changes is nothing to read, not an error', () => {
    expect(
      adapter.parse(
        post(Buffer.from('{"object":"whatsapp_business_account","entry":[{"id":"1","time":1}]}')),
      ),
    ).toEqual([]);
  });

  it('rejects a body that is not a WhatsApp webhook', () => {
    expect(() => adapter.parse(post(Buffer.from('{"object":"page","entry":[]}')))).toThrow(
      /whatsapp webhook body/,
    );
    expect(() => adapter.parse(post(Buffer.from('not json')))).toThrow(/not JSON/);
  });
});
