import { z } from 'zod';
import type { Address, InboundEvent, InboundPart } from '../types.ts';
import { conversationKey } from './conversation-key.ts';
import { withKeywordConsent } from './keyword-consent.ts';
import { parseJsonBody, WebhookPayloadError } from './webhook-payload-error.ts';

// Bot API shapes (research §1.2.2); unknown keys are ignored, Telegram adds fields often.
const user = z.object({
  id: z.number(),
  username: z.string().optional(),
  first_name: z.string().optional(),
});
const chat = z.object({ id: z.number(), type: z.string() });
const file = z.object({
  file_id: z.string(),
  mime_type: z.string().optional(),
  file_size: z.number().optional(),
});
const photoSize = file.extend({ width: z.number(), height: z.number() });
const message = z.object({
  message_id: z.number(),
  date: z.number(),
  from: user.optional(),
  chat,
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(photoSize).optional(),
  document: file.optional(),
  audio: file.optional(),
  voice: file.optional(),
  video: file.optional(),
  sticker: file.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  reply_to_message: z.object({ message_id: z.number() }).optional(),
});
const update = z.object({
  update_id: z.number(),
  message: message.optional(),
  callback_query: z
    .object({
      id: z.string(),
      from: user,
      message: message.optional(),
      data: z.string().optional(),
    })
    .optional(),
  my_chat_member: z
    .object({
      chat,
      from: user,
      date: z.number(),
      new_chat_member: z.object({ status: z.string() }),
    })
    .optional(),
});
type Message = z.infer<typeof message>;
type User = z.infer<typeof user>;

/** The events of one Telegram update (at most one optional field per update). */
export function parseTelegramUpdate(body: Buffer, botId: string, now: number): InboundEvent[] {
  const parsed = update.safeParse(parseJsonBody('telegram', body));
  if (!parsed.success)
    throw new WebhookPayloadError('telegram', parsed.error.issues[0]?.message ?? 'shape');
  const u = parsed.data;
  const id = { provider: 'telegram' as const, value: String(u.update_id) };
  if (u.message) {
    const from = address(botId, u.message.chat.id, u.message.from);
    const event: Extract<InboundEvent, { kind: 'message' }> = {
      kind: 'message',
      id,
      at: u.message.date * 1000,
      from,
      conversationKey: conversationKey(from),
      parts: toParts(u.message),
    };
    if (u.message.reply_to_message) event.replyTo = String(u.message.reply_to_message.message_id);
    // Deep links t.me/bot?start=XXXX arrive as "/start XXXX": the attribution of the chat.
    const start = /^\/start(?:@\w+)?\s+(\S{1,64})$/.exec(u.message.text ?? '');
    if (start?.[1]) event.referral = { source: 'tg_start', ref: start[1] };
    return withKeywordConsent(event);
  }
  if (u.callback_query) {
    const q = u.callback_query;
    const from = address(botId, q.message?.chat.id ?? q.from.id, q.from);
    const event: Extract<InboundEvent, { kind: 'message' }> = {
      kind: 'message',
      id,
      // A callback query has no date of its own (the message date is when the buttons were sent).
      at: now,
      from,
      conversationKey: conversationKey(from),
      parts: [{ type: 'choice', choiceId: q.data ?? '' }],
    };
    if (q.message) event.replyTo = String(q.message.message_id);
    return [event];
  }
  const member = u.my_chat_member;
  // In private chats this update means the person blocked (kicked) or unblocked (member) the bot.
  if (member && member.chat.type === 'private') {
    const status = member.new_chat_member.status;
    if (status !== 'kicked' && status !== 'member') return [];
    return [
      {
        kind: 'consent',
        id,
        at: member.date * 1000,
        from: address(botId, member.chat.id, member.from),
        action: status === 'kicked' ? 'opt_out' : 'opt_in',
        scope: 'all',
        via: 'blocked',
      },
    ];
  }
  return [];
}

function address(botId: string, chatId: number, from: User | undefined): Address {
  const result: Address = {
    channel: 'telegram',
    provider: 'telegram',
    endpointId: botId,
    userId: String(chatId),
  };
  if (from?.username) result.username = from.username;
  if (from?.first_name) result.displayName = from.first_name;
  return result;
}

function toParts(m: Message): InboundPart[] {
  const parts: InboundPart[] = [];
  if (m.text !== undefined) parts.push({ type: 'text', text: m.text });
  const caption = m.caption ? { caption: m.caption } : {};
  if (m.photo && m.photo.length > 0) {
    // Telegram sends every size it made; the largest is the one worth reading (a fridge photo).
    const largest = m.photo.reduce((a, b) => (size(b) > size(a) ? b : a));
    parts.push({
      type: 'media',
      mediaKind: 'image',
      ref: { id: largest.file_id },
      mime: 'image/jpeg',
      ...caption,
    });
  }
  const files = [
    ['file', m.document],
    ['audio', m.audio ?? m.voice],
    ['video', m.video],
    ['sticker', m.sticker],
  ] as const;
  for (const [mediaKind, f] of files) {
    if (!f) continue;
    const mime = f.mime_type ? { mime: f.mime_type } : {};
    parts.push({ type: 'media', mediaKind, ref: { id: f.file_id }, ...mime, ...caption });
  }
  if (m.location)
    parts.push({ type: 'location', lat: m.location.latitude, lng: m.location.longitude });
  return parts;
}

/** Pixels first; bytes break ties (file_size is optional, so it cannot lead). */
function size(p: { width: number; height: number; file_size?: number | undefined }): number {
  return p.width * p.height + (p.file_size ?? 0) / 1e9;
}
