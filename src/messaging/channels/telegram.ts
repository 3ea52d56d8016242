import type {
  Capabilities,
  ChannelAdapter,
  ErrorClass,
  MediaContent,
  MediaRef,
  OutboundMessage,
  OutboundPart,
  ProviderPayload,
  RawRequest,
  RawResponse,
  SendResult,
} from '../types.ts';
import { asRecord, callProvider } from './call-provider.ts';
import { fetchMedia } from './fetch-media.ts';
import { header } from './header.ts';
import { numberedText } from './numbered-text.ts';
import { safeEqual } from './safe-equal.ts';
import { splitText } from './split-text.ts';
import { parseTelegramUpdate } from './telegram-parse.ts';

export interface TelegramOptions {
  /** Largest inbound file fetched (bots may download up to 20 MB). */
  maxMediaBytes?: number;
  /** https://api.telegram.org in production; a local fake in tests and the demo. */
  baseUrl: string;
  /** `<bot id>:<secret>` from BotFather; never part of a payload or a log line. */
  botToken: string;
  /** The `secret_token` given to setWebhook, echoed in X-Telegram-Bot-Api-Secret-Token. */
  secretToken: string;
  timeoutMs?: number;
  now?: () => number;
}

/** Bot API limits (research §1.2.3); files sent by URL: 5 MB photos, 20 MB others. */
export const TELEGRAM_CAPABILITIES: Capabilities = {
  maxButtons: 100,
  buttonTitleMax: 64,
  maxListRows: 100,
  listRowTitleMax: 64,
  callbackDataMaxBytes: 64,
  textMax: 4096,
  media: {
    image: { maxBytes: 5 * 1024 * 1024, mimes: ['image/jpeg', 'image/png', 'image/webp'] },
    audio: { maxBytes: 20 * 1024 * 1024, mimes: ['audio/mpeg', 'audio/mp4', 'audio/ogg'] },
    video: { maxBytes: 20 * 1024 * 1024, mimes: ['video/mp4'] },
    file: {
      maxBytes: 20 * 1024 * 1024,
      mimes: ['application/pdf', 'application/zip', 'text/plain'],
    },
  },
};
const CAPTION_MAX = 1024;

/** Telegram Bot API adapter: static secret header, JSON updates, JSON method calls. */
export function createTelegramAdapter(options: TelegramOptions): ChannelAdapter {
  const botId = options.botToken.split(':')[0] ?? '';
  return {
    kind: 'telegram',
    provider: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES,
    // A shared secret, not a signature: compared in constant time like grammY does (§1.2.1).
    verify: (request: RawRequest) =>
      safeEqual(header(request, 'x-telegram-bot-api-secret-token') ?? '', options.secretToken),
    webhookResponse: answerCallbackInReply,
    fetchMedia: (ref: MediaRef) => fetchTelegramFile(options, ref.id),
    parse: (request: RawRequest) =>
      parseTelegramUpdate(request.body, botId, (options.now ?? Date.now)()),
    render: renderTelegram,
    async send(payload: ProviderPayload): Promise<SendResult> {
      const call = await callProvider(payload, {
        baseUrl: options.baseUrl,
        pathPrefix: `/bot${options.botToken}`,
        headers: {},
        timeoutMs: options.timeoutMs ?? 15_000,
      });
      if (!call.ok) return { ok: false, error: { kind: 'retry' }, detail: call.networkError };
      const json = asRecord(call.reply.json);
      const result = asRecord(json.result);
      if (json.ok === true && typeof result.message_id === 'number') {
        return {
          ok: true,
          providerMessageId: `${asRecord(result.chat).id ?? ''}:${result.message_id}`,
        };
      }
      const code = typeof json.error_code === 'number' ? json.error_code : call.reply.status;
      const description = typeof json.description === 'string' ? json.description : `HTTP ${code}`;
      const retryAfter = asRecord(json.parameters).retry_after;
      return {
        ok: false,
        error: classifyTelegramError(code, description, retryAfter),
        detail: description,
      };
    },
  };
}

/** getFile → file_path → `{baseUrl}/file/bot<token>/<file_path>` (link valid ≥ 1 h, §1.2.4). */
async function fetchTelegramFile(options: TelegramOptions, fileId: string): Promise<MediaContent> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const payload = {
    method: 'POST' as const,
    path: '/getFile',
    contentType: 'application/json' as const,
    body: JSON.stringify({ file_id: fileId }),
  };
  const call = await callProvider(payload, {
    baseUrl: options.baseUrl,
    pathPrefix: `/bot${options.botToken}`,
    headers: {},
    timeoutMs,
  });
  const filePath = call.ok ? asRecord(asRecord(call.reply.json).result).file_path : undefined;
  if (typeof filePath !== 'string')
    throw new Error('Telegram getFile: no file_path (file over 20 MB or gone)');
  const base = options.baseUrl.replace(/\/+$/, '');
  return fetchMedia(`${base}/file/bot${options.botToken}/${filePath}`, {
    baseUrl: base,
    maxBytes: options.maxMediaBytes ?? 20 * 1024 * 1024,
    timeoutMs,
  });
}

/** Bot API errors (research §1.2.2, §1.2.5) to what the outbox does next. */
export function classifyTelegramError(
  code: number,
  description: string,
  retryAfter: unknown,
): ErrorClass {
  const c = String(code);
  if (code === 429) {
    return typeof retryAfter === 'number'
      ? { kind: 'retry', afterMs: retryAfter * 1000, code: c }
      : { kind: 'retry', code: c };
  }
  if (code >= 500) return { kind: 'retry', code: c };
  if (code === 403 && /blocked by the user/i.test(description))
    return { kind: 'opted_out', scope: 'all', code: c };
  // A wrong or revoked token fails every send on this bot.
  if (code === 401 || code === 404) return { kind: 'halt_sender', code: c };
  return { kind: 'permanent', code: c };
}

/**
 * A pressed inline button shows a spinner until answerCallbackQuery; Telegram accepts a method
 * call as the webhook's reply body, which saves a request.
 */
function answerCallbackInReply(request: RawRequest): RawResponse | undefined {
  try {
    const query = asRecord(asRecord(JSON.parse(request.body.toString('utf8'))).callback_query);
    if (typeof query.id !== 'string') return undefined;
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'answerCallbackQuery', callback_query_id: query.id }),
    };
  } catch {
    return undefined;
  }
}

type Body = Record<string, unknown>;

/** OutboundMessage → Bot API method calls, one per part. */
export function renderTelegram(message: OutboundMessage): ProviderPayload[] {
  const id = message.to.userId;
  const chatId = /^-?\d+$/.test(id) ? Number(id) : id;
  const calls = message.parts.flatMap((part): [string, Body][] => partCalls(part));
  return calls.map(([method, body]) => ({
    method: 'POST',
    path: `/${method}`,
    contentType: 'application/json',
    body: JSON.stringify({ chat_id: chatId, ...body }),
  }));
}

function partCalls(part: OutboundPart): [string, Body][] {
  if (part.type === 'text') {
    return splitText(part.text, TELEGRAM_CAPABILITIES.textMax).map((text) => [
      'sendMessage',
      { text },
    ]);
  }
  if (part.type === 'media') {
    const [method, field] = part.mime.startsWith('image/')
      ? ['sendPhoto', 'photo']
      : part.mime.startsWith('audio/')
        ? ['sendAudio', 'audio']
        : part.mime.startsWith('video/')
          ? ['sendVideo', 'video']
          : ['sendDocument', 'document'];
    const body: Body = { [field]: part.url };
    if (part.caption) body.caption = part.caption.slice(0, CAPTION_MAX);
    return [[method, body]];
  }
  const caps = TELEGRAM_CAPABILITIES;
  // callback_data is 1–64 bytes (UTF-8): an id that does not fit cannot be a button.
  const fits =
    part.options.length > 0 &&
    part.options.length <= caps.maxButtons &&
    part.prompt.length > 0 &&
    part.prompt.length <= caps.textMax &&
    part.options.every(
      (o) =>
        o.id.length > 0 &&
        Buffer.byteLength(o.id, 'utf8') <= (caps.callbackDataMaxBytes ?? 64) &&
        o.title.length > 0,
    );
  if (!fits) return [['sendMessage', { text: numberedText(part).slice(0, caps.textMax) }]];
  const inline_keyboard = part.options.map((o) => [
    { text: o.title.slice(0, caps.buttonTitleMax), callback_data: o.id },
  ]);
  return [['sendMessage', { text: part.prompt, reply_markup: { inline_keyboard } }]];
}
