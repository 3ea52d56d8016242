export interface RetryConfig {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryConfig = { baseMs: 1000, capMs: 15 * 60_000, maxAttempts: 8 };

/**
 * Full-jitter exponential backoff (uniform in [0, min(cap, base·2^attempt)]), which spreads a
 * burst of failures instead of retrying them in lockstep; a provider's own hint (retry_after)
 * is a floor, never shortened.
 */
export function backoffDelay(
  attempt: number,
  config: RetryConfig,
  random: () => number,
  hintMs?: number,
): number {
  const ceiling = Math.min(config.capMs, config.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.ceil(Math.max(jittered, hintMs ?? 0));
}
