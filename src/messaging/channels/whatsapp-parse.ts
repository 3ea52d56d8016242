import { z } from 'zod';
import type { Address, InboundEvent, InboundPart, Referral } from '../types.ts';
import { conversationKey } from './conversation-key.ts';
import { withKeywordConsent } from './keyword-consent.ts';
import { parseJsonBody, WebhookPayloadError } from './webhook-payload-error.ts';
import { classifyWhatsAppError } from './whatsapp-errors.ts';

// Shapes from research/messaging.md §1.1.4 (Meta webhook reference). Unknown keys are ignored:
// Meta adds fields without notice.
const media = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  url: z.string().optional(),
});
const message = z.object({
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  context: z.object({ id: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().optional() })
    .optional(),
  referral: z
    .object({
      source_id: z.string().optional(),
      source_url: z.string().optional(),
      ctwa_clid: z.string().optional(),
    })
    .optional(),
});
const contact = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  username: z.string().optional(),
  profile: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
});
const status = z.object({
  id: z.string(),
  status: z.string(),
  timestamp: z.string(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(z.object({ code: z.number() })).optional(),
});
const preference = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  category: z.string(),
  value: z.string(),
  timestamp: z.union([z.number(), z.string()]),
});
const envelope = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      // Other fields (account updates…) may come without changes: nothing to read, not an error.
      changes: z
        .array(
          z.object({
            field: z.string(),
            value: z.object({
              metadata: z.object({ phone_number_id: z.string() }).optional(),
              contacts: z.array(contact).optional(),
              messages: z.array(message).optional(),
              statuses: z.array(status).optional(),
              user_preferences: z.array(preference).optional(),
            }),
          }),
        )
        .default([]),
    }),
  ),
});
type Message = z.infer<typeof message>;
type Contact = z.infer<typeof contact>;

const seconds = (value: string | number) => Number(value) * 1000;

/** Every event in one WhatsApp webhook POST (several entries and changes per POST happen). */
export function parseWhatsAppWebhook(body: Buffer): InboundEvent[] {
  const parsed = envelope.safeParse(parseJsonBody('whatsapp', body));
  if (!parsed.success)
    throw new WebhookPayloadError('whatsapp', parsed.error.issues[0]?.message ?? 'shape');
  const events: InboundEvent[] = [];
  for (const entry of parsed.data.entry) {
    for (const { value } of entry.changes) {
      const endpointId = value.metadata?.phone_number_id ?? '';
      for (const m of value.messages ?? []) {
        events.push(...withKeywordConsent(toMessage(m, endpointId, value.contacts ?? [])));
      }
      for (const s of value.statuses ?? []) {
        const event = toStatus(s);
        if (event) events.push(event);
      }
      for (const p of value.user_preferences ?? []) {
        if (p.category !== 'marketing_messages' || (p.value !== 'stop' && p.value !== 'resume'))
          continue;
        const from = address(endpointId, p.wa_id, p.user_id, undefined);
        events.push({
          kind: 'consent',
          id: { provider: 'meta', value: `pref:${from.userId}:${p.value}:${p.timestamp}` },
          at: seconds(p.timestamp),
          from,
          action: p.value === 'stop' ? 'opt_out' : 'opt_in',
          scope: 'marketing',
          via: 'provider_preference',
        });
      }
    }
  }
  return events;
}

/**
 * The wa_id (phone digits) stays the primary id while it is sent, so existing contacts keep their
 * key; the business-scoped user id (BSUID, 2026) is the key for username-only users (§1.1.4).
 */
function address(endpointId: string, waId?: string, bsuid?: string, profile?: Contact): Address {
  const userId = waId ?? bsuid ?? '';
  const result: Address = { channel: 'whatsapp', provider: 'meta', endpointId, userId };
  if (waId) result.phone = waId;
  const username = profile?.username ?? profile?.profile?.username;
  if (username) result.username = username;
  if (profile?.profile?.name) result.displayName = profile.profile.name;
  return result;
}

function toMessage(m: Message, endpointId: string, contacts: Contact[]) {
  const profile = contacts.find(
    (c) => (m.from && c.wa_id === m.from) || (m.from_user_id && c.user_id === m.from_user_id),
  );
  const from = address(endpointId, m.from, m.from_user_id ?? profile?.user_id, profile);
  const event: Extract<InboundEvent, { kind: 'message' }> = {
    kind: 'message',
    id: { provider: 'meta', value: m.id },
    at: seconds(m.timestamp),
    from,
    conversationKey: conversationKey(from),
    parts: toParts(m),
  };
  if (m.context?.id) event.replyTo = m.context.id;
  const referral = toReferral(m);
  if (referral) event.referral = referral;
  return event;
}

const MEDIA_KINDS = {
  image: 'image',
  audio: 'audio',
  video: 'video',
  document: 'file',
  sticker: 'sticker',
} as const;

function toParts(m: Message): InboundPart[] {
  if (m.text) return [{ type: 'text', text: m.text.body }];
  if (m.type in MEDIA_KINDS) {
    const kind = m.type as keyof typeof MEDIA_KINDS;
    const item = m[kind];
    if (!item) return [];
    const part: InboundPart = { type: 'media', mediaKind: MEDIA_KINDS[kind], ref: { id: item.id } };
    if (item.url) part.ref.url = item.url;
    if (item.mime_type) part.mime = item.mime_type;
    if (item.sha256) part.sha256 = item.sha256;
    if (item.caption) part.caption = item.caption;
    return [part];
  }
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (reply) return [{ type: 'choice', choiceId: reply.id, title: reply.title }];
  // Template quick-reply buttons arrive as type "button" with payload/text, not as interactive.
  if (m.button) {
    const choiceId = m.button.payload ?? m.button.text ?? '';
    return [
      m.button.text
        ? { type: 'choice', choiceId, title: m.button.text }
        : { type: 'choice', choiceId },
    ];
  }
  if (m.location) {
    const { latitude: lat, longitude: lng, name } = m.location;
    return [name ? { type: 'location', lat, lng, name } : { type: 'location', lat, lng }];
  }
  // Reactions, orders, unsupported types: the event still reaches the inbox, with no parts.
  return [];
}

function toReferral(m: Message): Referral | undefined {
  if (!m.referral) return undefined;
  const referral: Referral = { source: 'ctwa_ad' };
  const ref = m.referral.source_id ?? m.referral.source_url;
  if (ref) referral.ref = ref;
  if (m.referral.ctwa_clid) referral.clickId = m.referral.ctwa_clid;
  return referral;
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

function toStatus(s: z.infer<typeof status>): InboundEvent | undefined {
  if (!STATUSES.has(s.status)) return undefined;
  const event: Extract<InboundEvent, { kind: 'status' }> = {
    kind: 'status',
    // One wamid gets several statuses: the status is part of the dedupe key.
    id: { provider: 'meta', value: `${s.id}:${s.status}` },
    at: seconds(s.timestamp),
    providerMessageId: s.id,
    status: s.status as 'sent' | 'delivered' | 'read' | 'failed',
  };
  const code = s.errors?.[0]?.code;
  if (s.status === 'failed') event.error = classifyWhatsAppError(code, undefined);
  if (s.biz_opaque_callback_data) event.correlation = s.biz_opaque_callback_data;
  return event;
}
