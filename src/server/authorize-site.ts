import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken, Site, SiteRole, StateStore } from '../store/index.ts';
import { type Caller, findCaller, passesCsrfCheck } from './auth/find-caller.ts';

export const mayUseSite = (token: ApiToken, site: Site): boolean =>
  token.siteIds.length === 0 || token.siteIds.includes(site.id);

/** What a request needs on a site: to read it, to change it (settings, goals, links), to own it. */
export type SiteAccess = 'read' | 'write' | 'own';

const ALLOWED: Record<SiteAccess, readonly SiteRole[]> = {
  read: ['owner', 'admin', 'viewer'],
  write: ['owner', 'admin'],
  own: ['owner'],
};

/** The caller's role on a site, or null. A token acts as an admin of the sites it may use. */
export async function roleOnSite(
  caller: Caller,
  site: Site,
  state: StateStore,
): Promise<SiteRole | null> {
  if (caller.kind === 'token') return mayUseSite(caller.token, site) ? 'admin' : null;
  return state.siteRole(site.id, caller.user.id);
}

/**
 * Authenticates the request (401), checks its CSRF token when it rides on a session cookie
 * (403), and resolves `domain` among the caller's sites (404: "no such site" and "not yours"
 * look the same, so nobody learns which other sites exist) with enough rights (403).
 */
export async function authorizeSite(
  request: FastifyRequest,
  reply: FastifyReply,
  state: StateStore,
  domain: string,
  access: SiteAccess = 'read',
): Promise<Site | null> {
  return (await authorizeSiteRole(request, reply, state, domain, access))?.site ?? null;
}

/** `authorizeSite`, also naming the caller's role on the site. */
export async function authorizeSiteRole(
  request: FastifyRequest,
  reply: FastifyReply,
  state: StateStore,
  domain: string,
  access: SiteAccess = 'read',
): Promise<{ site: Site; role: SiteRole } | null> {
  const caller = await authenticate(request, reply, state);
  if (!caller) return null;
  const site = await state.findSiteByDomain(domain);
  const role = site ? await roleOnSite(caller, site, state) : null;
  if (!site || !role) {
    await reply.code(404).send({ error: 'no such site for this account or token' });
    return null;
  }
  if (!ALLOWED[access].includes(role)) {
    await reply.code(403).send({ error: `a ${role} of ${site.domain} cannot do this` });
    return null;
  }
  return { site, role };
}

/** The caller, or null after answering 401 (nobody) or 403 (a cookie without its CSRF token). */
export async function authenticate(
  request: FastifyRequest,
  reply: FastifyReply,
  state: StateStore,
): Promise<Caller | null> {
  const caller = await findCaller(request, state);
  if (!caller) {
    await reply.code(401).send({ error: 'log in, or send an API token as Authorization: Bearer' });
    return null;
  }
  if (!passesCsrfCheck(request, caller)) {
    await reply.code(403).send({ error: 'missing or wrong x-csrf-token header' });
    return null;
  }
  return caller;
}
