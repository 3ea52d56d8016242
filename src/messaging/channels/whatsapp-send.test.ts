import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../types.ts';
import { type CaptureServer, startCaptureServer } from './testing/capture-server.ts';
import { createWhatsAppAdapter } from './whatsapp.ts';
import { classifyWhatsAppError } from './whatsapp-errors.ts';

const base = {
  apiVersion: 'v21.0',
  phoneNumberId: '106540352242922',
  accessToken: 'test-access-token',
  appSecret: 'test-app-secret',
  verifyToken: 'vt-vt-vt-vt',
};
const to = {
  channel: 'whatsapp' as const,
  provider: 'meta' as const,
  endpointId: '106540352242922',
  userId: '16505551234',
  phone: '16505551234',
};
const message = (
  parts: OutboundMessage['parts'],
  extra: Partial<OutboundMessage> = {},
): OutboundMessage => ({
  idempotencyKey: 'k1',
  to,
  purpose: 'service',
  conversationKey: 'whatsapp:106540352242922:16505551234',
  parts,
  ...extra,
});
const bodies = (m: OutboundMessage) =>
  createWhatsAppAdapter({ ...base, baseUrl: 'http://x' })
    .render(m)
    .map((p) => JSON.parse(p.body));
const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, title: `Option ${i + 1}` }));

describe('WhatsApp render by capabilities', () => {
  it('≤3 short choices → reply buttons', () => {
    const [body] = bodies(
      message([{ type: 'choices', prompt: 'Cook what?', options: options(3) }], {
        correlation: 'outbox:7',
      }),
    );
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Cook what?' },
        action: {
          buttons: [1, 2, 3].map((i) => ({
            type: 'reply',
            reply: { id: `o${i}`, title: `Option ${i}` },
          })),
        },
      },
      biz_opaque_callback_data: 'outbox:7',
    });
  });

  it('4–10 choices, or titles over 20 characters → a list', () => {
    const [list] = bodies(message([{ type: 'choices', prompt: 'Pick', options: options(10) }]));
    expect(list.interactive.type).toBe('list');
    expect(list.interactive.action.sections[0].rows).toHaveLength(10);
    const [long] = bodies(
      message([
        { type: 'choices', prompt: 'Pick', options: [{ id: 'a', title: 'A title of twenty-one' }] },
      ]),
    );
    expect(long.interactive.type).toBe('list');
  });

  it('more than 10 choices → numbered text', () => {
    const [body] = bodies(message([{ type: 'choices', prompt: 'Pick', options: options(11) }]));
    expect(body.type).toBe('text');
    expect(body.text.body).toBe(
      [
        'Pick',
        '',
        ...options(11).map((o, i) => `${i + 1}. ${o.title}`),
        '',
        'Reply with a number.',
      ].join('\n'),
    );
  });

  it('a template replaces the parts (positional params in order)', () => {
    const [body] = bodies(
      message([{ type: 'text', text: 'ignored' }], {
        template: { name: 'order_confirmation', language: 'en', params: { 2: 'B', 1: 'Asha' } },
      }),
    );
    expect(body.template).toEqual({
      name: 'order_confirmation',
      language: { code: 'en' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Asha' },
            { type: 'text', text: 'B' },
          ],
        },
      ],
    });
  });

  it('media by link; long text split under 4096', () => {
    const [image, audio] = bodies(
      message([
        { type: 'media', url: 'https://cdn.example/p.jpg', mime: 'image/jpeg', caption: 'Pasta' },
        { type: 'media', url: 'https://cdn.example/a.ogg', mime: 'audio/ogg', caption: 'dropped' },
      ]),
    );
    expect(image).toMatchObject({
      type: 'image',
      image: { link: 'https://cdn.example/p.jpg', caption: 'Pasta' },
    });
    expect(audio).toMatchObject({ type: 'audio', audio: { link: 'https://cdn.example/a.ogg' } });
    expect(audio.audio.caption).toBeUndefined();
    const split = bodies(message([{ type: 'text', text: 'word '.repeat(2000) }]));
    expect(split.length).toBe(3);
    for (const b of split) expect(b.text.body.length).toBeLessThanOrEqual(4096);
  });
});

describe('WhatsApp send', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => server?.close());

  it('POSTs /{version}/{phone_number_id}/messages with the Bearer token and returns the wamid', async () => {
    server = await startCaptureServer(() => ({
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: '16505551234', wa_id: '16505551234' }],
        messages: [{ id: 'wamid.SENT' }],
      },
    }));
    const adapter = createWhatsAppAdapter({ ...base, baseUrl: server.url });
    const [payload] = adapter.render(message([{ type: 'text', text: 'Hello' }]));
    expect(await adapter.send(payload!)).toEqual({ ok: true, providerMessageId: 'wamid.SENT' });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v21.0/106540352242922/messages',
      headers: { authorization: 'Bearer test-access-token', 'content-type': 'application/json' },
    });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Hello' },
    });
  });

  it.each([
    [400, 131047, { kind: 'window_closed', code: '131047' }],
    [400, 131050, { kind: 'opted_out', scope: 'marketing', code: '131050' }],
    [400, 131049, { kind: 'retry', afterMs: 6 * 3_600_000, code: '131049' }],
    [429, 130429, { kind: 'retry', code: '130429' }],
    [400, 131056, { kind: 'retry', afterMs: 6000, code: '131056' }],
    [400, 131026, { kind: 'permanent', code: '131026' }],
    [400, 100, { kind: 'permanent', code: '100' }],
    [400, 131048, { kind: 'halt_sender', code: '131048' }],
    [403, 368, { kind: 'halt_sender', code: '368' }],
    [503, 999999, { kind: 'retry', code: '999999' }],
  ])('HTTP %i with error %i is classified', async (status, code, expected) => {
    server = await startCaptureServer(() => ({
      status,
      body: {
        error: {
          message: `(#${code}) recorded`,
          type: 'OAuthException',
          code,
          error_data: { messaging_product: 'whatsapp', details: 'recorded' },
          fbtrace_id: 'AbCd',
        },
      },
    }));
    const adapter = createWhatsAppAdapter({ ...base, baseUrl: server.url });
    const result = await adapter.send(adapter.render(message([{ type: 'text', text: 'x' }]))[0]!);
    expect(result).toEqual({ ok: false, error: expected, detail: `(#${code}) recorded` });
  });

  it('an unreachable API is a retry, and the token is not in the detail', async () => {
    const adapter = createWhatsAppAdapter({
      ...base,
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 2000,
    });
    const result = await adapter.send(adapter.render(message([{ type: 'text', text: 'x' }]))[0]!);
    expect(result.ok === false && result.error.kind).toBe('retry');
    expect(JSON.stringify(result)).not.toContain('test-access-token');
    expect(classifyWhatsAppError(undefined, 401)).toEqual({
      kind: 'halt_sender',
      code: 'http_401',
    });
  });

  it('downloads media: id → URL → Bearer GET, checked against sha256', async () => {
    const bytes = Buffer.from('fake jpeg bytes');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    server = await startCaptureServer((req) => {
      if (req.headers.authorization !== 'Bearer test-access-token')
        return { status: 401, body: {} };
      if (req.path.startsWith('/v21.0/2754859441498128'))
        return {
          status: 200,
          body: {
            id: '2754859441498128',
            mime_type: 'image/jpeg',
            sha256,
            file_size: String(bytes.length),
            messaging_product: 'whatsapp',
            url: `${server!.url}/media/abc`,
          },
        };
      return { status: 200, body: bytes.toString(), headers: { 'content-type': 'image/jpeg' } };
    });
    const adapter = createWhatsAppAdapter({ ...base, baseUrl: server.url });
    const media = await adapter.fetchMedia({ id: '2754859441498128' });
    expect(media).toEqual({ bytes, mime: 'image/jpeg', sha256 });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v21.0/2754859441498128?phone_number_id=106540352242922',
      '/media/abc',
    ]);
  });

  it('refuses media whose bytes do not match the announced sha256', async () => {
    server = await startCaptureServer((req) =>
      req.path.startsWith('/v21.0/')
        ? {
            status: 200,
            body: {
              url: `${server!.url}/media/x`,
              sha256: '0'.repeat(64),
              mime_type: 'image/jpeg',
            },
          }
        : { status: 200, body: 'tampered' },
    );
    const adapter = createWhatsAppAdapter({ ...base, baseUrl: server.url });
    await expect(adapter.fetchMedia({ id: '1' })).rejects.toThrow(/sha256/);
  });
});
