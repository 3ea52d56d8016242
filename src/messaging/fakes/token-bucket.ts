/**
 * Token buckets driven by an injectable clock: the fakes judge every request with these, so a
 * test can advance time by hand and the verdict ("was this request over the limit?") is exact
 * and deterministic.
 */

/** Milliseconds since an arbitrary epoch. Fakes default to a sub-millisecond wall clock. */
export type Clock = () => number;

/** Sub-millisecond wall clock: Date.now() rounds to whole ms, which is coarse for 1 msg/s buckets. */
export const wallClock: Clock = () => performance.timeOrigin + performance.now();

/** A rate limit as data, so the benchmark computes the allowed rate without repeating numbers. */
export interface RateLimit {
  /** Sustained rate: tokens refilled per second. */
  perSecond: number;
  /** Bucket capacity: how many can be sent at once after an idle period. */
  burst: number;
  /** What the bucket is keyed on (e.g. "phone_number_id", "chat_id"). */
  scope: string;
  /** The provider error code answered when the limit is exceeded. */
  errorCode: number | string;
  /** Where the number comes from (research section and tag). */
  source: string;
}

/**
 * Time slack of one microsecond: epoch milliseconds near 1.7e12 are only exact to ~0.25 µs in a
 * double, so a client pacing at exactly the allowed rate must not be judged over it by rounding.
 */
const SLACK_MS = 0.001;

export interface TakeResult {
  ok: boolean;
  /** How long until the requested tokens would have been available (0 when ok). */
  retryAfterMs: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: Clock,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  private refill(): void {
    const at = this.now();
    if (at > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) * this.perSecond) / 1000);
    }
    this.last = Math.max(this.last, at);
  }

  /** Would `n` tokens be available now? Never consumes. */
  check(n = 1): TakeResult {
    this.refill();
    if (this.tokens + (SLACK_MS * this.perSecond) / 1000 >= n) return { ok: true, retryAfterMs: 0 };
    return { ok: false, retryAfterMs: ((n - this.tokens) * 1000) / this.perSecond };
  }

  /** Consumes `n` tokens when available; a refused take consumes nothing. */
  take(n = 1): TakeResult {
    const result = this.check(n);
    if (result.ok) this.tokens -= n;
    return result;
  }

  /**
   * Consumes `n` tokens even when they are not there, leaving a debt: models a provider that
   * queues instead of refusing (Twilio). The debt divided by the rate is the queue length.
   */
  takeWithDebt(n = 1): TakeResult & { queuedMs: number } {
    const result = this.check(n);
    this.tokens -= n;
    return { ...result, queuedMs: Math.max(0, (-this.tokens * 1000) / this.perSecond) };
  }

  /** Current tokens (negative while in debt); for tests and diagnostics. */
  available(): number {
    this.refill();
    return this.tokens;
  }
}

/** Buckets created on first use per key (per chat, per recipient pair, per sender number). */
export class BucketMap {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: Pick<RateLimit, 'perSecond' | 'burst'>,
    private readonly now: Clock,
  ) {}

  get(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limit.perSecond, this.limit.burst, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

export interface NamedBucket {
  name: string;
  bucket: TokenBucket;
  cost?: number;
}

/**
 * All-or-nothing: a request passes only if every bucket has room, and only then does it consume
 * from all of them. A refusal by one limit must not eat tokens of another, or a single client
 * mistake would cascade into violations the client's own limiter could not predict.
 */
export function takeAll(
  buckets: NamedBucket[],
): { ok: true } | { ok: false; name: string; retryAfterMs: number } {
  for (const { name, bucket, cost = 1 } of buckets) {
    const result = bucket.check(cost);
    if (!result.ok) return { ok: false, name, retryAfterMs: result.retryAfterMs };
  }
  for (const { bucket, cost = 1 } of buckets) bucket.take(cost);
  return { ok: true };
}
