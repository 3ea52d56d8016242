import type { RawRequest, RawResponse } from '../types.ts';
import { safeEqual } from './safe-equal.ts';

/**
 * Meta's subscription handshake: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`.
 * Answers the challenge when the token matches (200), 403 otherwise; undefined when the request
 * is not a handshake. It carries no signature header (there is no body), so it must not go
 * through `verify` — the elizaOS bug in research §1.1.1.
 */
export function metaHandshake(request: RawRequest, verifyToken: string): RawResponse | undefined {
  if (request.method.toUpperCase() !== 'GET') return undefined;
  const query = new URL(request.url, 'http://localhost').searchParams;
  const mode = query.get('hub.mode');
  if (mode === null) return undefined;
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge') ?? '';
  if (mode !== 'subscribe' || !safeEqual(token, verifyToken)) {
    return { status: 403, body: 'verify token mismatch' };
  }
  // Meta's challenge is a number; anything else is not reflected back.
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(challenge)) return { status: 400, body: 'bad hub.challenge' };
  // Echoing untrusted input: plain text only, so a crafted challenge cannot become markup.
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: challenge };
}
