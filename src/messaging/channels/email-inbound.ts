import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Address, InboundEvent, InboundPart } from '../types.ts';
import { conversationKey } from './conversation-key.ts';
import { withKeywordConsent } from './keyword-consent.ts';

export interface InboundAttachment {
  eventId: string;
  filename?: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

/** Stores an attachment's bytes and returns the id the media part refers to (a blob key). */
export type KeepAttachment = (attachment: InboundAttachment) => Promise<string>;

export interface InboundSmtpOptions {
  port: number;
  host?: string;
  /** Largest message accepted (SMTP SIZE); over it the sender gets 552 (default 25 MB). */
  maxBytes?: number;
  /** Called once per accepted message; a throw answers 451 so the sender retries (no loss). */
  onEvent: (events: InboundEvent[]) => Promise<void>;
  onAttachment?: KeepAttachment;
  /** Accepted recipient addresses (case-insensitive); others get 550. Absent = any recipient. */
  mailboxes?: string[];
  /** Present a certificate to offer STARTTLS; without one STARTTLS is off (no test cert). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface InboundSmtp {
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** An SMTP receiver (smtp-server) that turns each mail into InboundEvents (research §1.5). */
export function createInboundSmtp(options: InboundSmtpOptions): InboundSmtp {
  const maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
  const mailboxes = options.mailboxes
    ? new Set(options.mailboxes.map((m) => m.toLowerCase()))
    : undefined;
  const server = new SMTPServer({
    // Receiving for our own mailboxes only: no AUTH (that is for submission, not MX).
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: maxBytes,
    logger: false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    onRcptTo(address, _session, callback) {
      if (!mailboxes || mailboxes.has(address.address.toLowerCase())) return callback();
      callback(smtpError('no such mailbox here', 550));
    },
    onData(stream, session, callback) {
      const rcpt = session.envelope.rcptTo[0]?.address ?? '';
      receive(stream, maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError('message exceeds fixed maximum message size', 552));
          const parsed = await simpleParser(raw);
          const events = await mailToEvents(parsed, raw, rcpt, options.onAttachment);
          await options.onEvent(events);
          callback();
        })
        .catch(() => callback(smtpError('temporary failure, try again later', 451)));
    },
  });
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host ?? '127.0.0.1', () => {
          resolve((server.server.address() as AddressInfo).port);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The whole message, or undefined when it went over the limit (the rest is drained). */
async function receive(
  stream: SMTPServerDataStream,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  return stream.sizeExceeded || size > maxBytes ? undefined : Buffer.concat(chunks);
}

const KINDS = ['image', 'audio', 'video'] as const;

/** A parsed mail → a message event (Message-ID as provider id), attachments as media parts. */
export async function mailToEvents(
  mail: ParsedMail,
  raw: Buffer,
  mailbox: string,
  keep?: KeepAttachment,
): Promise<InboundEvent[]> {
  const sender = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  const from: Address = {
    channel: 'email',
    provider: 'smtp',
    endpointId: mailbox.toLowerCase(),
    userId: sender,
    email: sender,
  };
  const name = mail.from?.value[0]?.name;
  if (name) from.displayName = name;
  // A mail without Message-ID still needs a stable id for dedupe: its bytes are.
  const eventId = mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const parts: InboundPart[] = [];
  const text = (mail.text ?? '').trim() || (mail.subject ?? '').trim();
  if (text) parts.push({ type: 'text', text });
  for (const attachment of mail.attachments) {
    const sha256 = createHash('sha256').update(attachment.content).digest('hex');
    const filename = attachment.filename ? { filename: attachment.filename } : {};
    const id = keep
      ? await keep({
          eventId,
          contentType: attachment.contentType,
          sha256,
          content: attachment.content,
          ...filename,
        })
      : `sha256:${sha256}`;
    const top = attachment.contentType.split('/')[0];
    const mediaKind = KINDS.find((kind) => kind === top) ?? 'file';
    parts.push({ type: 'media', mediaKind, ref: { id }, mime: attachment.contentType, sha256 });
  }
  const message: Extract<InboundEvent, { kind: 'message' }> = {
    kind: 'message',
    id: { provider: 'smtp', value: eventId },
    at: mail.date?.getTime() ?? Date.now(),
    from,
    conversationKey: conversationKey(from),
    parts,
  };
  if (mail.inReplyTo) message.replyTo = mail.inReplyTo;
  return withKeywordConsent(message);
}
