import { createHmac } from 'node:crypto';
import type { StateStore } from '../store/index.ts';

const DAY_MS = 86_400_000;
/** Salts older than this are deleted: yesterday's visitors can no longer be linked to today's. */
export const SALT_RETENTION_MS = 48 * 3600 * 1000;

export const utcDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/**
 * Cookieless visitor ids: HMAC(daily salt, site | IP | user agent), as Plausible does with
 * SipHash. The salt rotates at UTC midnight and is deleted after 48 h, so an id means something
 * for one day only and the raw IP is never stored anywhere.
 */
export function createVisitorHasher(state: StateStore) {
  let cached: { day: string; salt: string } | null = null;
  let lastPrune = 0;

  async function saltFor(now: number): Promise<string> {
    const day = utcDay(now);
    if (cached?.day === day) return cached.salt;
    const { salt } = await state.saltForDay(day, now);
    cached = { day, salt };
    return salt;
  }

  return {
    async visitorId(siteId: string, ip: string, userAgent: string, now: number): Promise<string> {
      const salt = await saltFor(now);
      return createHmac('sha256', salt)
        .update(`${siteId}|${ip}|${userAgent}`)
        .digest('hex')
        .slice(0, 16);
    },
    /** Deletes expired salts at most once an hour. */
    async pruneSalts(now: number): Promise<number> {
      if (now - lastPrune < DAY_MS / 24) return 0;
      lastPrune = now;
      return state.deleteSaltsBefore(now - SALT_RETENTION_MS);
    },
  };
}

export type VisitorHasher = ReturnType<typeof createVisitorHasher>;
