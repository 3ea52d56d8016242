/**
 * A token bucket on an injected clock that books ahead: `schedule` takes a token and says when
 * the send it stands for may go (now, or later once the bucket has refilled), so every send gets
 * its own slot instead of many waiters polling for the same token.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(
        this.capacity,
        this.tokens + ((now - this.last) / 1000) * this.perSecond,
      );
      this.last = now;
    }
  }

  /** Books one send; returns the epoch ms at which it may happen (≥ now). */
  schedule(now: number): number {
    this.refill(now);
    this.tokens -= 1;
    const ready = this.tokens >= 0 ? now : now + (-this.tokens / this.perSecond) * 1000;
    // Whole milliseconds: the slot is stored as an INTEGER when the row is put back.
    return Math.ceil(Math.max(ready, this.pausedUntil));
  }

  /** When a send booked now would go, without booking it. */
  nextFree(now: number): number {
    this.refill(now);
    const ready = this.tokens >= 1 ? now : now + ((1 - this.tokens) / this.perSecond) * 1000;
    return Math.ceil(Math.max(ready, this.pausedUntil));
  }

  /** Gives back a booking that will not be used (the row was put back). */
  cancel(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** The provider said "slow down" (429 retry_after): nothing new goes before `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }
}

/** Buckets by key, created on first use, forgotten when idle and full again. */
export class BucketMap {
  private readonly buckets = new Map<string, { bucket: TokenBucket; used: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {}

  get(key: string, now: number): TokenBucket {
    let entry = this.buckets.get(key);
    if (!entry) {
      if (this.buckets.size > 50_000) this.sweep(now);
      entry = { bucket: new TokenBucket(this.perSecond, this.capacity, now), used: now };
      this.buckets.set(key, entry);
    }
    entry.used = now;
    return entry.bucket;
  }

  entries(): IterableIterator<[string, { bucket: TokenBucket; used: number }]> {
    return this.buckets.entries();
  }

  private sweep(now: number): void {
    // A bucket idle long enough to have refilled is the same as a new one.
    const idle = (this.capacity / this.perSecond) * 1000 + 60_000;
    for (const [key, entry] of this.buckets) {
      if (now - entry.used > idle) this.buckets.delete(key);
    }
  }
}
