/**
 * Validation of a Messenger Send API request (research/messaging.md §1.3): recipient, messaging
 * type and tag, text or attachment, quick replies. Every refusal is Graph code 100.
 */
import { isRecord } from './fake-http-server.ts';

export const MESSENGER_PAYLOAD_LIMITS = {
  /** Send API: text is UTF-8 and at most 2000 characters. */
  textMax: 2000,
  quickRepliesMax: 13,
  quickReplyTitleMax: 20,
  quickReplyPayloadMax: 1000,
} as const;

export const MESSAGE_TAGS = [
  'CONFIRMED_EVENT_UPDATE',
  'POST_PURCHASE_UPDATE',
  'ACCOUNT_UPDATE',
  'HUMAN_AGENT',
] as const;

export type MessengerPayloadCheck =
  | {
      ok: true;
      psid: string;
      messagingType: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';
      tag?: string;
      /** Audio and video have their own, lower, rate limit. */
      heavyMedia: boolean;
      /** A bare sender action (typing, seen) is not a message. */
      senderAction: boolean;
      correlation?: string;
      contentKey: string;
    }
  | { ok: false; message: string };

const L = MESSENGER_PAYLOAD_LIMITS;
const no = (message: string): MessengerPayloadCheck => ({
  ok: false,
  message: `(#100) ${message}`,
});

export function checkMessengerPayload(body: Record<string, unknown>): MessengerPayloadCheck {
  const psid = isRecord(body.recipient) ? body.recipient.id : undefined;
  if (typeof psid !== 'string' || psid === '') return no('The parameter recipient is required');
  if (typeof body.sender_action === 'string' && body.message === undefined) {
    return {
      ok: true,
      psid,
      messagingType: 'RESPONSE',
      heavyMedia: false,
      senderAction: true,
      contentKey: '',
    };
  }
  const type = body.messaging_type;
  if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') {
    return no('param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
  }
  const tag = typeof body.tag === 'string' ? body.tag : undefined;
  if (type === 'MESSAGE_TAG' && !(MESSAGE_TAGS as readonly (string | undefined)[]).includes(tag)) {
    return no('param tag must be a supported message tag');
  }
  const message = body.message;
  if (!isRecord(message)) return no('param message must be non-empty.');
  const text = typeof message.text === 'string' ? message.text : undefined;
  const attachment = isRecord(message.attachment) ? message.attachment : undefined;
  if ((text === undefined) === (attachment === undefined)) {
    return no('param message must contain exactly one of text or attachment');
  }
  if (text !== undefined && [...text].length > L.textMax) {
    return no(`Length of param message[text] must be less than or equal to ${L.textMax}`);
  }
  const quickReplies = message.quick_replies;
  if (quickReplies !== undefined) {
    if (!Array.isArray(quickReplies) || quickReplies.length > L.quickRepliesMax) {
      return no(`param message[quick_replies] must have at most ${L.quickRepliesMax} elements`);
    }
    for (const reply of quickReplies) {
      if (!isRecord(reply)) return no('Invalid quick reply');
      const title = typeof reply.title === 'string' ? reply.title : '';
      const payload = typeof reply.payload === 'string' ? reply.payload : '';
      if (reply.content_type === 'text' && (title === '' || payload === '')) {
        return no('Text quick replies need a title and a payload');
      }
      if ([...title].length > L.quickReplyTitleMax) return no('Quick reply title is too long');
      if ([...payload].length > L.quickReplyPayloadMax)
        return no('Quick reply payload is too long');
    }
  }
  const attachmentType = typeof attachment?.type === 'string' ? attachment.type : '';
  const correlation = typeof message.metadata === 'string' ? message.metadata : undefined;
  return {
    ok: true,
    psid,
    messagingType: type,
    ...(tag !== undefined ? { tag } : {}),
    heavyMedia: attachmentType === 'audio' || attachmentType === 'video',
    senderAction: false,
    ...(correlation !== undefined ? { correlation } : {}),
    contentKey: text ?? JSON.stringify(attachment),
  };
}
