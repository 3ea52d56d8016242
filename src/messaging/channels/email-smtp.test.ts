import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundEvent, OutboundMessage, RawRequest } from '../types.ts';
import { createEmailAdapter } from './email.ts';
import {
  createInboundSmtp,
  type InboundAttachment,
  type InboundSmtp,
  mailToEvents,
} from './email-inbound.ts';
import { fixture } from './testing/capture-server.ts';

const SECRET = 'unsubscribe-secret-0123456789abcdef';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const to = {
  channel: 'email' as const,
  provider: 'smtp' as const,
  endpointId: 'recipes@brand.example',
  userId: 'ana@example.org',
  email: 'ana@example.org',
};
const message = (purpose: OutboundMessage['purpose']): OutboundMessage => ({
  idempotencyKey: 'k',
  to,
  purpose,
  conversationKey: 'email:recipes@brand.example:ana@example.org',
  correlation: 'outbox:9',
  parts: [{ type: 'text', text: 'Three recipes for this week\nPasta, soup, salad.' }],
});
const emailOptions = (port: number) => ({
  smtp: { host: '127.0.0.1', port },
  from: 'Recipes <recipes@brand.example>',
  unsubscribeBaseUrl: 'https://hub.example',
  unsubscribeMailto: 'unsubscribe@brand.example',
  unsubscribeSecret: SECRET,
  now: () => 1_700_000_000_000,
});
const onePost = (url: string, body = 'List-Unsubscribe=One-Click'): RawRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(body),
});

describe('email over real SMTP', () => {
  let inbound: InboundSmtp | undefined;
  let raw: SMTPServer | undefined;
  let inboundPort = 0;
  afterEach(async () => {
    await inbound?.close();
    await new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve()));
    inbound = raw = undefined;
  });

  async function receiver(extra: { maxBytes?: number; fail?: boolean; mailboxes?: string[] } = {}) {
    const events: InboundEvent[] = [];
    const kept: InboundAttachment[] = [];
    inbound = createInboundSmtp({
      port: 0,
      ...(extra.maxBytes ? { maxBytes: extra.maxBytes } : {}),
      ...(extra.mailboxes ? { mailboxes: extra.mailboxes } : {}),
      onEvent: async (batch) => {
        if (extra.fail) throw new Error('store down');
        events.push(...batch);
      },
      onAttachment: async (attachment) => {
        kept.push(attachment);
        return `blob:${attachment.sha256}`;
      },
    });
    const port = await inbound.listen();
    inboundPort = port;
    const sender = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    return { events, kept, sender };
  }

  it('receives a nodemailer message with an attachment as a message event', async () => {
    const { events, kept, sender } = await receiver();
    await sender.sendMail({
      from: 'Ana Martin <Ana@Example.org>',
      to: 'recipes@brand.example',
      subject: 'fridge',
      text: 'What can I cook?',
      messageId: '<m1@example.org>',
      attachments: [{ filename: 'fridge.png', content: PNG, contentType: 'image/png' }],
    });
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(events).toMatchObject([
      {
        kind: 'message',
        id: { provider: 'smtp', value: '<m1@example.org>' },
        from: {
          channel: 'email',
          provider: 'smtp',
          endpointId: 'recipes@brand.example',
          userId: 'ana@example.org',
          displayName: 'Ana Martin',
        },
        conversationKey: 'email:recipes@brand.example:ana@example.org',
        parts: [
          { type: 'text', text: 'What can I cook?' },
          {
            type: 'media',
            mediaKind: 'image',
            ref: { id: `blob:${sha256}` },
            mime: 'image/png',
            sha256,
          },
        ],
      },
    ]);
    expect(kept[0]?.content.equals(PNG)).toBe(true);
    expect(kept[0]?.filename).toBe('fridge.png');
  });

  it('refuses recipients outside its mailboxes (550)', async () => {
    const { events, sender } = await receiver({ mailboxes: ['Recipes@Brand.example'] });
    await expect(
      sender.sendMail({ from: 'a@example.org', to: 'other@brand.example', text: 'hi' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await sender.sendMail({ from: 'a@example.org', to: 'recipes@brand.example', text: 'hi' });
    expect(events.map((e) => e.kind === 'message' && e.from.endpointId)).toEqual([
      'recipes@brand.example',
    ]);
  });

  it('classifies send failures: refused mailbox → permanent, no server → retry', async () => {
    await receiver({ mailboxes: ['someone-else@example.org'] });
    const adapter = createEmailAdapter(emailOptions(inboundPort));
    const refused = await adapter.send(adapter.render(message('utility'))[0]!);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'permanent', code: '550' } });
    const down = createEmailAdapter(emailOptions(1));
    expect(await down.send(down.render(message('utility'))[0]!)).toMatchObject({
      ok: false,
      error: { kind: 'retry' },
    });
  });

  it('refuses mail over the size limit (552) and answers 451 when the event cannot be kept', async () => {
    const small = await receiver({ maxBytes: 2000 });
    await expect(
      small.sender.sendMail({ from: 'a@example.org', to: 'b@example.org', text: 'x'.repeat(5000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(small.events).toEqual([]);
    await inbound?.close();
    const failing = await receiver({ fail: true });
    await expect(
      failing.sender.sendMail({ from: 'a@example.org', to: 'b@example.org', text: 'hi' }),
    ).rejects.toMatchObject({ responseCode: 451 });
  });

  it('the adapter sends marketing mail whose one-click URL unsubscribes the recipient', async () => {
    const received: Buffer[] = [];
    raw = new SMTPServer({
      disabledCommands: ['AUTH', 'STARTTLS'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
    const adapter = createEmailAdapter(emailOptions((raw.server.address() as AddressInfo).port));
    const result = await adapter.send(adapter.render(message('marketing'))[0]!);
    expect(result.ok).toBe(true);
    const mail = await simpleParser(received[0]!);
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(mail.headers.get('x-penumbra-correlation')).toBe('outbox:9');
    const line = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const url = /<(https:[^>]+)>/.exec(line.replace(/\r?\n\s+/g, ''))?.[1] ?? '';
    expect(adapter.parse(onePost(url))).toMatchObject([
      {
        kind: 'consent',
        action: 'opt_out',
        scope: 'marketing',
        from: { userId: 'ana@example.org' },
      },
    ]);
  });

  it('a recorded reply (.eml) with an attachment normalises; no callback keeps a content hash', async () => {
    const bytes = fixture('email', 'reply-with-attachment.eml');
    const events = await mailToEvents(await simpleParser(bytes), bytes, 'Recipes@Brand.example');
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(events).toMatchObject([
      {
        id: { value: '<CAF1x2y3z@mail.example.org>' },
        at: Date.parse('2026-11-29T04:00:00Z'),
        replyTo: '<outbox-42@brand.example>',
        from: { endpointId: 'recipes@brand.example', userId: 'ana@example.org' },
        parts: [
          { type: 'text', text: 'Here is my fridge, what can I cook? Crème fraîche too.' },
          { type: 'media', ref: { id: `sha256:${sha256}` }, sha256 },
        ],
      },
    ]);
  });
});
