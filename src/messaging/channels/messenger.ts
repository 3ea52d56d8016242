import type {
  Capabilities,
  ChannelAdapter,
  ErrorClass,
  OutboundMessage,
  OutboundPart,
  ProviderPayload,
  RawRequest,
  SendResult,
} from '../types.ts';
import { asRecord, callProvider } from './call-provider.ts';
import { fetchMedia } from './fetch-media.ts';
import { parseMessengerWebhook } from './messenger-parse.ts';
import { metaHandshake } from './meta-handshake.ts';
import { verifyMetaSignature } from './meta-signature.ts';
import { numberedText } from './numbered-text.ts';
import { splitText } from './split-text.ts';

export interface MessengerOptions {
  baseUrl: string;
  apiVersion: string;
  /** Page id; `me` (the page of the token) when absent. */
  pageId?: string;
  pageAccessToken: string;
  appSecret: string;
  verifyToken: string;
  timeoutMs?: number;
}

/** Send API limits (research §1.3): text < 2000, button template ≤ 3, quick replies ≤ 13. */
export const MESSENGER_CAPABILITIES: Capabilities = {
  maxButtons: 3,
  buttonTitleMax: 20,
  maxListRows: 13,
  listRowTitleMax: 20,
  textMax: 2000,
  media: {
    image: { maxBytes: 25 * 1024 * 1024, mimes: ['image/jpeg', 'image/png', 'image/gif'] },
    audio: { maxBytes: 25 * 1024 * 1024, mimes: ['audio/mpeg', 'audio/mp4'] },
    video: { maxBytes: 25 * 1024 * 1024, mimes: ['video/mp4'] },
    file: { maxBytes: 25 * 1024 * 1024, mimes: ['application/pdf'] },
  },
  window: { hours: 24, templatesOutside: false },
};
const BUTTON_TEMPLATE_TEXT_MAX = 640;
/** Message tags allowed outside the window; never for promotional content. */
export const MESSENGER_TAGS = [
  'CONFIRMED_EVENT_UPDATE',
  'POST_PURCHASE_UPDATE',
  'ACCOUNT_UPDATE',
  'HUMAN_AGENT',
];

/** Messenger Platform adapter (same webhook mechanism as WhatsApp: handshake + X-Hub-Signature-256). */
export function createMessengerAdapter(options: MessengerOptions): ChannelAdapter {
  const page = options.pageId ?? 'me';
  return {
    kind: 'messenger',
    provider: 'meta',
    capabilities: MESSENGER_CAPABILITIES,
    handshake: (request: RawRequest) => metaHandshake(request, options.verifyToken),
    verify: (request: RawRequest) => verifyMetaSignature(request, options.appSecret),
    parse: (request: RawRequest) => parseMessengerWebhook(request.body),
    // Attachment URLs are public CDN links: no token is sent with them.
    fetchMedia: (ref) =>
      fetchMedia(ref.url ?? ref.id, {
        baseUrl: options.baseUrl,
        maxBytes: 25 * 1024 * 1024,
        timeoutMs: options.timeoutMs ?? 15_000,
      }),
    render: (message) => renderMessenger(message, `/${options.apiVersion}/${page}/messages`),
    async send(payload: ProviderPayload): Promise<SendResult> {
      const call = await callProvider(payload, {
        baseUrl: options.baseUrl,
        headers: { authorization: `Bearer ${options.pageAccessToken}` },
        timeoutMs: options.timeoutMs ?? 15_000,
      });
      if (!call.ok) return { ok: false, error: { kind: 'retry' }, detail: call.networkError };
      const json = asRecord(call.reply.json);
      if (call.reply.status < 300 && typeof json.message_id === 'string')
        return { ok: true, providerMessageId: json.message_id };
      const error = asRecord(json.error);
      const code = typeof error.code === 'number' ? error.code : undefined;
      const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
      const detail =
        typeof error.message === 'string' ? error.message : `HTTP ${call.reply.status}`;
      return { ok: false, error: classifyMessengerError(code, subcode, call.reply.status), detail };
    },
  };
}

/** Graph API errors of the Send API (research §1.3) to what the outbox does next. */
export function classifyMessengerError(
  code: number | undefined,
  subcode: number | undefined,
  httpStatus: number,
): ErrorClass {
  const c =
    code === undefined
      ? `http_${httpStatus}`
      : subcode === undefined
        ? String(code)
        : `${code}/${subcode}`;
  if (code === 613 || code === 4 || code === 1 || code === 2 || httpStatus >= 500)
    return { kind: 'retry', code: c };
  if (code === 551 || subcode === 1545041) return { kind: 'opted_out', scope: 'all', code: c };
  // Code 10 with subcode 2018278: the message was sent outside the allowed window.
  if (subcode === 2018278) return { kind: 'window_closed', code: c };
  if (code === 368 || code === 190) return { kind: 'halt_sender', code: c };
  return { kind: 'permanent', code: c };
}

type Body = Record<string, unknown>;

/** OutboundMessage → Send API bodies. A template names a message tag (outside the window). */
export function renderMessenger(message: OutboundMessage, path: string): ProviderPayload[] {
  const tag =
    message.template && MESSENGER_TAGS.includes(message.template.name)
      ? message.template.name
      : undefined;
  // RESPONSE answers a person inside 24 h; UPDATE is a proactive send inside 24 h.
  const type: Body = tag
    ? { messaging_type: 'MESSAGE_TAG', tag }
    : { messaging_type: message.purpose === 'service' ? 'RESPONSE' : 'UPDATE' };
  return message.parts.flatMap(partMessages).map((m) => ({
    method: 'POST',
    path,
    contentType: 'application/json',
    body: JSON.stringify({ recipient: { id: message.to.userId }, ...type, message: m }),
  }));
}

function partMessages(part: OutboundPart): Body[] {
  if (part.type === 'text')
    return splitText(part.text, MESSENGER_CAPABILITIES.textMax).map((text) => ({ text }));
  if (part.type === 'media') {
    const type = ['image', 'audio', 'video'].find((t) => part.mime.startsWith(`${t}/`)) ?? 'file';
    const media: Body = { attachment: { type, payload: { url: part.url, is_reusable: false } } };
    return part.caption
      ? [media, { text: part.caption.slice(0, MESSENGER_CAPABILITIES.textMax) }]
      : [media];
  }
  return [choicesMessage(part)];
}

/** ≤3 short options → button template; ≤13 → quick replies; otherwise numbered text. */
export function choicesMessage(choices: Extract<OutboundPart, { type: 'choices' }>): Body {
  const { options, prompt } = choices;
  const caps = MESSENGER_CAPABILITIES;
  const short =
    options.length > 0 &&
    options.every((o) => o.title.length > 0 && o.title.length <= caps.buttonTitleMax);
  if (short && options.length <= caps.maxButtons && prompt.length <= BUTTON_TEMPLATE_TEXT_MAX) {
    const buttons = options.map((o) => ({ type: 'postback', title: o.title, payload: o.id }));
    return {
      attachment: { type: 'template', payload: { template_type: 'button', text: prompt, buttons } },
    };
  }
  if (short && options.length <= caps.maxListRows && prompt.length <= caps.textMax) {
    return {
      text: prompt,
      quick_replies: options.map((o) => ({ content_type: 'text', title: o.title, payload: o.id })),
    };
  }
  return { text: numberedText(choices).slice(0, caps.textMax) };
}
