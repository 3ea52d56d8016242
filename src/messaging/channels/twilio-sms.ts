import type {
  Capabilities,
  ChannelAdapter,
  OutboundMessage,
  OutboundPart,
  ProviderPayload,
  RawRequest,
  SendResult,
} from '../types.ts';
import { asRecord, callProvider } from './call-provider.ts';
import { fetchMedia } from './fetch-media.ts';
import { numberedText } from './numbered-text.ts';
import { smsSegments } from './sms-segments.ts';
import { splitText } from './split-text.ts';
import { classifyTwilioError } from './twilio-errors.ts';
import { parseTwilioWebhook } from './twilio-parse.ts';
import { verifyTwilioSignature } from './twilio-signature.ts';

export interface TwilioSmsOptions {
  /** https://api.twilio.com in production; a local fake in tests and the demo. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Sender: a Messaging Service (preferred: STOP then covers the whole service) or a number. */
  messagingServiceSid?: string;
  from?: string;
  /** Public URL of our status-callback route; the correlation is added as `?c=`. */
  statusCallbackUrl?: string;
  /** Largest inbound MMS media fetched (default 5 MB). */
  maxMediaBytes?: number;
  /** Most segments one SMS may cost before it is split into several (default 10). */
  maxSegments?: number;
  timeoutMs?: number;
  now?: () => number;
}

export const TWILIO_SMS_CAPABILITIES: Capabilities = {
  // SMS has no buttons: choices become numbered text.
  maxButtons: 0,
  buttonTitleMax: 0,
  maxListRows: 0,
  listRowTitleMax: 0,
  textMax: 1600,
  // MMS (US/Canada): 5 MB in total per message.
  media: { image: { maxBytes: 5 * 1024 * 1024, mimes: ['image/jpeg', 'image/png', 'image/gif'] } },
};

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio Programmable Messaging (SMS/MMS) adapter (research §1.4). */
export function createTwilioSmsAdapter(options: TwilioSmsOptions): ChannelAdapter {
  const now = options.now ?? Date.now;
  const basic = Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
  return {
    kind: 'sms',
    provider: 'twilio',
    capabilities: TWILIO_SMS_CAPABILITIES,
    verify: (request: RawRequest) => verifyTwilioSignature(request, options.authToken),
    // Twilio expects TwiML back; an empty Response means "no automatic reply".
    webhookResponse: () => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: EMPTY_TWIML,
    }),
    parse: (request: RawRequest) =>
      parseTwilioWebhook(request.method, request.url, request.body, now()),
    // MediaUrl answers with a redirect to a CDN: the Basic credentials go to Twilio only.
    fetchMedia: (ref) =>
      fetchMedia(ref.url ?? ref.id, {
        headers: { authorization: `Basic ${basic}` },
        baseUrl: options.baseUrl,
        maxBytes: options.maxMediaBytes ?? 5 * 1024 * 1024,
        timeoutMs: options.timeoutMs ?? 15_000,
        followRedirect: true,
      }),
    render: (message) => renderTwilioSms(message, options),
    async send(payload: ProviderPayload): Promise<SendResult> {
      const call = await callProvider(payload, {
        baseUrl: options.baseUrl,
        headers: { authorization: `Basic ${basic}` },
        timeoutMs: options.timeoutMs ?? 15_000,
      });
      if (!call.ok) return { ok: false, error: { kind: 'retry' }, detail: call.networkError };
      const json = asRecord(call.reply.json);
      if (call.reply.status < 300 && typeof json.sid === 'string')
        return { ok: true, providerMessageId: json.sid };
      const code = typeof json.code === 'number' ? json.code : undefined;
      const retryAfter = Number(call.reply.headers.get('retry-after'));
      const afterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
      const detail = typeof json.message === 'string' ? json.message : `HTTP ${call.reply.status}`;
      return { ok: false, error: classifyTwilioError(code, call.reply.status, afterMs), detail };
    },
  };
}

/** OutboundMessage → Messages.json form posts: text split by segments, choices as numbered text. */
export function renderTwilioSms(
  message: OutboundMessage,
  options: TwilioSmsOptions,
): ProviderPayload[] {
  const maxSegments = options.maxSegments ?? 10;
  const forms = message.parts.flatMap((part) => partForms(part, maxSegments));
  const correlation = message.correlation ?? message.idempotencyKey;
  return forms.map((fields) => {
    const all: Record<string, string> = { ...fields, To: message.to.phone ?? message.to.userId };
    if (options.messagingServiceSid) all.MessagingServiceSid = options.messagingServiceSid;
    else if (options.from) all.From = options.from;
    if (options.statusCallbackUrl) {
      const callback = new URL(options.statusCallbackUrl);
      callback.searchParams.set('c', correlation);
      all.StatusCallback = callback.toString();
    }
    // Sorted names: the same message always renders to the same bytes (snapshot-testable).
    const body = new URLSearchParams(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      method: 'POST',
      path: `/2010-04-01/Accounts/${options.accountSid}/Messages.json`,
      contentType: 'application/x-www-form-urlencoded',
      body: body.toString(),
    };
  });
}

function partForms(part: OutboundPart, maxSegments: number): Record<string, string>[] {
  if (part.type === 'media')
    return [{ MediaUrl: part.url, ...(part.caption ? { Body: part.caption } : {}) }];
  const text = part.type === 'text' ? part.text : numberedText(part);
  return splitBySegments(text, maxSegments).map((Body) => ({ Body }));
}

/** Chunks that each cost at most `maxSegments` segments in their own encoding. */
export function splitBySegments(text: string, maxSegments: number): string[] {
  const { encoding } = smsSegments(text);
  let max = Math.min(
    TWILIO_SMS_CAPABILITIES.textMax,
    (encoding === 'GSM-7' ? 153 : 67) * maxSegments,
  );
  // Emoji are two UTF-16 units and GSM extension characters two septets: shrink until it fits.
  for (;;) {
    const chunks = splitText(text, max);
    if (chunks.every((chunk) => smsSegments(chunk).segments <= maxSegments) || max < 20)
      return chunks;
    max = Math.floor(max * 0.9);
  }
}
