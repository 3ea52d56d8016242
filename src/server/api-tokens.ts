import { createHash, randomBytes } from 'node:crypto';

/** API tokens are shown once and stored only as a SHA-256 hash (they are 32 random bytes). */
export function createApiTokenSecret(): { token: string; prefix: string; hash: string } {
  const token = `pnb_${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, 10), hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
