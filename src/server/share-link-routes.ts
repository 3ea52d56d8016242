import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { escapeHtml } from '../core/index.ts';
import type { Collector } from '../ingest/index.ts';
import {
  buildRedirectUrl,
  createShareCode,
  fetchOpenGraph,
  mintShareToken,
  type OpenGraphCard,
  renderShareCard,
  SHARE_CODE,
} from '../links/index.ts';
import { type ShareLink, type StateStore, StoreError } from '../store/index.ts';
import { authenticate, roleOnSite } from './authorize-site.ts';
import { parseJsonBody } from './parse-json-body.ts';
import { createShareLinkResolver, type ShareLinkResolver } from './share-link-resolver.ts';

export interface ShareLinkDeps {
  state: StateStore;
  collector: Collector;
  /** Fetches a target's Open Graph card (a seam for tests). */
  fetchCard?: (url: string) => Promise<OpenGraphCard>;
  /** Shared with the fast path in front of Fastify (share-link-fast-path.ts). */
  resolver?: ShareLinkResolver;
}

const linkRequestSchema = z
  .object({
    url: z
      .string()
      .max(2048)
      .regex(/^https?:\/\//i, 'url must be an http(s) URL'),
    channel: z
      .string()
      .regex(/^[a-z]{0,20}$/, 'channel: lower-case letters, e.g. whatsapp')
      .default(''),
    campaign: z.string().max(100).default(''),
    conversation: z.string().max(100).default(''),
    utm: z.boolean().default(false),
  })
  .strict();

const CARD_TTL_MS = 3_600_000;
const NOT_FOUND_PAGE = (code: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Link not found</title></head>
<body><h1>This link does not exist</h1><p>No share link has the code “${escapeHtml(code)}”.</p></body></html>`;

/**
 * Share links: `POST /api/links` makes one (API token, target on one of the token's sites, so
 * never an open redirect); `GET /s/:code` sends people on with a fresh share token, gives
 * link-preview fetchers the target's card (recorded as a preview, never as a click), and lets
 * HEAD requests and bots through without counting them.
 */
export function registerShareLinkRoutes(app: FastifyInstance, deps: ShareLinkDeps): void {
  const { state, collector } = deps;
  const fetchCard = deps.fetchCard ?? ((url: string) => fetchOpenGraph(url));
  const cards = new Map<string, { at: number; card: Promise<OpenGraphCard> }>();
  const cardFor = (target: string) => {
    const cached = cards.get(target);
    if (cached && Date.now() - cached.at < CARD_TTL_MS) return cached.card;
    const card = fetchCard(target);
    if (cards.size > 10_000) cards.clear();
    cards.set(target, { at: Date.now(), card });
    return card;
  };

  const links = deps.resolver ?? createShareLinkResolver(state);

  app.post('/api/links', async (request, reply) => {
    const caller = await authenticate(request, reply, state);
    if (!caller) return reply;
    const parsed = parseJsonBody(request.body, linkRequestSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const input = parsed.value;
    const site = await state.findSiteByDomain(new URL(input.url).hostname);
    const role = site ? await roleOnSite(caller, site, state) : null;
    if (!site || (role !== 'owner' && role !== 'admin')) {
      return reply
        .code(400)
        .send({ error: 'url must be on one of the sites you (or this token) may change' });
    }
    const link = await createLink(state, { ...input, siteId: site.id, target: input.url });
    const base = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
    return reply.code(201).send({ ...publicLink(link), short_url: `${base}/s/${link.code}` });
  });

  app.route<{ Params: { code: string } }>({
    method: ['GET', 'HEAD'],
    url: '/s/:code',
    // Request logging is off, so a child logger per redirect (with its redaction set-up) would
    // be built for nothing: 1–2% of a redirect's CPU. Errors still reach the app's logger.
    childLoggerFactory: (logger) => logger,
    handler: async (request, reply) => {
      const { code } = request.params;
      const cached = SHARE_CODE.test(code) ? links.cachedLink(code) : null;
      const link = cached === undefined ? await links.findLink(code) : cached;
      if (!link) return reply.code(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE(code));
      const hit = serverHit(request, link.target);
      const verdict = links.classify(link.target, hit, request.method);
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      if (verdict.class === 'preview') {
        const site = await state.getSite(link.siteId);
        reply.raw.once('finish', () => {
          if (site)
            void collector
              .collectPreview(site.domain, hit)
              .catch((error: unknown) => app.log.error({ err: error }, 'preview not recorded'));
        });
        return reply
          .type('text/html; charset=utf-8')
          .send(renderShareCard(await cardFor(link.target), link.target));
      }
      if (verdict.class === 'bot') return reply.redirect(link.target, 302);
      const token = mintShareToken();
      reply.redirect(buildRedirectUrl(link, token), 302);
      // Recorded once the redirect is written to the socket: a slow store never delays a person.
      collector.recordClick(link, hit, token, verdict);
      return reply;
    },
  });
}

function serverHit(request: FastifyRequest, target: string) {
  return {
    url: target,
    userAgent: String(request.headers['user-agent'] ?? ''),
    referrer: String(request.headers.referer ?? ''),
    ip: request.ip,
    now: Date.now(),
  };
}

/** Draws codes until one is free (39 bits: a collision is rare, three in a row never happen). */
async function createLink(
  state: StateStore,
  input: Omit<ShareLink, 'code' | 'createdAt'>,
): Promise<ShareLink> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await state.createShareLink({ ...input, code: createShareCode() }, Date.now());
    } catch (error) {
      if (!(error instanceof StoreError && error.code === 'conflict') || attempt >= 4) throw error;
    }
  }
}

function publicLink(link: ShareLink) {
  return {
    code: link.code,
    target: link.target,
    channel: link.channel,
    campaign: link.campaign,
    utm: link.utm,
  };
}
