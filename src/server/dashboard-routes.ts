import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { renderDashboardShell } from '../dashboard/render-dashboard-shell.ts';
import type { StateStore } from '../store/index.ts';
import { findPublicSite } from './find-public-site.ts';

/** The built dashboard, read once at start-up (null when `npm run build` has not run). */
export interface DashboardAssets {
  script: string | null;
  style: string | null;
}

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

export const loadDashboardAssets = (distDir: string): DashboardAssets => ({
  script: readOrNull(join(distDir, 'dashboard.js')),
  style: readOrNull(join(distDir, 'dashboard.css')),
});

/**
 * Everything on the page comes from our origin, nothing inline, no framing: an injected string
 * that slipped past escaping still could not run.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** `/app` (the dashboard), its two assets, and `/public/:slug` (a site's read-only dashboard). */
export function registerDashboardRoutes(
  app: FastifyInstance,
  deps: { state: StateStore; assets: DashboardAssets; version: string },
): void {
  const page = (reply: FastifyReply, html: string) =>
    reply
      .type('text/html; charset=utf-8')
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' })
      .send(html);

  app.get('/app', (_request, reply) =>
    page(
      reply,
      renderDashboardShell({
        mode: 'app',
        apiBase: '/api',
        title: 'Penumbra',
        version: deps.version,
      }),
    ),
  );
  app.get('/app/', (_request, reply) => reply.redirect('/app', 301));

  const asset = (body: string | null, type: string) => (_request: unknown, reply: FastifyReply) =>
    body === null
      ? reply.code(404).send({ error: 'dashboard not built: run `npm run build`' })
      : reply
          .type(type)
          .headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' })
          .send(body);
  app.get('/app/dashboard.js', asset(deps.assets.script, 'application/javascript; charset=utf-8'));
  app.get('/app/dashboard.css', asset(deps.assets.style, 'text/css; charset=utf-8'));

  app.get<{ Params: { slug: string } }>('/public/:slug', async (request, reply) => {
    const site = await findPublicSite(deps.state, request.params.slug);
    if (!site) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return page(
      reply,
      renderDashboardShell({
        mode: 'public',
        apiBase: `/api/public/${encodeURIComponent(request.params.slug)}`,
        title: site.domain,
        version: deps.version,
      }),
    );
  });
}
