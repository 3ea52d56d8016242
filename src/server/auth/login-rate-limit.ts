/**
 * Failed-login throttle: at most `maxFailures` failures per key (client address, and separately
 * the email tried) in a sliding `windowMs`. Keeping both keys stops one address guessing many
 * accounts and many addresses guessing one. In memory: a restart forgets, which costs an attacker
 * a restart they cannot trigger.
 */
export interface LoginRateLimit {
  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  retryAfter(keys: string[], now: number): number;
  recordFailure(keys: string[], now: number): void;
  /** A success clears the email's failures (not the address's). */
  clear(key: string): void;
}

export function createLoginRateLimit(
  options: { maxFailures?: number; windowMs?: number; maxKeys?: number } = {},
): LoginRateLimit {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxKeys = options.maxKeys ?? 50_000;
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const times = (failures.get(key) ?? []).filter((time) => time > now - windowMs);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  };

  return {
    retryAfter(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key, now);
        if (times.length >= maxFailures) {
          const oldest = times[times.length - maxFailures]!;
          wait = Math.max(wait, Math.ceil((oldest + windowMs - now) / 1000));
        }
      }
      return wait;
    },
    recordFailure(keys, now) {
      // Bounded: under a flood of distinct keys, forget the oldest rather than grow.
      while (failures.size >= maxKeys) {
        const first = failures.keys().next().value;
        if (first === undefined) break;
        failures.delete(first);
      }
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
    },
    clear(key) {
      failures.delete(key);
    },
  };
}
