import { createHash, createHmac, randomBytes } from 'node:crypto';
import { PREVIEW_WINDOW_SECONDS, VISIT_GAP_SECONDS } from './visit-aggregator.ts';

/** Lines between sweeps of the visit and preview windows that the clock has passed. */
const SWEEP_EVERY = 50_000;

/**
 * Cookieless ids as the collector makes them — HMAC(daily salt, site | IP | user agent), first
 * 16 hex — with salts made for this import, one per UTC day, kept in memory only.
 */
export class ImportVisitors {
  private readonly salts = new Map<number, Buffer>();
  private readonly visits = new Map<string, { last: number; session: string }>();
  private readonly previews = new Map<string, number>();
  private watermark = Number.NEGATIVE_INFINITY;
  private sinceSweep = 0;

  constructor(private readonly siteId: string) {}

  visitorId(ip: string, userAgent: string | null, time: number): string {
    const day = Math.floor(time / 86400);
    let salt = this.salts.get(day);
    if (salt === undefined) {
      salt = randomBytes(32);
      this.salts.set(day, salt);
    }
    return createHmac('sha256', salt)
      .update(`v|${this.siteId}|${ip}|${userAgent ?? ''}`)
      .digest('hex')
      .slice(0, 16);
  }

  /** The report's visit grouping: same visitor (and day), gaps under 30 minutes. */
  session(visitor: string, time: number, entryId: string): string {
    this.tick(time);
    const visit = this.visits.get(visitor);
    if (visit !== undefined && Math.abs(time - visit.last) < VISIT_GAP_SECONDS) {
      if (time > visit.last) visit.last = time;
      return visit.session;
    }
    const session = createHash('sha256').update(`session|${entryId}`).digest('hex').slice(0, 16);
    this.visits.set(visitor, { last: time, session });
    return session;
  }

  /**
   * The report's preview de-duplication: fetches of one page by one fetcher (address, agent,
   * day) within 10 minutes are one preview (WhatsApp asks for a byte range, then again).
   */
  newPreview(visitor: string, path: string, time: number): boolean {
    this.tick(time);
    const key = `${visitor}|${path}`;
    const last = this.previews.get(key);
    if (last !== undefined && Math.abs(time - last) < PREVIEW_WINDOW_SECONDS) return false;
    this.previews.set(key, time);
    return true;
  }

  /** A new file: rotated files continue each other, but the clock may go back. */
  newFile(): void {
    this.watermark = Number.NEGATIVE_INFINITY;
  }

  private tick(time: number): void {
    if (time > this.watermark) this.watermark = time;
    if (++this.sinceSweep < SWEEP_EVERY) return;
    this.sinceSweep = 0;
    const slack = 5 * 60;
    for (const [key, visit] of this.visits) {
      if (visit.last < this.watermark - VISIT_GAP_SECONDS - slack) this.visits.delete(key);
    }
    for (const [key, last] of this.previews) {
      if (last < this.watermark - PREVIEW_WINDOW_SECONDS - slack) this.previews.delete(key);
    }
  }
}
