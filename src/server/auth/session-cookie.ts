import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'pn_session';
export const SESSION_TTL_MS = 14 * 24 * 3_600_000;

/** The cookie carries a random secret; the store keeps its SHA-256 (a 256-bit secret needs no salt). */
export const hashSessionSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

export const newSessionSecret = (): string => randomBytes(32).toString('base64url');
export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

/** The session secret from the Cookie header, or '' (only our cookie's exact name counts). */
export function readSessionSecret(request: FastifyRequest): string {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : '';
    }
  }
  return '';
}

/**
 * HttpOnly (scripts never see it), SameSite=Lax (not sent on cross-site POSTs; the CSRF token
 * covers the rest), Secure when the request came over HTTPS.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  maxAgeMs: number,
): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure}`,
  );
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
}
