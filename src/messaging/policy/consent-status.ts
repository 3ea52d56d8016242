import type { ConsentRecord } from '../../store/index.ts';

export interface ConsentView {
  /** Effective status per purpose: null when the person never said anything about it. */
  status(purpose: string): 'granted' | 'revoked' | null;
  /** When the person last said STOP to everything (null if they did not, or took it back). */
  allRevokedAt: number | null;
  /** They blocked the business (Telegram, provider signal): nothing can reach them now. */
  blocked: boolean;
}

/**
 * The current consent, derived from the append-only ledger (oldest first). A STOP to `all`
 * blocks every purpose; START lifts that block but grants nothing new (it restores what was
 * there before); a later explicit grant of a purpose (a new opt-in) counts again.
 */
export function consentView(history: readonly ConsentRecord[]): ConsentView {
  const explicit = new Map<string, { status: 'granted' | 'revoked'; at: number }>();
  let allRevokedAt: number | null = null;
  let blocked = false;
  for (const line of history) {
    if (line.purpose === 'all') {
      allRevokedAt = line.status === 'revoked' ? line.at : null;
      blocked = line.status === 'revoked' && line.source === 'blocked';
      continue;
    }
    explicit.set(line.purpose, { status: line.status, at: line.at });
  }
  return {
    allRevokedAt,
    blocked,
    status(purpose) {
      const own = explicit.get(purpose);
      if (allRevokedAt !== null && (!own || own.at <= allRevokedAt)) return 'revoked';
      return own?.status ?? null;
    },
  };
}
