import { createHmac } from 'node:crypto';
import { nestedMap } from '../core/index.ts';
import type { StateStore } from '../store/index.ts';

const DAY_MS = 86_400_000;
const MAX_REMEMBERED_IDS = 100_000;
const ID_MEMO_MS = 60_000;
/** Salts older than this are deleted: yesterday's visitors can no longer be linked to today's. */
export const SALT_RETENTION_MS = 48 * 3600 * 1000;

export const utcDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/**
 * Cookieless visitor ids: HMAC(daily salt, site | IP | user agent), as Plausible does with
 * SipHash. The salt rotates at UTC midnight and is deleted after 48 h, so an id means something
 * for one day only and the raw IP is never stored anywhere.
 */
export function createVisitorHasher(state: StateStore) {
  let cached: { day: string; salt: string; from: number; to: number } | null = null;
  let lastPrune = 0;
  // A visitor sends several events a minute: remember their id briefly. The keys hold the raw
  // IP, so the memo lives one minute at most and never leaves memory.
  // Nested by site, IP and browser (see nestedMap), not keyed by their concatenation.
  let ids = new Map<string, Map<string, Map<string, string>>>();
  let remembered = 0;
  let idsSince = 0;

  async function saltFor(now: number): Promise<string> {
    if (cached && now >= cached.from && now < cached.to) return cached.salt;
    const day = utcDay(now);
    const { salt } = await state.saltForDay(day, now);
    const from = Date.parse(`${day}T00:00:00Z`);
    cached = { day, salt, from, to: from + DAY_MS };
    forget(now);
    return salt;
  }

  function forget(now: number): void {
    ids = new Map();
    remembered = 0;
    idsSince = now;
  }

  const hmac = (salt: string, key: string) =>
    createHmac('sha256', salt).update(key).digest('hex').slice(0, 16);

  /** The visitor's id under `salt`, memoised for a minute (see `ids`). */
  function memoisedId(salt: string, siteId: string, ip: string, userAgent: string, now: number) {
    if (now - idsSince > ID_MEMO_MS || now < idsSince || remembered >= MAX_REMEMBERED_IDS)
      forget(now);
    const byAgent = nestedMap(nestedMap(ids, siteId), ip);
    let id = byAgent.get(userAgent);
    if (id === undefined) {
      id = hmac(salt, `v|${siteId}|${ip}|${userAgent}`);
      byAgent.set(userAgent, id);
      remembered++;
    }
    return id;
  }

  return {
    visitorId: async (siteId: string, ip: string, userAgent: string, now: number) =>
      memoisedId(await saltFor(now), siteId, ip, userAgent, now),
    /**
     * The visitor id without waiting, when the day's salt is already loaded (nearly always);
     * undefined when it has to be read first (then use `visitorId`).
     */
    visitorIdIfReady(
      siteId: string,
      ip: string,
      userAgent: string,
      now: number,
    ): string | undefined {
      if (!cached || now < cached.from || now >= cached.to) return undefined;
      return memoisedId(cached.salt, siteId, ip, userAgent, now);
    },
    /**
     * HMAC(daily salt, site | IP): the device, whatever app it uses. Never stored: it only
     * matches a preview fetched by a phone's messaging app to that phone's recent page view.
     */
    deviceId: async (siteId: string, ip: string, now: number): Promise<string> =>
      hmac(await saltFor(now), `d|${siteId}|${ip}`),
    /** Deletes expired salts at most once an hour. */
    async pruneSalts(now: number): Promise<number> {
      if (now - lastPrune < DAY_MS / 24) return 0;
      lastPrune = now;
      return state.deleteSaltsBefore(now - SALT_RETENTION_MS);
    },
  };
}

export type VisitorHasher = ReturnType<typeof createVisitorHasher>;
