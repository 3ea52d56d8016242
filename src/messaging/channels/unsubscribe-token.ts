import { createHmac } from 'node:crypto';
import { PURPOSES, type Purpose } from '../types.ts';
import { safeEqual } from './safe-equal.ts';

export interface UnsubscribeClaims {
  /** The address the mail went to (the email channel's user id). */
  userId: string;
  /** The sending mailbox (the email channel's endpoint id). */
  endpointId: string;
  scope: 'all' | Purpose;
  /** Epoch ms, for audit; tokens do not expire (RFC 8058 links must keep working). */
  issuedAt: number;
}

const MAX_TOKEN_LENGTH = 2048;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`penumbra-unsubscribe:${payload}`).digest('base64url');
}

/**
 * The "hard-to-forge component" RFC 8058 asks of the one-click URI: base64url(JSON claims) + "." +
 * HMAC-SHA256. The claims are readable (the mailbox provider already knows the address); only the
 * signature is secret-dependent.
 */
export function createUnsubscribeToken(secret: string, claims: UnsubscribeClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ u: claims.userId, e: claims.endpointId, s: claims.scope, t: claims.issuedAt }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claims of a genuine token; undefined for anything tampered, truncated or malformed. */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): UnsubscribeClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  if (!safeEqual(signature, mac(secret, payload))) return undefined;
  try {
    const raw: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { u, e, s, t } = raw as Record<string, unknown>;
    const scopeOk = s === 'all' || PURPOSES.includes(s as Purpose);
    if (typeof u !== 'string' || typeof e !== 'string' || !scopeOk || typeof t !== 'number')
      return undefined;
    return { userId: u, endpointId: e, scope: s as UnsubscribeClaims['scope'], issuedAt: t };
  } catch {
    return undefined;
  }
}
