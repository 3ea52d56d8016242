import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken, Site, StateStore } from '../store/index.ts';
import { hashApiToken } from './api-tokens.ts';

/** The caller's API token from `Authorization: Bearer …`, or null (absent, unknown, revoked). */
export async function findCallerToken(
  request: FastifyRequest,
  state: StateStore,
): Promise<ApiToken | null> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const record = token ? await state.findApiTokenByHash(hashApiToken(token)) : null;
  return record && record.revokedAt === null ? record : null;
}

export const mayUseSite = (token: ApiToken, site: Site): boolean =>
  token.siteIds.length === 0 || token.siteIds.includes(site.id);

/**
 * Resolves `domain` for the caller, or answers 401/404 and returns null. "No such site" and
 * "not yours" get the same 404, so a token never learns which other sites exist.
 */
export async function authorizeSite(
  request: FastifyRequest,
  reply: FastifyReply,
  state: StateStore,
  domain: string,
): Promise<Site | null> {
  const token = await findCallerToken(request, state);
  if (!token) {
    await reply.code(401).send({ error: 'missing or unknown API token' });
    return null;
  }
  const site = await state.findSiteByDomain(domain);
  if (!site || !mayUseSite(token, site)) {
    await reply.code(404).send({ error: 'no such site for this token' });
    return null;
  }
  return site;
}
