import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { normalizeDomain, type StateStore, StoreError } from '../store/index.ts';
import { listSiteSummaries, toSiteSummary } from './auth/site-summaries.ts';
import { authenticate, authorizeSite, authorizeSiteRole } from './authorize-site.ts';
import { parseJsonBody } from './parse-json-body.ts';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^localhost$/;
const path = z.string().min(1).max(500);

const createSiteSchema = z.object({ domain: z.string().min(1).max(253) }).strict();
const updateSiteSchema = z
  .object({
    extraDomains: z.array(z.string().min(1).max(253)).max(100),
    deepLinkDepth: z.number().int().min(0).max(100),
    sectionPaths: z.array(path).max(1000),
    excludedPaths: z.array(path).max(1000),
    respectDoNotTrack: z.boolean(),
    publicLink: z.boolean(),
  })
  .partial()
  .strict();
const goalSchema = z
  .object({
    name: z.string().trim().min(1, 'a goal needs a name').max(120),
    kind: z.enum(['page', 'event'], { error: 'kind is page or event' }),
    value: z.string().trim().min(1, 'a goal needs a path or an event name').max(500),
  })
  .strict();
const memberSchema = z
  .object({ email: z.string().min(3).max(320), role: z.enum(['owner', 'admin', 'viewer']) })
  .strict();

type DomainParams = { Params: { domain: string } };

/**
 * Sites, their settings, goals and members, for people (session + CSRF) and tokens:
 * reading needs any role, changing settings/goals needs admin, deleting and members need owner.
 */
export function registerSiteRoutes(app: FastifyInstance, { state }: { state: StateStore }): void {
  app.get('/api/sites', async (request, reply) => {
    const caller = await authenticate(request, reply, state);
    if (!caller) return reply;
    if (caller.kind === 'user') return listSiteSummaries(state, caller.user.id);
    const sites = await state.listSites();
    return sites
      .filter((site) => caller.token.siteIds.length === 0 || caller.token.siteIds.includes(site.id))
      .map((site) => toSiteSummary(site, 'admin'));
  });

  app.post('/api/sites', async (request, reply) => {
    const caller = await authenticate(request, reply, state);
    if (!caller) return reply;
    if (caller.kind !== 'user') return reply.code(403).send({ error: 'sites are added by people' });
    const parsed = parseJsonBody(request.body, createSiteSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const domain = normalizeDomain(parsed.value.domain);
    if (!DOMAIN.test(domain)) {
      return reply.code(400).send({ error: `"${domain}" is not a domain name like example.com` });
    }
    try {
      const site = await state.createSite(domain);
      await state.setSiteRole(site.id, caller.user.id, 'owner');
      return reply.code(201).send(toSiteSummary(site, 'owner'));
    } catch (error) {
      if (error instanceof StoreError && error.code === 'conflict') {
        return reply.code(409).send({ error: `${domain} is already a site here` });
      }
      throw error;
    }
  });

  app.patch<DomainParams>('/api/sites/:domain', async (request, reply) => {
    const access = await authorizeSiteRole(request, reply, state, request.params.domain, 'write');
    if (!access) return reply;
    const { site, role } = access;
    const parsed = parseJsonBody(request.body, updateSiteSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const { publicLink, ...settings } = parsed.value;
    const publicSlug =
      publicLink === undefined
        ? undefined
        : publicLink
          ? (site.settings.publicSlug ?? randomBytes(12).toString('base64url'))
          : null;
    try {
      const updated = await state.updateSiteSettings(site.id, { ...settings, publicSlug });
      return toSiteSummary(updated, role);
    } catch (error) {
      if (error instanceof StoreError && (error.code === 'invalid' || error.code === 'conflict')) {
        return reply.code(400).send({ error: error.message });
      }
      throw error;
    }
  });

  app.delete<DomainParams>('/api/sites/:domain', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain, 'own');
    if (!site) return reply;
    await state.deleteSite(site.id);
    return reply.code(204).send();
  });

  app.get<DomainParams>('/api/sites/:domain/goals', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain);
    if (!site) return reply;
    return (await state.listGoals(site.id)).map(({ id, name, kind, value }) => ({
      id,
      name,
      kind,
      value,
    }));
  });

  app.post<DomainParams>('/api/sites/:domain/goals', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain, 'write');
    if (!site) return reply;
    const parsed = parseJsonBody(request.body, goalSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const goal = await state.createGoal({ siteId: site.id, ...parsed.value });
    return reply
      .code(201)
      .send({ id: goal.id, name: goal.name, kind: goal.kind, value: goal.value });
  });

  app.delete<{ Params: { domain: string; id: string } }>(
    '/api/sites/:domain/goals/:id',
    async (request, reply) => {
      const site = await authorizeSite(request, reply, state, request.params.domain, 'write');
      if (!site) return reply;
      const deleted = await state.deleteGoal(site.id, request.params.id);
      return deleted ? reply.code(204).send() : reply.code(404).send({ error: 'no such goal' });
    },
  );

  app.get<DomainParams>('/api/sites/:domain/members', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain, 'own');
    if (!site) return reply;
    const members = await state.listSiteMembers(site.id);
    return members.map(({ user, role }) => ({ email: user.email, role }));
  });

  app.post<DomainParams>('/api/sites/:domain/members', async (request, reply) => {
    const site = await authorizeSite(request, reply, state, request.params.domain, 'own');
    if (!site) return reply;
    const parsed = parseJsonBody(request.body, memberSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const user = await state.findUserByEmail(parsed.value.email);
    if (!user) {
      return reply
        .code(400)
        .send({ error: 'no user has this email: create it with `penumbra users add` first' });
    }
    await state.setSiteRole(site.id, user.id, parsed.value.role);
    return reply.code(201).send({ email: user.email, role: parsed.value.role });
  });
}
