import { createHash } from 'node:crypto';
import type { InboundEvent, RawRequest, RawResponse } from '../types.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';

/** The token is the last path segment of the one-click URI: `https://…/u/<token>`. */
export function unsubscribeTokenOf(request: RawRequest): string {
  const path = new URL(request.url, 'http://localhost').pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/** RFC 8058: the receiver POSTs exactly `List-Unsubscribe=One-Click`, form-encoded. */
export function isOneClickPost(request: RawRequest): boolean {
  if (request.method.toUpperCase() !== 'POST') return false;
  return new URLSearchParams(request.body.toString('utf8')).get('List-Unsubscribe') === 'One-Click';
}

/**
 * A valid one-click POST → the consent opt-out it means; undefined when the token or the body is
 * not genuine. The route must answer 200 (never a redirect: RFC 8058 §3.2) and needs no cookie.
 */
export function oneClickUnsubscribe(
  request: RawRequest,
  secret: string,
  now: number,
): InboundEvent | undefined {
  if (!isOneClickPost(request)) return undefined;
  const token = unsubscribeTokenOf(request);
  const claims = verifyUnsubscribeToken(secret, token);
  if (!claims) return undefined;
  return {
    kind: 'consent',
    // Same token posted twice = same event: the inbound dedupe keeps one.
    id: {
      provider: 'smtp',
      value: `unsubscribe:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`,
    },
    at: now,
    from: {
      channel: 'email',
      provider: 'smtp',
      endpointId: claims.endpointId,
      userId: claims.userId,
      email: claims.userId,
    },
    action: 'opt_out',
    scope: claims.scope,
    via: 'unsubscribe_post',
  };
}

/**
 * GET on the one-click URI (a person clicking the link, or a scanner prefetching it) must not
 * unsubscribe: it shows a page whose button makes the POST. No user data on the page.
 */
export function unsubscribePage(request: RawRequest, secret: string): RawResponse | undefined {
  if (request.method.toUpperCase() !== 'GET') return undefined;
  if (!verifyUnsubscribeToken(secret, unsubscribeTokenOf(request))) {
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Unknown unsubscribe link.',
    };
  }
  const body = [
    '<!doctype html><meta charset="utf-8"><title>Unsubscribe</title>',
    '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">',
    '<p>Stop receiving these emails?</p><button type="submit">Unsubscribe</button></form>',
  ].join('');
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}
