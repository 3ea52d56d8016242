import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time comparison of a received secret or signature with the expected one. The length
 * check comes first because `timingSafeEqual` throws on unequal lengths; leaking the length of a
 * fixed-size digest reveals nothing an attacker does not already know.
 */
export function safeEqual(received: string | Buffer, expected: string | Buffer): boolean {
  const a = typeof received === 'string' ? Buffer.from(received, 'utf8') : received;
  const b = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
  if (a.length !== b.length || b.length === 0) return false;
  return timingSafeEqual(a, b);
}
