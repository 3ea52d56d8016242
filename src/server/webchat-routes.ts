import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ChannelAdapter,
  type MessagingHub,
  type RawRequest,
  type WebchatRoutesKit,
  webchatPollQuerySchema,
} from '../messaging/index.ts';
import { createWindowLimiter } from './webchat-rate-limit.ts';

export interface WebchatRouteDeps {
  messaging: MessagingHub;
  adapter: ChannelAdapter;
  kit: WebchatRoutesKit;
  brandId: string;
  /** dist/webchat.js, or null when not built. */
  script: string | null;
  /** New sessions per client address and messages per session (defaults: 20/min, 30/min). */
  limits?: { sessionsPerMinute?: number; messagesPerMinute?: number };
}

// The widget runs on the brand's own pages (another origin) and authenticates with a bearer
// token, never a cookie, so any origin may call these routes.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
};

const TRY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Penumbra web chat</title></head>
<body><h1>Talk to the recipe assistant</h1>
<p>Open the chat button and write what is in your fridge, in French, English or Spanish:
"j'ai 3 oeufs et des tomates", "tengo pollo y arroz", "eggs, spinach and feta".
Conversations appear in the dashboard's inbox; recipe links are tracked share links.</p>
<script src="/webchat.js" data-endpoint="" data-title="Recipes" async></script>
</body></html>
`;

const raw = (request: FastifyRequest): RawRequest => ({
  method: request.method,
  url: `${request.protocol}://${request.headers.host ?? 'localhost'}${request.url}`,
  headers: request.headers,
  body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
});

/**
 * The web chat: `GET /webchat.js` (the widget), `POST /webchat/sessions` (an anonymous session
 * and its token), `POST /webchat/messages` (a message into the hub, like any provider webhook),
 * `GET /webchat/messages?after&wait` (long poll for the replies).
 */
export function registerWebchatRoutes(app: FastifyInstance, deps: WebchatRouteDeps): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    const send = (reply: FastifyReply, status: number, body: unknown) =>
      reply.code(status).headers(CORS).send(body);
    const sessions = createWindowLimiter({
      max: deps.limits?.sessionsPerMinute ?? 20,
      windowMs: 60_000,
    });
    const messages = createWindowLimiter({
      max: deps.limits?.messagesPerMinute ?? 30,
      windowMs: 60_000,
    });
    const tooMany = (reply: FastifyReply, wait: number) =>
      reply
        .code(429)
        .headers({ ...CORS, 'retry-after': String(wait) })
        .send({ error: `too many requests: retry in ${wait} s` });

    scope.get('/webchat.js', (_request, reply) =>
      deps.script === null
        ? send(reply, 404, { error: 'web chat not built: run `npm run build`' })
        : reply
            .headers({ ...CORS, 'cache-control': 'public, max-age=300' })
            .type('application/javascript; charset=utf-8')
            .send(deps.script),
    );
    // A page to try the assistant without a provider account: the widget on a blank page.
    scope.get('/webchat/try', (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .headers({
          'content-security-policy':
            "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data: https:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
          'cache-control': 'no-store',
        })
        .send(TRY_PAGE),
    );
    scope.options('/webchat/*', (_request, reply) => reply.code(204).headers(CORS).send());

    scope.post('/webchat/sessions', (request, reply) => {
      const wait = sessions.take(request.ip, Date.now());
      return wait ? tooMany(reply, wait) : send(reply, 201, deps.kit.issueSession());
    });

    scope.post('/webchat/messages', async (request, reply) => {
      // Unauthenticated callers are refused by the hub below; only genuine sessions count here.
      const session = deps.kit.sessionOf(raw(request));
      const wait = session ? messages.take(session, Date.now()) : 0;
      if (wait) return tooMany(reply, wait);
      const outcome = await deps.messaging.receive(deps.adapter, raw(request), deps.brandId);
      const ok = outcome.response.status < 300;
      return send(
        reply,
        outcome.response.status === 403 ? 401 : outcome.response.status,
        ok ? { accepted: outcome.stored + outcome.duplicates } : { error: outcome.response.body },
      );
    });

    scope.get('/webchat/messages', async (request, reply) => {
      const session = deps.kit.sessionOf(raw(request));
      if (!session) return send(reply, 401, { error: 'start a session: POST /webchat/sessions' });
      const query = webchatPollQuerySchema.safeParse(request.query);
      if (!query.success) return send(reply, 400, { error: 'after and wait must be integers' });
      const answer = await deps.kit.mailbox.poll(session, query.data.after, query.data.wait * 1000);
      return send(reply, 200, answer);
    });
  });
}
