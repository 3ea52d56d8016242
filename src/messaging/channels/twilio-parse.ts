import type { Address, DeliveryStatus, InboundEvent, InboundPart } from '../types.ts';
import { conversationKey } from './conversation-key.ts';
import { keywordConsent } from './keyword-consent.ts';
import { classifyTwilioError } from './twilio-errors.ts';
import { WebhookPayloadError } from './webhook-payload-error.ts';

const STATUS: Record<string, DeliveryStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};
const OPT_OUT_TYPES = { STOP: 'opt_out', START: 'opt_in', HELP: 'help' } as const;

/**
 * A Twilio form webhook: an inbound message (Body, From, To, MediaUrlN, OptOutType) or a status
 * callback (MessageStatus, ErrorCode). The correlation is the `c` query parameter of the
 * StatusCallback URL this adapter set when sending.
 */
export function parseTwilioWebhook(
  method: string,
  url: string,
  body: Buffer,
  now: number,
): InboundEvent[] {
  // A webhook configured as GET carries its parameters in the query (and signs only the URL).
  const form =
    method.toUpperCase() === 'GET'
      ? new URL(url).searchParams
      : new URLSearchParams(body.toString('utf8'));
  const sid = form.get('MessageSid') ?? form.get('SmsSid');
  if (!sid) throw new WebhookPayloadError('twilio', 'no MessageSid');
  const messageStatus = form.get('MessageStatus');
  // Inbound messages also carry SmsStatus=received; status callbacks carry MessageStatus.
  if (messageStatus && messageStatus !== 'received') {
    const status = STATUS[messageStatus];
    // queued/accepted/sending/scheduled are steps before the provider outcome: nothing to record.
    if (!status) return [];
    const event: Extract<InboundEvent, { kind: 'status' }> = {
      kind: 'status',
      id: { provider: 'twilio', value: `${sid}:${messageStatus}` },
      at: now,
      providerMessageId: sid,
      status,
    };
    const code = form.get('ErrorCode');
    if (status === 'failed')
      event.error = classifyTwilioError(code ? Number(code) : undefined, undefined);
    const correlation = new URL(url).searchParams.get('c');
    if (correlation) event.correlation = correlation;
    return [event];
  }
  const from: Address = {
    channel: 'sms',
    provider: 'twilio',
    endpointId: form.get('MessagingServiceSid') ?? form.get('To') ?? '',
    userId: form.get('From') ?? '',
    phone: form.get('From') ?? '',
  };
  const message: Extract<InboundEvent, { kind: 'message' }> = {
    kind: 'message',
    id: { provider: 'twilio', value: sid },
    at: now,
    from,
    conversationKey: conversationKey(from),
    parts: parts(form),
  };
  // Advanced Opt-Out tells us which keyword Twilio matched; without it, our own matcher decides.
  const optOutType = form.get('OptOutType')?.toUpperCase();
  const action = optOutType ? OPT_OUT_TYPES[optOutType as keyof typeof OPT_OUT_TYPES] : undefined;
  const consent = action
    ? {
        kind: 'consent' as const,
        id: { provider: 'twilio' as const, value: `${sid}#consent` },
        at: now,
        from,
        action,
        scope: 'all' as const,
        via: 'keyword' as const,
      }
    : keywordConsent(message);
  return consent ? [consent, message] : [message];
}

function parts(form: URLSearchParams): InboundPart[] {
  const result: InboundPart[] = [];
  const body = form.get('Body') ?? '';
  if (body.length > 0) result.push({ type: 'text', text: body });
  const count = Math.min(Number(form.get('NumMedia') ?? 0) || 0, 10);
  for (let i = 0; i < count; i++) {
    const url = form.get(`MediaUrl${i}`);
    if (!url) continue;
    const mime = form.get(`MediaContentType${i}`) ?? 'application/octet-stream';
    const top = mime.split('/')[0];
    const mediaKind = top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
    result.push({ type: 'media', mediaKind, ref: { id: url, url }, mime });
  }
  return result;
}
