/**
 * A local Telegram Bot API: `POST /bot<token>/<method>`, file downloads, the Bot FAQ limits
 * (≈30 msg/s per bot, 1 msg/s per chat, 20 msg/min per group) answered with 429 + retry_after
 * and counted as violations, blocked users (403), and webhook delivery with the secret header.
 */

import {
  applyFault,
  DROP_CONNECTION,
  type FakeRequest,
  type FakeResponse,
  FaultScript,
  type ScriptedFault,
  startHttpFake,
} from './fake-http-server.ts';
import { FakeLedger, type FakeStats } from './fake-ledger.ts';
import { callbackDataValid, readTelegramParams, type TelegramParams } from './telegram-params.ts';
import { TelegramUpdates } from './telegram-updates.ts';
import {
  BucketMap,
  type Clock,
  type NamedBucket,
  type RateLimit,
  TokenBucket,
  takeAll,
  wallClock,
} from './token-bucket.ts';

export interface FakeTelegramOptions {
  /** Bot token as in `/bot<token>/`; its numeric prefix is the bot's user id. */
  token?: string;
  webhook?: { url: string; secretToken?: string };
  global?: { perSecond?: number; burst?: number };
  perChat?: { perSecond?: number; burst?: number };
  perGroup?: { perMinute?: number; burst?: number };
  blocked?: (number | string)[];
  /** Users who never pressed Start: the bot cannot write to them first (403). */
  notStarted?: (number | string)[];
  duplicateWindowMs?: number;
  now?: Clock;
}

export interface SentTelegramMessage {
  method: string;
  chatId: string;
  messageId: number;
  at: number;
  params: TelegramParams;
}

type Answer = FakeResponse;
const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const fail = (code: number, description: string, parameters?: object): Answer => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});
const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export async function startFakeTelegram(options: FakeTelegramOptions = {}) {
  const now = options.now ?? wallClock;
  const token = options.token ?? '123456:TEST-telegram-token';
  const botId = Number(token.split(':')[0]) || 123456;
  const source =
    'research/messaging.md §1.2.5 [P] Bot FAQ; burst per grammY throttler defaults [C]';
  const limits = {
    global: {
      perSecond: options.global?.perSecond ?? 30,
      burst: options.global?.burst ?? options.global?.perSecond ?? 30,
      scope: 'bot',
      errorCode: 429,
      source,
    },
    perChat: {
      perSecond: options.perChat?.perSecond ?? 1,
      burst: options.perChat?.burst ?? 1,
      scope: 'chat_id',
      errorCode: 429,
      source,
    },
    perGroup: {
      perSecond: (options.perGroup?.perMinute ?? 20) / 60,
      burst: options.perGroup?.burst ?? options.perGroup?.perMinute ?? 20,
      scope: 'chat_id (groups: negative ids)',
      errorCode: 429,
      source,
    },
    textMax: 4096,
    captionMax: 1024,
    callbackDataMaxBytes: 64,
  } satisfies Record<string, RateLimit | number>;

  const ledger = new FakeLedger(now, options.duplicateWindowMs ?? 60_000);
  const faults = new FaultScript();
  const global = new TokenBucket(limits.global.perSecond, limits.global.burst, now);
  const perChat = new BucketMap(limits.perChat, now);
  const perGroup = new BucketMap(limits.perGroup, now);
  const blocked = new Set((options.blocked ?? []).map(String));
  const notStarted = new Set((options.notStarted ?? []).map(String));
  const files = new Map<string, { path: string; bytes: Buffer }>();
  const answeredCallbacks: string[] = [];
  const sent: SentTelegramMessage[] = [];
  let webhook = options.webhook;
  let messageId = 1000;

  const addFile = (bytes: Buffer, extension = 'jpg'): string => {
    const fileId = `AgAD${files.size + 1}${Math.random().toString(36).slice(2, 10)}`;
    files.set(fileId, { path: `photos/file_${files.size}.${extension}`, bytes });
    return fileId;
  };

  const sendMessage = (method: string, params: TelegramParams): Answer => {
    const chatId = params.string('chat_id');
    if (!chatId) return rejected(400, 'Bad Request: chat_id is empty');
    let contentKey: string;
    if (method === 'sendMessage') {
      const text = params.string('text');
      if (!text) return rejected(400, 'Bad Request: message text is empty');
      if ([...text].length > limits.textMax)
        return rejected(400, 'Bad Request: message is too long');
      contentKey = text;
    } else {
      const photo = params.string('photo') ?? (params.hasFile('photo') ? 'upload' : undefined);
      if (!photo) return rejected(400, 'Bad Request: there is no photo in the request');
      const caption = params.string('caption') ?? '';
      if ([...caption].length > limits.captionMax)
        return rejected(400, 'Bad Request: message caption is too long');
      contentKey = `photo:${photo}:${caption}`;
    }
    const markup = params.json('reply_markup');
    if (markup === null)
      return rejected(400, "Bad Request: can't parse reply keyboard markup JSON object");
    if (!callbackDataValid(markup)) return rejected(400, 'Bad Request: BUTTON_DATA_INVALID');
    if (blocked.has(chatId)) return rejected(403, 'Forbidden: bot was blocked by the user');
    if (notStarted.has(chatId)) {
      return rejected(403, "Forbidden: bot can't initiate conversation with a user");
    }

    const buckets: NamedBucket[] = [
      { name: 'global', bucket: global },
      { name: 'perChat', bucket: perChat.get(chatId) },
    ];
    const isGroup = /^-\d+$/.test(chatId) || chatId.startsWith('@');
    if (isGroup) buckets.push({ name: 'perGroup', bucket: perGroup.get(chatId) });
    const verdict = takeAll(buckets);
    if (!verdict.ok) {
      ledger.violation(verdict.name, 429);
      const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      return fail(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    messageId++;
    sent.push({ method, chatId, messageId, at: now(), params });
    ledger.accept(undefined, `${chatId}|${contentKey}`);
    const chat = { id: Number(chatId) || chatId, type: isGroup ? 'group' : 'private' };
    const message: Record<string, unknown> = {
      message_id: messageId,
      from: {
        id: botId,
        is_bot: true,
        first_name: 'Penumbra Test Bot',
        username: 'penumbra_test_bot',
      },
      chat,
      date: Math.floor(now() / 1000),
    };
    if (method === 'sendMessage') message.text = params.string('text');
    else {
      const fileId = params.string('photo') ?? addFile(Buffer.alloc(0));
      message.photo = [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 1280, height: 960 }];
      if (params.string('caption')) message.caption = params.string('caption');
    }
    if (markup !== undefined) message.reply_markup = markup;
    return ok(message);
  };

  function rejected(code: number, description: string): Answer {
    ledger.reject(code);
    return fail(code, description);
  }

  const handle = async (request: FakeRequest): Promise<Answer> => {
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(request.path);
    if (request.method === 'GET' && fileMatch) {
      if (fileMatch[1] !== token) return fail(401, 'Unauthorized');
      const file = [...files.values()].find((f) => f.path === fileMatch[2]);
      return file ? { status: 200, body: file.bytes } : fail(404, 'Not Found');
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.path);
    if (!match) return fail(404, 'Not Found');
    if (match[1] !== token) return rejected(401, 'Unauthorized');
    const fault = await applyFault(faults.next());
    if (fault) {
      if (fault.drop) return DROP_CONNECTION;
      const code = fault.code ?? fault.status ?? 500;
      ledger.reject(code);
      const retryAfter = fault.retryAfterSeconds ?? 1;
      if (code === 429)
        return fail(429, `Too Many Requests: retry after ${retryAfter}`, {
          retry_after: retryAfter,
        });
      return fail(code, fault.message ?? DESCRIPTIONS[code] ?? 'Error');
    }
    const params = await readTelegramParams(request);
    if (!params) return rejected(400, 'Bad Request: invalid request body');
    const method = match[2]!;
    switch (method) {
      case 'sendMessage':
      case 'sendPhoto':
        return sendMessage(method, params);
      case 'answerCallbackQuery': {
        const id = params.string('callback_query_id');
        if (!id)
          return rejected(
            400,
            'Bad Request: query is too old and response timeout expired or query ID is invalid',
          );
        answeredCallbacks.push(id);
        return ok(true);
      }
      case 'getFile': {
        const fileId = params.string('file_id') ?? '';
        const file = files.get(fileId);
        if (!file) return rejected(400, 'Bad Request: invalid file_id');
        return ok({
          file_id: fileId,
          file_unique_id: `u${fileId}`,
          file_size: file.bytes.length,
          file_path: file.path,
        });
      }
      case 'setWebhook': {
        const url = params.string('url') ?? '';
        const secretToken = params.string('secret_token');
        webhook = url ? { url, ...(secretToken !== undefined ? { secretToken } : {}) } : undefined;
        return ok(true);
      }
      case 'getMe':
        return ok({
          id: botId,
          is_bot: true,
          first_name: 'Penumbra Test Bot',
          username: 'penumbra_test_bot',
        });
      default:
        return fail(404, 'Not Found: method not found');
    }
  };

  const server = await startHttpFake(handle);

  const updates = new TelegramUpdates(now, botId, () => webhook);

  return {
    url: server.url,
    token,
    limits,
    stop: () => server.close(),
    stats: (): FakeStats => ledger.stats(),
    sent: (): SentTelegramMessage[] => [...sent],
    answeredCallbacks: (): string[] => [...answeredCallbacks],
    failNext: (fault: ScriptedFault) => faults.failNext(fault),
    block: (chatId: number | string) => blocked.add(String(chatId)),
    unblock: (chatId: number | string) => blocked.delete(String(chatId)),
    addFile,
    /** Posts one update to the webhook as Telegram does: JSON with the secret token header. */
    sendUpdate: (update: Record<string, unknown>) => updates.send(update),
    /** An inbound message (e.g. `/start payload`) also means the user has started the bot. */
    sendInboundText: (chatId: number, text: string) => {
      notStarted.delete(String(chatId));
      return updates.text(chatId, ++messageId, text);
    },
    sendInboundPhoto: (chatId: number, bytes: Buffer, caption?: string) =>
      updates.photo(chatId, ++messageId, addFile(bytes), bytes.length, caption),
    sendCallbackQuery: (chatId: number, data: string) =>
      updates.callbackQuery(chatId, messageId, data),
    /** The user blocks the bot: Telegram sends `my_chat_member` (kicked) and later sends fail with 403. */
    sendBlockedByUser: (chatId: number) => {
      blocked.add(String(chatId));
      return updates.blocked(chatId);
    },
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
