/**
 * Cookieless visitor keys: a 53-bit hash of (salt, day, IP, user agent), as Plausible does with
 * a daily salt. The salt is random per run and never leaves memory, so the keys cannot be
 * reversed or linked across runs; the raw IP is hashed where it is read and never kept.
 */
import { randomBytes } from 'node:crypto';

export type VisitorSalt = readonly [number, number, number, number];

export function createVisitorSalt(): VisitorSalt {
  const bytes = randomBytes(16);
  return [bytes.readInt32LE(0), bytes.readInt32LE(4), bytes.readInt32LE(8), bytes.readInt32LE(12)];
}

function finalMix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two independent 32-bit hashes of a string, computed in one pass. */
export interface PairHash {
  a: number;
  b: number;
}

/** MurmurHash3-style mixing of each UTF-16 code unit into two seeded states. */
export function hashPair(text: string, seedA: number, seedB: number): PairHash {
  let a = seedA | 0;
  let b = seedB | 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    a ^= k;
    a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    b ^= k;
    b = (Math.imul((b << 11) | (b >>> 21), 9) + 0x85ebca6b) | 0;
  }
  return { a: finalMix(a ^ text.length), b: finalMix(b ^ text.length) };
}

export class VisitorHasher {
  private readonly seeds: VisitorSalt;

  constructor(salt: VisitorSalt) {
    this.seeds = salt;
  }

  /** Once per distinct user agent (null: the format logs none). */
  agent(userAgent: string | null): PairHash {
    return hashPair(userAgent ?? '\u0000', this.seeds[0], this.seeds[1]);
  }

  /** The visitor key of one request; equal keys mean same IP, same UA, same UTC day. */
  key(ip: string, agent: PairHash, day: number): number {
    const address = hashPair(ip, this.seeds[2], this.seeds[3]);
    const high = finalMix(address.a ^ Math.imul(agent.a, 0x9e3779b1) ^ Math.imul(day, 0x85ebca6b));
    const low = finalMix(
      address.b ^ Math.imul(agent.b, 0xc2b2ae35) ^ Math.imul(day + 0x3c6ef372, 0x27d4eb2f),
    );
    return high * 0x200000 + (low >>> 11);
  }
}
