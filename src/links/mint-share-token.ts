import { randomFillSync } from 'node:crypto';

// One getrandom call per 512 tokens: a call per token (randomBytes(8)) was 8% of a redirect's
// CPU under load (profile in docs/benchmarks.md). Each pool byte is handed out once.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/** A 10-character share token, the format the tracker mints (60 random bits, base64url). */
export function mintShareToken(): string {
  if (used + 8 > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  used += 8;
  return pool.toString('base64url', used - 8, used).slice(0, 10);
}
