/**
 * Per-key fixed windows for the public web chat: anyone can open a session, so sessions per
 * address and messages per session are capped; a caller over the cap is told when to retry.
 * Bounded memory: past `maxKeys`, the oldest keys are forgotten (a flood of new keys costs the
 * attacker their own limits, never our memory).
 */
export interface WindowLimiter {
  /** 0 when allowed (and counted), else the seconds until the window ends. */
  take(key: string, now: number): number;
}

export function createWindowLimiter(options: {
  max: number;
  windowMs: number;
  maxKeys?: number;
}): WindowLimiter {
  const maxKeys = options.maxKeys ?? 50_000;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now) {
      let window = windows.get(key);
      if (!window || now - window.start >= options.windowMs) {
        windows.delete(key);
        if (windows.size >= maxKeys) {
          const oldest = windows.keys().next().value;
          if (oldest !== undefined) windows.delete(oldest);
        }
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= options.max) {
        return Math.max(1, Math.ceil((window.start + options.windowMs - now) / 1000));
      }
      window.count++;
      return 0;
    },
  };
}
