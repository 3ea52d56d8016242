/**
 * A local Messenger Send API (Meta Graph): page token auth, payload checks, the per-Page rate
 * limits (613), the 24-hour window (code 10, subcode 2018278), and signed `object: page`
 * webhooks for delivery, read and inbound messages.
 */
import { randomBytes } from 'node:crypto';
import {
  applyFault,
  type FakeRequest,
  type FakeResponse,
  FaultScript,
  parseBody,
  type ScriptedFault,
  startHttpFake,
} from './fake-http-server.ts';
import { FakeLedger, type FakeStats } from './fake-ledger.ts';
import { graphError, graphFaultResponse, graphTokenOf } from './graph-errors.ts';
import { checkMessengerPayload, MESSENGER_PAYLOAD_LIMITS } from './messenger-payload.ts';
import { runMetaHandshake } from './meta-handshake.ts';
import { type Clock, type RateLimit, TokenBucket, wallClock } from './token-bucket.ts';
import { type WebhookDelivery, WebhookSender } from './webhook-sender.ts';
import { signMetaPayload } from './webhook-signing.ts';

export interface FakeMessengerOptions {
  pageAccessToken?: string;
  appSecret?: string;
  pageId?: string;
  webhookUrl?: string;
  /** Calls per second per Page for text, links, reactions, stickers (Meta: 300). */
  rate?: { perSecond?: number; burst?: number };
  /** Calls per second per Page for audio or video (Meta: 10). */
  mediaRate?: { perSecond?: number; burst?: number };
  windowHours?: number;
  /** Set false to accept RESPONSE/UPDATE without an inbound message first (benchmarks). */
  enforceWindow?: boolean;
  /** PSIDs that answer 551 "This person isn't available right now". */
  unavailable?: string[];
  /** Which status webhooks follow each accepted message. */
  statusWebhooks?: { delivery?: boolean; read?: boolean };
  duplicateWindowMs?: number;
  webhookConcurrency?: number;
  now?: Clock;
}

export interface SentMessengerMessage {
  mid: string;
  psid: string;
  at: number;
  payload: Record<string, unknown>;
}

export type MessengerInbound = { psid: string } & (
  | { text: string; quickReplyPayload?: string }
  | { imageUrl: string }
  | { postback: { title: string; payload: string; ref?: string } }
);

const HUMAN_AGENT_MS = 7 * 24 * 3_600_000;
const SOURCE =
  'Meta Messenger Platform rate limiting page (Mar 2026); research §1.3 names code 613';

export async function startFakeMessenger(options: FakeMessengerOptions = {}) {
  const now = options.now ?? wallClock;
  const token = options.pageAccessToken ?? 'test-page-token';
  const appSecret = options.appSecret ?? 'test-app-secret';
  const pageId = options.pageId ?? '100000000000002';
  const windowMs = (options.windowHours ?? 24) * 3_600_000;
  const limits = {
    text: {
      perSecond: options.rate?.perSecond ?? 300,
      burst: options.rate?.burst ?? options.rate?.perSecond ?? 300,
      scope: 'page',
      errorCode: 613,
      source: SOURCE,
    },
    media: {
      perSecond: options.mediaRate?.perSecond ?? 10,
      burst: options.mediaRate?.burst ?? options.mediaRate?.perSecond ?? 10,
      scope: 'page (audio/video)',
      errorCode: 613,
      source: SOURCE,
    },
    windowHours: options.windowHours ?? 24,
    payload: MESSENGER_PAYLOAD_LIMITS,
  } satisfies Record<string, RateLimit | number | object>;

  const ledger = new FakeLedger(now, options.duplicateWindowMs ?? 60_000);
  const faults = new FaultScript();
  const webhooks = new WebhookSender({ concurrency: options.webhookConcurrency ?? 16 });
  const textBucket = new TokenBucket(limits.text.perSecond, limits.text.burst, now);
  const mediaBucket = new TokenBucket(limits.media.perSecond, limits.media.burst, now);
  const lastInbound = new Map<string, number>();
  const unavailable = new Set(options.unavailable ?? []);
  const sent: SentMessengerMessage[] = [];
  const newMid = () => `m_${randomBytes(18).toString('base64url')}`;

  const signedHeaders = (body: string) => ({
    'content-type': 'application/json',
    'x-hub-signature-256': signMetaPayload(body, appSecret),
  });
  /** The real envelope: one entry per page, `messaging` holds the events (research §1.3). */
  const envelope = (event: Record<string, unknown>) => ({
    object: 'page',
    entry: [{ id: pageId, time: Math.floor(now()), messaging: [event] }],
  });
  const fromUser = (psid: string) => ({
    sender: { id: psid },
    recipient: { id: pageId },
    timestamp: Math.floor(now()),
  });

  const queueStatuses = (message: SentMessengerMessage): void => {
    if (!options.webhookUrl) return;
    const watermark = Math.floor(now());
    const events: Record<string, unknown>[] = [];
    if (options.statusWebhooks?.delivery !== false) {
      events.push({ ...fromUser(message.psid), delivery: { mids: [message.mid], watermark } });
    }
    if (options.statusWebhooks?.read !== false)
      events.push({ ...fromUser(message.psid), read: { watermark } });
    for (const event of events) {
      const body = JSON.stringify(envelope(event));
      webhooks.post(options.webhookUrl, body, signedHeaders(body));
    }
  };

  const sendMessage = (request: FakeRequest): FakeResponse => {
    const body = parseBody(request);
    if (!body) {
      ledger.reject(100);
      return graphError(100, { message: '(#100) The request body is not valid JSON.' }, false);
    }
    const check = checkMessengerPayload(body);
    if (!check.ok) {
      ledger.reject(100);
      return graphError(100, { message: check.message }, false);
    }
    if (check.senderAction) return { status: 200, body: { recipient_id: check.psid } };
    const bucket = check.heavyMedia ? mediaBucket : textBucket;
    if (!bucket.take().ok) {
      ledger.violation(check.heavyMedia ? 'media' : 'text', 613);
      return graphError(613, {}, false);
    }
    if (unavailable.has(check.psid)) {
      ledger.reject(551);
      return graphError(551, {}, false);
    }
    const wrote = lastInbound.get(check.psid);
    const since = wrote === undefined ? Number.POSITIVE_INFINITY : now() - wrote;
    const allowed =
      options.enforceWindow === false ||
      (check.messagingType === 'MESSAGE_TAG'
        ? check.tag !== 'HUMAN_AGENT' || since < HUMAN_AGENT_MS
        : since < windowMs);
    if (!allowed) {
      ledger.reject('10/2018278');
      return graphError(10, { subcode: 2018278, status: 400 }, false);
    }
    const message: SentMessengerMessage = {
      mid: newMid(),
      psid: check.psid,
      at: now(),
      payload: body,
    };
    sent.push(message);
    ledger.accept(check.correlation, `${check.psid}|${check.contentKey}`);
    queueStatuses(message);
    return { status: 200, body: { recipient_id: check.psid, message_id: message.mid } };
  };

  const handle = async (request: FakeRequest): Promise<FakeResponse> => {
    if (graphTokenOf(request.headers.authorization, request.query) !== token) {
      ledger.reject(190);
      return graphError(190, {}, false);
    }
    const fault = await applyFault(faults.next());
    if (fault) {
      const { code, response } = graphFaultResponse(fault, false);
      if (!fault.drop) ledger.reject(code);
      return response;
    }
    const match = /^\/(?:v[\d.]+\/)?([^/]+)\/messages$/.exec(request.path);
    if (request.method !== 'POST' || !match || (match[1] !== 'me' && match[1] !== pageId)) {
      return graphError(
        100,
        { status: 400, message: `Unsupported request ${request.method} ${request.path}` },
        false,
      );
    }
    return sendMessage(request);
  };

  const server = await startHttpFake(handle);

  return {
    url: server.url,
    limits,
    pageId,
    pageAccessToken: token,
    appSecret,
    stop: async () => {
      await webhooks.flush();
      webhooks.close();
      await server.close();
    },
    stats: (): FakeStats => ledger.stats(),
    sent: (): SentMessengerMessage[] => [...sent],
    failNext: (fault: ScriptedFault) => faults.failNext(fault),
    /** Opens the 24-hour window as if the person had written at `at` (default now). */
    userWrote: (psid: string, at = now()) => lastInbound.set(psid, at),
    /** Posts a signed inbound message (text, quick reply, image) or postback; opens the window. */
    sendInbound: async (inbound: MessengerInbound): Promise<{ mid: string; status: number }> => {
      if (!options.webhookUrl) throw new Error('startFakeMessenger: no webhookUrl configured');
      lastInbound.set(inbound.psid, now());
      const mid = newMid();
      let event: Record<string, unknown>;
      if ('postback' in inbound) {
        const { title, payload, ref } = inbound.postback;
        const referral =
          ref !== undefined ? { referral: { ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } } : {};
        event = { postback: { mid, title, payload, ...referral } };
      } else if ('imageUrl' in inbound) {
        event = {
          message: { mid, attachments: [{ type: 'image', payload: { url: inbound.imageUrl } }] },
        };
      } else {
        const quick =
          inbound.quickReplyPayload !== undefined
            ? { quick_reply: { payload: inbound.quickReplyPayload } }
            : {};
        event = { message: { mid, text: inbound.text, ...quick } };
      }
      const body = JSON.stringify(envelope({ ...fromUser(inbound.psid), ...event }));
      const response = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: signedHeaders(body),
        body,
      });
      await response.arrayBuffer();
      return { mid, status: response.status };
    },
    /** Runs Meta's GET subscription handshake against `webhookUrl` with this verify token. */
    verifyWebhook: (verifyToken: string) => {
      if (!options.webhookUrl) throw new Error('startFakeMessenger: no webhookUrl configured');
      return runMetaHandshake(options.webhookUrl, verifyToken);
    },
    flushWebhooks: () => webhooks.flush(),
    webhooks: (): WebhookDelivery[] => webhooks.deliveries(),
  };
}

export type FakeMessenger = Awaited<ReturnType<typeof startFakeMessenger>>;
