import { z } from 'zod';
import type { Address, InboundEvent, InboundPart } from '../types.ts';
import { conversationKey } from './conversation-key.ts';
import { withKeywordConsent } from './keyword-consent.ts';
import { parseJsonBody, WebhookPayloadError } from './webhook-payload-error.ts';

// Messenger Platform webhook shapes (research §1.3); unknown keys are ignored.
const attachment = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional(),
      coordinates: z.object({ lat: z.number(), long: z.number() }).optional(),
    })
    .nullish(),
});
const referral = z.object({ ref: z.string().optional(), source: z.string().optional() });
const event = z.object({
  sender: z.object({ id: z.string() }),
  recipient: z.object({ id: z.string() }),
  timestamp: z.number(),
  message: z
    .object({
      mid: z.string(),
      is_echo: z.boolean().optional(),
      text: z.string().optional(),
      quick_reply: z.object({ payload: z.string() }).optional(),
      reply_to: z.object({ mid: z.string() }).optional(),
      attachments: z.array(attachment).optional(),
    })
    .optional(),
  postback: z
    .object({
      mid: z.string().optional(),
      title: z.string().optional(),
      payload: z.string(),
      referral: referral.optional(),
    })
    .optional(),
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: z.number() }).optional(),
  read: z.object({ watermark: z.number() }).optional(),
  optin: z
    .object({
      ref: z.string().optional(),
      notification_messages_token: z.string().optional(),
      notification_messages_status: z.string().optional(),
    })
    .optional(),
});
const envelope = z.object({
  object: z.literal('page'),
  entry: z.array(z.object({ id: z.string(), messaging: z.array(event).optional() })),
});
type Event = z.infer<typeof event>;
type Message = Extract<InboundEvent, { kind: 'message' }>;

/** Every event of one Messenger webhook POST. */
export function parseMessengerWebhook(body: Buffer): InboundEvent[] {
  const parsed = envelope.safeParse(parseJsonBody('messenger', body));
  if (!parsed.success)
    throw new WebhookPayloadError('messenger', parsed.error.issues[0]?.message ?? 'shape');
  return parsed.data.entry.flatMap((entry) =>
    (entry.messaging ?? []).flatMap((e) => toEvents(entry.id, e)),
  );
}

function toEvents(pageId: string, e: Event): InboundEvent[] {
  const from: Address = {
    channel: 'messenger',
    provider: 'meta',
    endpointId: pageId,
    userId: e.sender.id,
  };
  const base = { from, at: e.timestamp, conversationKey: conversationKey(from) };
  if (e.message) {
    // Echoes are the page's own sends (subscribed separately): not something a person said.
    if (e.message.is_echo) return [];
    const m: Message = {
      kind: 'message',
      id: { provider: 'meta', value: e.message.mid },
      ...base,
      parts: messageParts(e.message),
    };
    if (e.message.reply_to) m.replyTo = e.message.reply_to.mid;
    return withKeywordConsent(m);
  }
  if (e.postback) {
    const value = e.postback.mid ?? `postback:${e.sender.id}:${e.timestamp}`;
    const choice: InboundPart = e.postback.title
      ? { type: 'choice', choiceId: e.postback.payload, title: e.postback.title }
      : { type: 'choice', choiceId: e.postback.payload };
    const m: Message = {
      kind: 'message',
      id: { provider: 'meta', value },
      ...base,
      parts: [choice],
    };
    // m.me/<page>?ref=… links and ads arrive as the Get Started postback's referral.
    if (e.postback.referral?.ref) m.referral = { source: 'm_me_ref', ref: e.postback.referral.ref };
    return [m];
  }
  if (e.delivery) {
    return (e.delivery.mids ?? []).map((mid) => ({
      kind: 'status' as const,
      id: { provider: 'meta' as const, value: `${mid}:delivered` },
      at: e.timestamp,
      providerMessageId: mid,
      status: 'delivered' as const,
    }));
  }
  if (e.read) {
    // Messenger reports reads as a watermark, not ids: everything sent to this person before it.
    return [
      {
        kind: 'status',
        id: { provider: 'meta', value: `read:${e.sender.id}:${e.read.watermark}` },
        at: e.timestamp,
        providerMessageId: `watermark:${e.sender.id}:${e.read.watermark}`,
        status: 'read',
      },
    ];
  }
  if (e.optin) {
    const stopped = e.optin.notification_messages_status === 'STOP_NOTIFICATIONS';
    return [
      {
        kind: 'consent',
        id: { provider: 'meta', value: `optin:${e.sender.id}:${e.timestamp}` },
        at: e.timestamp,
        from,
        action: stopped ? 'opt_out' : 'opt_in',
        // Marketing messages opt-in (notification_messages) is about marketing only.
        scope:
          e.optin.notification_messages_token || e.optin.notification_messages_status
            ? 'marketing'
            : 'all',
        via: 'provider_preference',
      },
    ];
  }
  return [];
}

const KINDS = { image: 'image', audio: 'audio', video: 'video', file: 'file' } as const;

function messageParts(message: NonNullable<Event['message']>): InboundPart[] {
  const parts: InboundPart[] = [];
  if (message.quick_reply) {
    parts.push({
      type: 'choice',
      choiceId: message.quick_reply.payload,
      ...(message.text ? { title: message.text } : {}),
    });
  } else if (message.text !== undefined) {
    parts.push({ type: 'text', text: message.text });
  }
  for (const a of message.attachments ?? []) {
    const coordinates = a.payload?.coordinates;
    if (coordinates) parts.push({ type: 'location', lat: coordinates.lat, lng: coordinates.long });
    else if (a.type in KINDS && a.payload?.url) {
      const url = a.payload.url;
      parts.push({
        type: 'media',
        mediaKind: KINDS[a.type as keyof typeof KINDS],
        ref: { id: url, url },
      });
    }
  }
  return parts;
}
