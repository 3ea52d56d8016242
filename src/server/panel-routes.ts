import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  computeOverview,
  isPanelName,
  PANELS,
  type PanelContext,
  parsePanelQuery,
  parseStatsQuery,
  runStatsQuery,
  StatsQueryError,
  type TablePanel,
} from '../stats/index.ts';
import type { EventStore, Site, StateStore } from '../store/index.ts';
import { authorizeSite } from './authorize-site.ts';
import { findPublicSite } from './find-public-site.ts';
import { toCsv } from './panel-csv.ts';
import { parseJsonBody } from './parse-json-body.ts';

interface PanelDeps {
  state: StateStore;
  events: EventStore;
}

type PanelRequest = FastifyRequest<{
  Params: { domain?: string; slug?: string; name?: string };
  Querystring: Record<string, string | undefined>;
}>;

/** Resolves the site of a request: by domain for members and tokens, by slug for the public. */
type SiteResolver = (request: PanelRequest, reply: FastifyReply) => Promise<Site | null>;

const TABLE_PANELS = new Set([
  'channels',
  'pages',
  'entry_pages',
  'referrers',
  'utm_campaigns',
  'devices',
  'browsers',
]);

/**
 * The dashboard's reads: `/panels/:name` (one panel, so the page paints as each arrives),
 * `/panels/:name.csv`, `/overview` (every panel) and `POST /stats` (a raw stats query), under
 * `/api/sites/:domain` for members and tokens and `/api/public/:slug` for a site's read-only
 * public link (off unless its owner turns it on).
 */
export function registerPanelRoutes(app: FastifyInstance, { state, events }: PanelDeps): void {
  const bySite: SiteResolver = (request, reply) =>
    authorizeSite(request, reply, state, request.params.domain ?? '');
  const bySlug: SiteResolver = async (request, reply) => {
    const site = await findPublicSite(state, request.params.slug ?? '');
    if (!site) await reply.code(404).send({ error: 'no public dashboard at this address' });
    return site;
  };

  const context = async (
    request: PanelRequest,
    reply: FastifyReply,
    resolve: SiteResolver,
  ): Promise<PanelContext | null> => {
    const site = await resolve(request, reply);
    if (!site) return null;
    const query = parsePanelQuery(request.query);
    if (!query.ok) {
      await reply.code(400).send({ error: query.error });
      return null;
    }
    const goals = (await state.listGoals(site.id)).map(({ id, name, kind, value }) => ({
      id,
      name,
      kind,
      value,
    }));
    return { store: events, siteId: site.id, goals, now: Date.now(), ...query.value };
  };

  for (const [prefix, resolve] of [
    ['/api/sites/:domain', bySite],
    ['/api/public/:slug', bySlug],
  ] as const) {
    app.get(`${prefix}/panels/:name`, async (request: PanelRequest, reply) => {
      const raw = request.params.name ?? '';
      const csv = raw.endsWith('.csv');
      const name = csv ? raw.slice(0, -4) : raw;
      if (!isPanelName(name)) {
        return reply
          .code(404)
          .send({ error: `no panel "${name}"; try ${Object.keys(PANELS).join(', ')}` });
      }
      if (csv && !TABLE_PANELS.has(name)) {
        return reply
          .code(404)
          .send({ error: `the ${name} panel is not a table; ask for its JSON` });
      }
      const ctx = await context(request, reply, resolve);
      if (!ctx) return reply;
      const panel = await PANELS[name](ctx);
      reply.header('cache-control', 'private, no-store');
      if (!csv) return panel;
      const table = panel as TablePanel;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(
          toCsv(
            [table.dimension, 'class', 'visitors', 'visits', 'pageviews', 'shares', 'dark_share'],
            table.rows.map((row) => [
              row.key,
              row.group ?? '',
              row.visitors,
              row.visits,
              row.pageviews,
              row.shares,
              Math.round(row.darkShare * 10_000) / 10_000,
            ]),
          ),
        );
    });

    app.get(`${prefix}/overview`, async (request: PanelRequest, reply) => {
      const ctx = await context(request, reply, resolve);
      if (!ctx) return reply;
      reply.header('cache-control', 'private, no-store');
      return computeOverview(ctx);
    });
  }

  app.post<{ Params: { domain: string } }>('/api/sites/:domain/stats', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain);
    if (!site) return reply;
    const body = parseJsonBody(request.body, z.record(z.string(), z.unknown()));
    if (!body.ok) return reply.code(400).send({ error: body.error });
    try {
      // The site comes from the path, never from the body: a caller cannot widen its scope.
      const query = parseStatsQuery({ ...body.value, siteId: site.id });
      return { rows: await runStatsQuery(events, query) };
    } catch (error) {
      if (error instanceof StatsQueryError) return reply.code(400).send({ error: error.message });
      throw error;
    }
  });
}
