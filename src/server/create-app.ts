import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { Collector } from '../ingest/index.ts';
import { type OpenGraphCard, shareIntentUrl } from '../links/index.ts';
import type { EventStore, Site, StateStore } from '../store/index.ts';
import { registerAuthRoutes } from './auth/auth-routes.ts';
import type { LoginRateLimit } from './auth/login-rate-limit.ts';
import { authorizeSite } from './authorize-site.ts';
import { registerCascadeRoutes } from './cascade-routes.ts';
import { createCollectorFastPath } from './collector-fast-path.ts';
import { COLLECTOR_CORS, collectorResponse, requestMeta } from './collector-response.ts';
import type { ServerConfig } from './config.ts';
import { type DashboardAssets, registerDashboardRoutes } from './dashboard-routes.ts';
import { serverWithFastPaths } from './fast-path-server.ts';
import { registerMessagingRoutes } from './messaging-routes.ts';
import type { MessagingSetup } from './messaging-setup.ts';
import { openApiDocument } from './openapi.ts';
import { registerPanelRoutes } from './panel-routes.ts';
import { renderHomePage } from './render-home-page.ts';
import { createShareLinkFastPath } from './share-link-fast-path.ts';
import { createShareLinkResolver } from './share-link-resolver.ts';
import { registerShareLinkRoutes } from './share-link-routes.ts';
import { registerSiteRoutes } from './site-routes.ts';
import type { TrackerAssets } from './tracker-assets.ts';
import { registerWebchatRoutes } from './webchat-routes.ts';

export interface AppDeps {
  config: ServerConfig;
  logger: Logger;
  collector: Collector;
  events: EventStore;
  state: StateStore;
  tracker: TrackerAssets;
  /** The built dashboard; tests that do not load it leave it out. */
  dashboard?: DashboardAssets;
  /** The messaging hub (web chat, provider webhooks, inbox API) when it is set up. */
  messaging?: MessagingSetup;
  /** dist/webchat.js, served at /webchat.js with the hub. */
  webchatScript?: string | null;
  /** Failed-login throttle; tests inject a small one. */
  loginRateLimit?: LoginRateLimit;
  version: string;
  /** Demo mode shows the demo site's numbers on the home page without a token. */
  demoSite?: Site;
  /** Fetches a share-link target's Open Graph card; the default fetches it over HTTP. */
  fetchCard?: (url: string) => Promise<OpenGraphCard>;
}

/** Builds the HTTP app; pure wiring, so tests drive it with `app.inject` and real stores. */
export function createApp(deps: AppDeps): FastifyInstance {
  const { config, collector, events, state } = deps;
  const shareLinks = createShareLinkResolver(state);
  // Behind a proxy the client address comes from headers Fastify interprets: no fast paths then.
  const fastPaths = config.trustProxy
    ? []
    : [
        createCollectorFastPath(collector, {
          maxBodyBytes: config.maxBodyBytes,
          onError: (error) => deps.logger.error({ err: error }, 'request failed'),
        }),
        createShareLinkFastPath(shareLinks, collector),
      ];
  const app = Fastify({
    ...(fastPaths.length ? { serverFactory: serverWithFastPaths(...fastPaths) } : {}),
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Per-request logs at collector rates are noise, and would carry client addresses.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.maxBodyBytes,
    trustProxy: config.trustProxy,
  });

  // The tracker posts text/plain (a CORS "simple request", no preflight); take any type raw.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) deps.logger.error({ err: error }, 'request failed');
    const message =
      status === 413 ? `body larger than ${config.maxBodyBytes} bytes` : error.message;
    return reply
      .code(status)
      .headers(COLLECTOR_CORS)
      .send({ error: status >= 500 ? 'internal error' : message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.options('/api/event', (_request, reply) =>
    reply
      .code(204)
      .headers({ ...COLLECTOR_CORS, 'access-control-allow-headers': 'content-type' })
      .send(),
  );

  // Request logging is off: a child logger per event (with its redaction set-up) is waste.
  app.post('/api/event', { childLoggerFactory: (logger) => logger }, async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const result = await collector.collect(body, requestMeta(request.ip, request.headers));
    const response = collectorResponse(result);
    reply.code(response.status).headers(response.headers);
    return response.body ? reply.send(response.body) : reply.send();
  });

  app.get<{ Params: { channel: string }; Querystring: Record<string, string | undefined> }>(
    '/share/:channel',
    async (request, reply) => {
      const { u, t = '' } = request.query;
      const f = request.query.f || undefined; // the tracker sends `f=` when the site set no app id
      if (typeof u !== 'string' || !/^https?:\/\//i.test(u) || u.length > 4096) {
        return reply.code(400).send({ error: 'u must be the http(s) URL to share' });
      }
      if (f !== undefined && !/^\d{1,20}$/.test(f)) {
        return reply.code(400).send({ error: 'f must be a numeric Facebook app id' });
      }
      const userAgent = String(request.headers['user-agent'] ?? '');
      const back = u.split('#')[0]!;
      const intent = shareIntentUrl(
        request.params.channel,
        u,
        String(t).slice(0, 300),
        userAgent,
        f,
        back,
      );
      if (!intent)
        return reply.code(404).send({ error: `no share intent for "${request.params.channel}"` });
      if (intent.includes('app_id=undefined')) {
        return reply.code(400).send({
          error: 'Messenger on desktop needs the site’s Facebook app id (data-fb-app-id)',
        });
      }
      return reply
        .code(302)
        .headers({
          location: intent,
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .send();
    },
  );

  registerShareLinkRoutes(app, {
    state,
    collector,
    fetchCard: deps.fetchCard,
    resolver: shareLinks,
  });

  app.get('/health', async () => ({
    status: 'ok',
    version: deps.version,
    ingest: collector.stats(),
  }));
  app.get('/api/openapi.json', async () => openApiDocument(deps.version));

  const serveAsset =
    (asset: keyof TrackerAssets, type: string) => (_r: FastifyRequest, reply: FastifyReply) => {
      const body = deps.tracker[asset];
      if (body === null)
        return reply.code(404).send({ error: 'tracker not built: run `npm run build`' });
      return reply.type(type).header('cache-control', 'public, max-age=3600').send(body);
    };
  app.get('/p.js', serveAsset('script', 'application/javascript; charset=utf-8'));
  app.get('/tracker.mjs', serveAsset('module', 'application/javascript; charset=utf-8'));

  app.get<{ Params: { domain: string } }>('/api/sites/:domain/summary', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain);
    if (!site) return reply;
    return { site: site.domain, rows: await events.summarize(site.id) };
  });

  registerCascadeRoutes(app, { state, events, collector });
  registerAuthRoutes(app, { state, rateLimit: deps.loginRateLimit });
  registerSiteRoutes(app, { state });
  registerPanelRoutes(app, { state, events });
  if (deps.messaging) {
    registerMessagingRoutes(app, { state, ...deps.messaging.routes });
    const webchat = deps.messaging.channels.get('webchat');
    const kit = deps.messaging.channels.webchat;
    if (webchat && kit) {
      registerWebchatRoutes(app, {
        messaging: deps.messaging.messaging,
        adapter: webchat,
        kit,
        brandId: deps.messaging.brandId,
        script: deps.webchatScript ?? null,
      });
    }
  }
  registerDashboardRoutes(app, {
    state,
    assets: deps.dashboard ?? { script: null, style: null },
    version: deps.version,
  });

  app.get('/', async (_request, reply) => {
    const rows = deps.demoSite ? await events.summarize(deps.demoSite.id) : null;
    return reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      )
      .send(renderHomePage({ version: deps.version, demoSite: deps.demoSite ?? null, rows }));
  });

  return app;
}
