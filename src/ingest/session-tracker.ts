import { randomBytes } from 'node:crypto';

/** A visit ends after 30 minutes without an event, as in GA4 and Plausible. */
export const SESSION_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Sessions live in memory, keyed by the daily visitor id: losing them on restart only splits a
 * visit in two, and keeping them out of the store keeps the hot path free of reads.
 */
export function createSessionTracker(maxSessions = 500_000) {
  const sessions = new Map<string, { id: string; lastSeen: number }>();

  function sweep(now: number): void {
    for (const [visitor, session] of sessions) {
      if (now - session.lastSeen > SESSION_TIMEOUT_MS || sessions.size > maxSessions) {
        sessions.delete(visitor);
      } else {
        break; // Map order is insertion order, refreshed on touch: the rest are newer.
      }
    }
  }

  return {
    /** Returns the visitor's session id, starting a new session after the timeout. */
    touch(visitorId: string, now: number): { sessionId: string; isNew: boolean } {
      const current = sessions.get(visitorId);
      sessions.delete(visitorId);
      if (current && now - current.lastSeen <= SESSION_TIMEOUT_MS) {
        current.lastSeen = now;
        sessions.set(visitorId, current);
        return { sessionId: current.id, isNew: false };
      }
      const session = { id: randomBytes(6).toString('hex'), lastSeen: now };
      sessions.set(visitorId, session);
      if (sessions.size % 1024 === 0) sweep(now);
      return { sessionId: session.id, isNew: true };
    },
    get size(): number {
      return sessions.size;
    },
  };
}
