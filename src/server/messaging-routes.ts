import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ChannelAdapter,
  type ChannelKind,
  conversationKey,
  type MessagingHub,
  oneClickUnsubscribe,
  type RawRequest,
  type RawResponse,
  unsubscribePage,
} from '../messaging/index.ts';
import type { JsonValue, StateStore } from '../store/index.ts';
import { registerMessagingApiRoutes } from './messaging-api-routes.ts';

export interface MessagingRouteDeps {
  state: StateStore;
  messaging: MessagingHub;
  /** Each configured channel and the brand (site id) its endpoint belongs to. */
  channels: readonly { adapter: ChannelAdapter; brandId: string }[];
  /** Secret of the RFC 8058 one-click tokens and the brand of the email channel. */
  unsubscribe?: { secret: string; brandId: string };
  /**
   * The public origin providers call (https://hub.example), for signatures over the URL
   * (Twilio) when a proxy rewrites scheme or host; default: the request's own.
   */
  publicBaseUrl?: string;
}

/** `/hooks/<name>` → the channel behind it (Twilio's SMS is `twilio`, as people know it). */
const HOOK_CHANNELS: Record<string, ChannelKind> = {
  whatsapp: 'whatsapp',
  telegram: 'telegram',
  messenger: 'messenger',
  twilio: 'sms',
  sms: 'sms',
  webchat: 'webchat',
};

/**
 * The messaging hub's HTTP surface, in an encapsulated plugin whose content-type parser keeps
 * every body as raw bytes (signatures are computed over them), so the rest of the app keeps its
 * own parsers:
 * - `GET|POST /hooks/:channel`: provider webhooks (handshake, signature, store, answer at once);
 * - `GET|POST /u/:token`: RFC 8058 one-click unsubscribe (GET shows a confirm page);
 * - `/api/brands/:siteDomain/…`: inbox, communities, outbox and dead letters, GDPR (JSON).
 */
export function registerMessagingRoutes(app: FastifyInstance, deps: MessagingRouteDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    const byKind = new Map(deps.channels.map((c) => [c.adapter.kind as string, c]));

    scope.route<{ Params: { channel: string } }>({
      method: ['GET', 'POST'],
      url: '/hooks/:channel',
      handler: async (request, reply) => {
        const kind = HOOK_CHANNELS[request.params.channel];
        const channel = kind ? byKind.get(kind) : undefined;
        if (!channel) {
          return reply.code(404).send({ error: `no ${request.params.channel} channel configured` });
        }
        const outcome = await deps.messaging.receive(
          channel.adapter,
          rawRequest(request, deps.publicBaseUrl),
          channel.brandId,
        );
        return sendRaw(reply, outcome.response);
      },
    });

    // A wildcard, not `:token`: tokens are longer than Fastify's 100-character parameter limit
    // (the channel code reads the token from the URL itself).
    scope.route({
      method: ['GET', 'POST'],
      url: '/u/*',
      handler: async (request, reply) => {
        const unsubscribe = deps.unsubscribe;
        if (!unsubscribe) return reply.code(404).send({ error: 'email is not configured' });
        const raw = rawRequest(request, deps.publicBaseUrl);
        const page = unsubscribePage(raw, unsubscribe.secret);
        if (page) return sendRaw(reply, page);
        const event = oneClickUnsubscribe(raw, unsubscribe.secret, Date.now());
        if (!event) return reply.code(400).send({ error: 'not a valid one-click unsubscribe' });
        await deps.messaging.hub.recordInbound({
          brandId: unsubscribe.brandId,
          provider: event.id.provider,
          providerEventId: event.id.value,
          kind: event.kind,
          conversationKey: event.kind === 'consent' ? conversationKey(event.from) : '',
          event: event as unknown as JsonValue,
          rawBody: raw.body,
          receivedAt: Date.now(),
        });
        deps.messaging.processor.wake();
        // RFC 8058 §3.2: a plain 200, never a redirect.
        return reply.code(200).type('text/plain; charset=utf-8').send('Unsubscribed.');
      },
    });

    registerMessagingApiRoutes(scope, { state: deps.state, messaging: deps.messaging });
  });
}

function rawRequest(request: FastifyRequest, publicBaseUrl?: string): RawRequest {
  const origin = publicBaseUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
  return {
    method: request.method,
    url: `${origin}${request.url}`,
    headers: request.headers,
    body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
}

function sendRaw(reply: FastifyReply, response: RawResponse) {
  return reply
    .code(response.status)
    .headers(response.headers ?? { 'content-type': 'text/plain; charset=utf-8' })
    .send(response.body);
}
