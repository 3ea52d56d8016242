/**
 * The referee's score sheet, shared by every fake: what was accepted, refused and why, how many
 * refusals were limit violations, and how many accepted messages look like duplicates.
 */
import type { Clock } from './token-bucket.ts';

export interface FakeStats {
  accepted: number;
  rejected: number;
  /** Requests refused because the client exceeded a documented limit. */
  violations: number;
  /** Accepted messages that repeat a correlation id, or the same body to the same recipient. */
  duplicates: number;
  rejectedByCode: Record<string, number>;
  violationsByLimit: Record<string, number>;
  /** The first duplicate keys seen (capped), to tell which sends were repeated. */
  duplicateKeys: string[];
}

const MAX_DUPLICATE_KEYS = 100;

export class FakeLedger {
  private accepted = 0;
  private rejected = 0;
  private violations = 0;
  private duplicates = 0;
  private readonly rejectedByCode: Record<string, number> = {};
  private readonly violationsByLimit: Record<string, number> = {};
  private readonly duplicateKeys: string[] = [];
  /** Correlation ids are unique for ever: a second use is a duplicate whatever the delay. */
  private readonly correlations = new Set<string>();
  /** Fallback content keys only count within a window: the same text may legitimately recur. */
  private readonly contentSeenAt = new Map<string, number>();

  constructor(
    private readonly now: Clock,
    private readonly duplicateWindowMs: number,
  ) {}

  /** Records an accepted message; returns true when it looks like a duplicate. */
  /**
   * `alwaysCheckContent` also compares content when a correlation id is present: email clients
   * mint a fresh Message-ID per attempt, so a retried send only shows up by its content.
   */
  accept(correlation: string | undefined, contentKey: string, alwaysCheckContent = false): boolean {
    this.accepted++;
    let duplicate = false;
    if (correlation !== undefined && correlation !== '') {
      duplicate = this.correlations.has(correlation);
      this.correlations.add(correlation);
      if (duplicate) {
        this.noteDuplicate(`correlation:${correlation}`);
        return true;
      }
      if (!alwaysCheckContent) return false;
    }
    const at = this.now();
    const seen = this.contentSeenAt.get(contentKey);
    duplicate = seen !== undefined && at - seen <= this.duplicateWindowMs;
    this.contentSeenAt.set(contentKey, at);
    if (duplicate) this.noteDuplicate(`content:${contentKey}`);
    return duplicate;
  }

  reject(code: number | string): void {
    this.rejected++;
    const key = String(code);
    this.rejectedByCode[key] = (this.rejectedByCode[key] ?? 0) + 1;
  }

  /** A refusal caused by exceeding a limit: counted both as rejected and as a violation. */
  violation(limit: string, code: number | string): void {
    this.reject(code);
    this.violations++;
    this.violationsByLimit[limit] = (this.violationsByLimit[limit] ?? 0) + 1;
  }

  /** A violation the provider absorbs without refusing (Twilio queues instead of refusing). */
  violationAccepted(limit: string): void {
    this.violations++;
    this.violationsByLimit[limit] = (this.violationsByLimit[limit] ?? 0) + 1;
  }

  private noteDuplicate(key: string): void {
    this.duplicates++;
    if (this.duplicateKeys.length < MAX_DUPLICATE_KEYS) this.duplicateKeys.push(key);
  }

  stats(): FakeStats {
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      violations: this.violations,
      duplicates: this.duplicates,
      rejectedByCode: { ...this.rejectedByCode },
      violationsByLimit: { ...this.violationsByLimit },
      duplicateKeys: [...this.duplicateKeys],
    };
  }
}
