/**
 * A local Twilio Messages API: Basic auth, form-encoded sends, the per-sender throughput limit
 * (queued as Twilio does, but every send over the rate is a counted violation), STOP handling
 * (21610), number validation (21211), and signed status callbacks and inbound webhooks.
 */
import { randomBytes } from 'node:crypto';
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
import { countSmsSegments } from './sms-segments.ts';
import { BucketMap, type Clock, type RateLimit, wallClock } from './token-bucket.ts';
import {
  callbackQuery,
  E164,
  HELP_WORDS,
  START_WORDS,
  STOP_WORDS,
  twilioError,
} from './twilio-codes.ts';
import { type WebhookDelivery, WebhookSender } from './webhook-sender.ts';
import { signTwilioRequest } from './webhook-signing.ts';

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
  /** Message segments per second per sender (Twilio: a US long code sends 1 segment/s). */
  perSender?: { perSecond?: number; burst?: number };
  /** Twilio queues sends over the rate; `reject` answers 429 / 20429 instead. Both count violations. */
  onExcess?: 'queue' | 'reject';
  /** A sender's queue may hold this many seconds of messages before 21611 (Twilio: 10 hours). */
  maxQueueSeconds?: number;
  /** Numbers that replied STOP to every sender. */
  optedOut?: string[];
  /** Numbers whose messages end `undelivered` with ErrorCode 30003. */
  undeliverable?: string[];
  /** Where `sendInbound` posts by default (the app's inbound SMS webhook). */
  inboundUrl?: string;
  duplicateWindowMs?: number;
  webhookConcurrency?: number;
  now?: Clock;
}

export interface SentTwilioMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  segments: number;
  statusCallback?: string;
  at: number;
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

export async function startFakeTwilio(options: FakeTwilioOptions = {}) {
  const now = options.now ?? wallClock;
  const accountSid = options.accountSid ?? 'AC00000000000000000000000000000000';
  const authToken = options.authToken ?? 'test_auth_token';
  const limits = {
    perSender: {
      perSecond: options.perSender?.perSecond ?? 1,
      burst: options.perSender?.burst ?? 1,
      scope: 'From number or MessagingServiceSid (cost = segments)',
      errorCode: options.onExcess === 'reject' ? 20429 : 'queued (violation counted)',
      source:
        'Twilio error 21611/30001 pages: a US long code sends one segment per second; research has no number',
    },
    maxQueueSeconds: options.maxQueueSeconds ?? 36_000,
    bodyMax: 1600,
  } satisfies Record<string, RateLimit | number>;

  const ledger = new FakeLedger(now, options.duplicateWindowMs ?? 60_000);
  const faults = new FaultScript();
  const webhooks = new WebhookSender({ concurrency: options.webhookConcurrency ?? 16 });
  const senders = new BucketMap(limits.perSender, now);
  /** `${sender}|${user}`, or `*|${user}` for an opt-out from every sender. */
  const stopList = new Set((options.optedOut ?? []).map((user) => `*|${user}`));
  const undeliverable = new Set(options.undeliverable ?? []);
  const sent: SentTwilioMessage[] = [];

  const error = twilioError;
  const refuse = (code: number): FakeResponse => {
    ledger.reject(code);
    return error(code);
  };
  const postSigned = (url: string, params: Record<string, string>): void => {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(url, params, authToken),
    };
    webhooks.post(url, new URLSearchParams(params).toString(), headers);
  };

  const createMessage = (request: FakeRequest): FakeResponse => {
    const form = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
    const to = form.To;
    const from = form.From ?? '';
    const serviceSid = form.MessagingServiceSid;
    const body = form.Body ?? '';
    if (!to) return refuse(21604);
    if (!from && !serviceSid) return refuse(21603);
    if (!body && !form.MediaUrl) return refuse(21602);
    if (!E164.test(to)) return refuse(21211);
    if (form.StatusCallback && callbackQuery(form.StatusCallback) === undefined)
      return refuse(21609);
    if (body.length > limits.bodyMax) return refuse(21617);
    const sender = serviceSid ?? from;
    if (stopList.has(`*|${to}`) || stopList.has(`${sender}|${to}`)) return refuse(21610);

    const segments = Math.max(1, countSmsSegments(body));
    const bucket = senders.get(sender);
    if (options.onExcess === 'reject') {
      if (!bucket.take(segments).ok) {
        ledger.violation('perSender', 20429);
        return error(20429);
      }
    } else {
      const queuedAfterMs =
        (Math.max(0, segments - bucket.available()) * 1000) / limits.perSender.perSecond;
      if (queuedAfterMs > limits.maxQueueSeconds * 1000) return refuse(21611);
      // Twilio accepts and queues; the referee still records that the client outran the sender.
      if (!bucket.takeWithDebt(segments).ok) ledger.violationAccepted('perSender');
    }

    const at = now();
    const message: SentTwilioMessage = { sid: sid('SM'), from: from || '', to, body, segments, at };
    if (form.StatusCallback) message.statusCallback = form.StatusCallback;
    sent.push(message);
    const correlation = form.StatusCallback ? callbackQuery(form.StatusCallback) : undefined;
    ledger.accept(correlation || undefined, `${to}|${body}`);

    if (form.StatusCallback) {
      const base: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: from,
        To: to,
        MessageSid: message.sid,
        SmsSid: message.sid,
        ...(serviceSid ? { MessagingServiceSid: serviceSid } : {}),
      };
      const finals: Record<string, string>[] = undeliverable.has(to)
        ? [{ MessageStatus: 'sent' }, { MessageStatus: 'undelivered', ErrorCode: '30003' }]
        : [{ MessageStatus: 'sent' }, { MessageStatus: 'delivered' }];
      for (const status of finals) {
        postSigned(form.StatusCallback, { ...base, ...status, SmsStatus: status.MessageStatus! });
      }
    }
    return {
      status: 201,
      body: {
        account_sid: accountSid,
        api_version: '2010-04-01',
        body,
        date_created: rfc2822(at),
        date_updated: rfc2822(at),
        date_sent: null,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: from || null,
        messaging_service_sid: serviceSid ?? null,
        num_media: form.MediaUrl ? '1' : '0',
        num_segments: String(segments),
        price: null,
        price_unit: 'USD',
        sid: message.sid,
        status: 'queued',
        subresource_uris: {
          media: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json`,
        },
        to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
      },
    };
  };

  const handle = async (request: FakeRequest): Promise<FakeResponse> => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (!match || request.method !== 'POST') {
      return {
        status: 404,
        body: { code: 20404, message: 'The requested resource was not found', status: 404 },
      };
    }
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected || match[1] !== accountSid) return refuse(20003);
    const fault = await applyFault(faults.next());
    if (fault) {
      if (fault.drop) return DROP_CONNECTION;
      const code = fault.code ?? fault.status ?? 500;
      ledger.reject(code);
      if (fault.code === undefined)
        return {
          status: fault.status ?? 500,
          body: { code: 20500, message: 'Internal Server Error', status: fault.status ?? 500 },
        };
      return error(code);
    }
    return createMessage(request);
  };

  const server = await startHttpFake(handle);

  return {
    url: server.url,
    limits,
    accountSid,
    authToken,
    stop: async () => {
      await webhooks.flush();
      webhooks.close();
      await server.close();
    },
    stats: (): FakeStats => ledger.stats(),
    sent: (): SentTwilioMessage[] => [...sent],
    failNext: (fault: ScriptedFault) => faults.failNext(fault),
    /** The user opts out, from one sender or (no sender) from all. */
    optOut: (user: string, sender = '*') => stopList.add(`${sender}|${user}`),
    /**
     * Posts a signed inbound SMS as Twilio does. A single-word STOP/START/HELP keyword updates
     * the STOP list first (Twilio blocks even without a webhook) and adds `OptOutType`.
     */
    sendInbound: async (inbound: { from: string; to: string; body: string; url?: string }) => {
      const url = inbound.url ?? options.inboundUrl;
      if (!url) throw new Error('startFakeTwilio: no inbound URL configured');
      const keyword = inbound.body.trim().toUpperCase();
      let optOutType: string | undefined;
      if (STOP_WORDS.includes(keyword)) {
        optOutType = 'STOP';
        stopList.add(`${inbound.to}|${inbound.from}`);
      } else if (START_WORDS.includes(keyword)) {
        optOutType = 'START';
        stopList.delete(`${inbound.to}|${inbound.from}`);
        stopList.delete(`*|${inbound.from}`);
      } else if (HELP_WORDS.includes(keyword)) optOutType = 'HELP';
      const messageSid = sid('SM');
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        Body: inbound.body,
        From: inbound.from,
        MessageSid: messageSid,
        NumMedia: '0',
        NumSegments: String(countSmsSegments(inbound.body)),
        SmsMessageSid: messageSid,
        SmsSid: messageSid,
        To: inbound.to,
        ...(optOutType ? { OptOutType: optOutType } : {}),
      };
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(url, params, authToken),
        },
        body: new URLSearchParams(params).toString(),
      });
      await response.arrayBuffer();
      return { messageSid, status: response.status, params };
    },
    flushWebhooks: () => webhooks.flush(),
    webhooks: (): WebhookDelivery[] => webhooks.deliveries(),
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;
