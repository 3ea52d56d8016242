import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiToken, StateStore, User, UserSession } from '../../store/index.ts';
import { hashApiToken } from '../api-tokens.ts';
import { hashSessionSecret, readSessionSecret } from './session-cookie.ts';

/** Who is asking: a program with an API token, or a person with a session cookie. */
export type Caller =
  | { kind: 'token'; token: ApiToken }
  | { kind: 'user'; user: User; session: UserSession };

/**
 * The caller of a request, or null. A Bearer token wins over a cookie: a program is explicit
 * about who it is, and a stray browser cookie must not widen what it may do.
 */
export async function findCaller(
  request: FastifyRequest,
  state: StateStore,
  now = Date.now(),
): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const secret = header.slice(7).trim();
    const token = secret ? await state.findApiTokenByHash(hashApiToken(secret)) : null;
    return token && token.revokedAt === null ? { kind: 'token', token } : null;
  }
  const secret = readSessionSecret(request);
  if (!secret) return null;
  const session = await state.findSession(hashSessionSecret(secret), now);
  const user = session ? await state.getUser(session.userId) : null;
  return session && user ? { kind: 'user', user, session } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookies ride along on cross-site requests; a custom header with the session's token cannot
 * be set by another origin. Token callers send no cookie, so they need none.
 */
export function passesCsrfCheck(request: FastifyRequest, caller: Caller): boolean {
  if (caller.kind === 'token' || SAFE_METHODS.has(request.method)) return true;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(caller.session.csrfToken);
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
