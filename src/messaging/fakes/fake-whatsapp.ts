/**
 * A local WhatsApp Cloud API (Meta Graph) that enforces the documented limits and keeps score:
 * throughput per phone number id, pair rate per recipient, the 24-hour customer-service window,
 * marketing opt-outs, payload limits; it answers Graph error bodies and posts signed webhooks.
 */
import {
  applyFault,
  bearerToken,
  type FakeRequest,
  type FakeResponse,
  FaultScript,
  parseBody,
  type ScriptedFault,
  startHttpFake,
} from './fake-http-server.ts';
import { FakeLedger, type FakeStats } from './fake-ledger.ts';
import { graphError, graphFaultResponse } from './graph-errors.ts';
import { runMetaHandshake } from './meta-handshake.ts';
import { BucketMap, type RateLimit, takeAll, wallClock } from './token-bucket.ts';
import { type WebhookDelivery, WebhookSender } from './webhook-sender.ts';
import { signMetaPayload } from './webhook-signing.ts';
import { WhatsAppMediaStore } from './whatsapp-media.ts';
import { checkWhatsAppPayload, WHATSAPP_PAYLOAD_LIMITS } from './whatsapp-payload.ts';
import type {
  FakeWhatsAppOptions,
  SentWhatsAppMessage,
  WhatsAppInbound,
} from './whatsapp-types.ts';
import {
  inboundEnvelope,
  newWamid,
  policyFailure,
  preferenceEnvelope,
  statusSequence,
  UNDELIVERABLE,
  type WhatsAppEndpoint,
  type WhatsAppInboundContent,
} from './whatsapp-webhooks.ts';

export type {
  FakeWhatsAppOptions,
  SentWhatsAppMessage,
  TemplateCategory,
  WhatsAppInbound,
} from './whatsapp-types.ts';

export async function startFakeWhatsApp(options: FakeWhatsAppOptions = {}) {
  const now = options.now ?? wallClock;
  const accessToken = options.accessToken ?? 'test-whatsapp-token';
  const appSecret = options.appSecret ?? 'test-app-secret';
  const windowMs = (options.windowHours ?? 24) * 3_600_000;
  const limits = {
    throughput: {
      perSecond: options.throughput?.perSecond ?? 80,
      burst: options.throughput?.burst ?? options.throughput?.perSecond ?? 80,
      scope: 'phone_number_id',
      errorCode: 130429,
      source: 'research/messaging.md §1.1.10 [P] Meta throughput page: 80 mps default',
    },
    pair: {
      perSecond: options.pairRate?.perSecond ?? 1 / 6,
      burst: options.pairRate?.burst ?? 45,
      scope: 'phone_number_id+recipient',
      errorCode: 131056,
      source: 'research/messaging.md §1.1.10 [S] ≈1 msg/6 s per user, bursts up to 45',
    },
    windowHours: options.windowHours ?? 24,
    payload: WHATSAPP_PAYLOAD_LIMITS,
  } satisfies Record<string, RateLimit | number | object>;

  const ledger = new FakeLedger(now, options.duplicateWindowMs ?? 60_000);
  const faults = new FaultScript();
  const webhooks = new WebhookSender({ concurrency: options.webhookConcurrency ?? 16 });
  const throughput = new BucketMap(limits.throughput, now);
  const pair = new BucketMap(limits.pair, now);
  const lastInbound = new Map<string, number>();
  const digits = (id: string) => id.replace(/\D/g, '');
  const optedOut = new Set((options.optedOutOfMarketing ?? []).map(digits));
  const undeliverable = new Set((options.undeliverable ?? []).map(digits));
  const media = new WhatsAppMediaStore(now, options.mediaUrlTtlMs ?? 5 * 60_000);
  const sent: SentWhatsAppMessage[] = [];
  const seconds = () => Math.floor(now() / 1000);
  const endpointFor = (phoneNumberId: string): WhatsAppEndpoint => ({
    wabaId: options.wabaId ?? '100000000000001',
    phoneNumberId,
    displayPhoneNumber: options.displayPhoneNumber ?? '15550000000',
  });
  const defaultPhoneNumberId = '106540352242922';
  let baseUrl = '';

  const postSigned = (payload: unknown): void => {
    if (!options.webhookUrl) return;
    const body = JSON.stringify(payload);
    webhooks.post(options.webhookUrl, body, signedHeaders(body));
  };
  const signedHeaders = (body: string) => ({
    'content-type': 'application/json',
    'x-hub-signature-256': signMetaPayload(body, appSecret),
  });

  const scheduleStatuses = (
    message: SentWhatsAppMessage,
    correlation: string | undefined,
    category: string,
    failure?: { code: number; title: string; details: string },
  ) => {
    const base = {
      wamid: message.wamid,
      recipientId: message.to,
      category,
      ...(correlation !== undefined ? { correlation } : {}),
    };
    const config = options.statusWebhooks ?? {};
    const payloads = statusSequence(
      endpointFor(message.phoneNumberId),
      base,
      seconds(),
      config,
      failure ?? (undeliverable.has(message.to) ? UNDELIVERABLE : undefined),
    );
    for (const payload of payloads) postSigned(payload);
  };

  const sendMessage = (request: FakeRequest, phoneNumberId: string): FakeResponse => {
    const body = parseBody(request);
    if (!body) {
      ledger.reject(100);
      return graphError(100, { message: '(#100) The request body is not valid JSON.' });
    }
    const check = checkWhatsAppPayload(body);
    if (!check.ok) {
      ledger.reject(check.code);
      return graphError(check.code, { message: check.message });
    }
    const to = check.to.replace(/\D/g, '');
    const verdict = takeAll([
      { name: 'throughput', bucket: throughput.get(phoneNumberId) },
      { name: 'pair', bucket: pair.get(`${phoneNumberId}|${to}`) },
    ]);
    if (!verdict.ok) {
      const code = verdict.name === 'throughput' ? 130429 : 131056;
      ledger.violation(verdict.name, code);
      return graphError(code);
    }
    const category =
      check.templateName !== undefined
        ? (options.templates?.[check.templateName] ?? 'utility')
        : 'service';
    if (
      check.templateName !== undefined &&
      options.templates &&
      !(check.templateName in options.templates)
    ) {
      ledger.reject(132001);
      return graphError(132001);
    }
    const wrote = lastInbound.get(to);
    const windowOpen = wrote !== undefined && now() - wrote < windowMs;
    let policyCode: 131047 | 131050 | undefined;
    if (check.freeForm && options.enforceWindow !== false && !windowOpen) policyCode = 131047;
    else if (category === 'marketing' && optedOut.has(to)) policyCode = 131050;
    if (policyCode !== undefined) {
      ledger.reject(policyCode);
      if (!options.asyncErrors) return graphError(policyCode);
    }
    const message: SentWhatsAppMessage = {
      wamid: newWamid(),
      phoneNumberId,
      to,
      type: check.type,
      at: now(),
      payload: body,
    };
    if (policyCode !== undefined) {
      // Meta's way: the API takes the message, then a `failed` status webhook carries the error.
      scheduleStatuses(message, check.correlation, category, policyFailure(policyCode));
    } else {
      sent.push(message);
      ledger.accept(check.correlation, `${phoneNumberId}|${to}|${check.contentKey}`);
      scheduleStatuses(message, check.correlation, category);
    }
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: check.to, wa_id: to }],
        messages: [{ id: message.wamid }],
      },
    };
  };

  const handle = async (request: FakeRequest): Promise<FakeResponse> => {
    if (bearerToken(request) !== accessToken) {
      ledger.reject(190);
      return graphError(190, {}, false);
    }
    const fault = await applyFault(faults.next());
    if (fault) {
      const { code, response } = graphFaultResponse(fault, true);
      if (!fault.drop) ledger.reject(code);
      return response;
    }
    const mediaMatch = /^\/media\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && mediaMatch) return media.download(mediaMatch[1]!);
    const messagesMatch = /^\/(?:v[\d.]+\/)?([^/]+)\/messages$/.exec(request.path);
    if (request.method === 'POST' && messagesMatch) return sendMessage(request, messagesMatch[1]!);
    const mediaIdMatch = /^\/(?:v[\d.]+\/)?([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && mediaIdMatch) return media.describe(mediaIdMatch[1]!, baseUrl);
    return graphError(100, {
      status: 404,
      message: `Unknown path ${request.method} ${request.path}`,
    });
  };

  const server = await startHttpFake(handle);
  baseUrl = server.url;

  return {
    url: server.url,
    limits,
    accessToken,
    appSecret,
    phoneNumberId: defaultPhoneNumberId,
    stop: async () => {
      await webhooks.flush();
      webhooks.close();
      await server.close();
    },
    stats: (): FakeStats => ledger.stats(),
    sent: (): SentWhatsAppMessage[] => [...sent],
    failNext: (fault: ScriptedFault) => faults.failNext(fault),
    /** Opens the customer-service window as if the user had written at `at` (default now). */
    userWrote: (waId: string, at = now()) => lastInbound.set(waId.replace(/\D/g, ''), at),
    optOutMarketing: (waId: string) => optedOut.add(waId.replace(/\D/g, '')),
    /** Stores bytes as uploaded media; returns the media id clients download by. */
    addMedia: (bytes: Buffer, mimeType?: string): string => media.add(bytes, mimeType).id,
    /** Posts a signed inbound-message webhook and opens the user's window. */
    sendInbound: async (inbound: WhatsAppInbound): Promise<{ wamid: string; status: number }> => {
      const wamid = newWamid();
      lastInbound.set(inbound.from.replace(/\D/g, ''), now());
      let content: WhatsAppInboundContent;
      if ('image' in inbound) {
        const item = media.add(inbound.image.bytes, inbound.image.mimeType);
        content = {
          image: {
            id: item.id,
            mimeType: item.mimeType,
            sha256: item.sha256,
            ...(inbound.image.caption !== undefined ? { caption: inbound.image.caption } : {}),
          },
        };
      } else content = inbound;
      const endpoint = endpointFor(inbound.phoneNumberId ?? defaultPhoneNumberId);
      const payload = inboundEnvelope(
        endpoint,
        {
          wamid,
          from: inbound.from,
          profileName: inbound.profileName ?? 'Test User',
          timestamp: seconds(),
          ...(inbound.contextId !== undefined ? { contextId: inbound.contextId } : {}),
        },
        content,
      );
      return { wamid, status: await postNow(payload) };
    },
    /** Posts the `user_preferences` webhook Meta sends when a user stops or resumes marketing. */
    sendMarketingPreference: async (waId: string, value: 'stop' | 'resume'): Promise<number> => {
      if (value === 'stop') optedOut.add(digits(waId));
      else optedOut.delete(digits(waId));
      return postNow(preferenceEnvelope(endpointFor(defaultPhoneNumberId), waId, value, seconds()));
    },
    /** Runs Meta's GET subscription handshake against `webhookUrl` with this verify token. */
    verifyWebhook: (verifyToken: string) => {
      if (!options.webhookUrl) throw new Error('startFakeWhatsApp: no webhookUrl configured');
      return runMetaHandshake(options.webhookUrl, verifyToken);
    },
    flushWebhooks: () => webhooks.flush(),
    webhooks: (): WebhookDelivery[] => webhooks.deliveries(),
  };

  async function postNow(payload: unknown): Promise<number> {
    if (!options.webhookUrl) throw new Error('startFakeWhatsApp: no webhookUrl configured');
    const body = JSON.stringify(payload);
    const response = await fetch(options.webhookUrl, {
      method: 'POST',
      headers: signedHeaders(body),
      body,
    });
    await response.arrayBuffer();
    return response.status;
  }
}

export type FakeWhatsApp = Awaited<ReturnType<typeof startFakeWhatsApp>>;
