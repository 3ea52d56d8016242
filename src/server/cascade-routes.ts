import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Collector } from '../ingest/index.ts';
import { buildCascadeTree, computeCascadeFigures, measureCascade } from '../links/index.ts';
import type { EventStore, StateStore } from '../store/index.ts';
import { authorizeSite } from './authorize-site.ts';
import { findPublicSite } from './find-public-site.ts';
import { parseJsonBody } from './parse-json-body.ts';

interface CascadeDeps {
  state: StateStore;
  events: EventStore;
  collector: Collector;
}

/** Events read for the figures; the stats compiler of the dashboard will do this in SQL. */
const FIGURES_EVENT_LIMIT = 200_000;

const previewReportSchema = z
  .object({
    url: z
      .string()
      .max(4096)
      .regex(/^https?:\/\//i, 'url must be an http(s) URL'),
    user_agent: z.string().min(1).max(1024),
    ip: z.string().max(64).default(''),
    time: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Cascades and server-side previews:
 * - `GET /api/sites/:domain/cascades?path=` — shares, previews, clicks, arrivals, k-factor, depth;
 * - `GET /api/sites/:domain/cascades/:token` — the cascade holding a token, as a tree;
 * - `POST /api/sites/:domain/previews` — a preview fetch seen by another stack's server.
 */
export function registerCascadeRoutes(
  app: FastifyInstance,
  { state, events, collector }: CascadeDeps,
): void {
  app.get<{ Params: { domain: string }; Querystring: { path?: string } }>(
    '/api/sites/:domain/cascades',
    async (request, reply) => {
      const site = await authorizeSite(request, reply, state, request.params.domain);
      if (!site) return reply;
      const all = await events.list(site.id, { limit: FIGURES_EVENT_LIMIT });
      return {
        site: site.domain,
        path: request.query.path ?? null,
        ...computeCascadeFigures(all, request.query.path),
      };
    },
  );

  app.get<{ Params: { domain: string; token: string } }>(
    '/api/sites/:domain/cascades/:token',
    async (request, reply) => {
      const site = await authorizeSite(request, reply, state, request.params.domain);
      if (!site) return reply;
      const tree = buildCascadeTree(await events.edges(site.id), request.params.token);
      if (!tree) return reply.code(404).send({ error: 'no cascade holds this token' });
      return { site: site.domain, ...measureCascade(tree), root: tree };
    },
  );

  // The same tree for a site's read-only public dashboard.
  app.get<{ Params: { slug: string; token: string } }>(
    '/api/public/:slug/cascades/:token',
    async (request, reply) => {
      const site = await findPublicSite(state, request.params.slug);
      if (!site) return reply.code(404).send({ error: 'no public dashboard at this address' });
      const tree = buildCascadeTree(await events.edges(site.id), request.params.token);
      if (!tree) return reply.code(404).send({ error: 'no cascade holds this token' });
      return { site: site.domain, ...measureCascade(tree), root: tree };
    },
  );

  // The site is named in the path, or (POST /api/previews) by the reported URL's host.
  const reportPreview = async (request: FastifyRequest, reply: FastifyReply, domain?: string) => {
    const parsed = parseJsonBody(request.body, previewReportSchema);
    const siteDomain = domain ?? (parsed.ok ? new URL(parsed.value.url).hostname : '');
    const site = await authorizeSite(request, reply, state, siteDomain);
    if (!site) return reply;
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const { url, user_agent, ip, time } = parsed.value;
    const recorded = await collector.collectPreview(site.domain, {
      url,
      userAgent: user_agent,
      ip,
      now: time ? Date.parse(time) : Date.now(),
    });
    // A fetch that is not a preview (a person, a crawler) is answered, not stored.
    return reply.code(202).send({ recorded });
  };
  app.post<{ Params: { domain: string } }>('/api/sites/:domain/previews', (request, reply) =>
    reportPreview(request, reply, request.params.domain),
  );
  app.post('/api/previews', (request, reply) => reportPreview(request, reply));
}
