import { describe, expect, it } from 'vitest';
import { createWindowLimiter } from './webchat-rate-limit.ts';

describe('createWindowLimiter', () => {
  it('allows max per window per key, then says how long to wait', () => {
    const limiter = createWindowLimiter({ max: 2, windowMs: 60_000 });
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 1_000)).toBe(0);
    expect(limiter.take('a', 2_000)).toBe(58);
    expect(limiter.take('b', 2_000)).toBe(0); // keys are apart
    expect(limiter.take('a', 60_000)).toBe(0); // a new window
  });

  it('forgets the oldest keys instead of growing past maxKeys', () => {
    const limiter = createWindowLimiter({ max: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('c', 0); // a is forgotten
    expect(limiter.take('a', 1)).toBe(0);
    expect(limiter.take('c', 1)).toBeGreaterThan(0);
  });
});
