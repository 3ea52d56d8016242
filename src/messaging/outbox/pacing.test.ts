import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../store/index.ts';
import { backoffDelay, DEFAULT_RETRY } from './backoff.ts';
import { nextDeliveryState } from './delivery-state.ts';
import { Pacer } from './pacer.ts';
import { RATE_LIMITS } from './rate-limits.ts';
import { TokenBucket } from './token-bucket.ts';

const row = (channel: string, userId: string, endpointId = 'ep'): OutboxRecord =>
  ({
    channel,
    provider: 'p',
    endpointId,
    conversationKey: `${channel}:${endpointId}:${userId}`,
    message: { to: { userId } },
  }) as unknown as OutboxRecord;

describe('token bucket', () => {
  it('books consecutive slots at the sustained rate once the burst is used', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect([0, 0, 0, 0].map(() => bucket.schedule(0))).toEqual([0, 0, 100, 200]);
    bucket.cancel();
    expect(bucket.nextFree(0)).toBe(200);
    expect(bucket.schedule(1000)).toBe(1000);
    bucket.pause(5000);
    expect(bucket.schedule(1000)).toBe(5000);
  });
});

describe('pacer', () => {
  it('paces Telegram chats at about 1/s and groups at 20/min, under the provider numbers', () => {
    const pacer = new Pacer();
    const chat = row('telegram', '42');
    const group = row('telegram', '-100123');
    expect(pacer.schedulePerson(chat, 0)).toBe(0);
    const second = pacer.schedulePerson(chat, 0);
    expect(second).toBeGreaterThan(1000); // 1/s less headroom
    expect(second).toBeLessThan(1100);
    pacer.schedulePerson(group, 0);
    expect(pacer.schedulePerson(group, 0)).toBeGreaterThan(3000);
  });

  it('never books a sender faster than its limit and reports it busy beyond the horizon', () => {
    const pacer = new Pacer();
    const slots = Array.from({ length: 400 }, (_, i) =>
      pacer.scheduleSender(row('whatsapp', `u${i}`), 0),
    );
    const limit = RATE_LIMITS.whatsapp!.endpoint;
    // In any window of 1 s, at most burst/2 + rate·0.97 slots.
    for (let t = 0; t < 4000; t += 250) {
      const inWindow = slots.filter((s) => s >= t && s < t + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(
        Math.floor(limit.burst / 2) + Math.ceil(limit.perSecond * 0.97),
      );
    }
    expect(pacer.busySenders(0, 1000)).toEqual([{ provider: 'p', endpointId: 'ep' }]);
    expect(pacer.busySenders(10_000, 1000)).toEqual([]);
  });

  it('every limit names its source', () => {
    for (const limits of Object.values(RATE_LIMITS)) {
      for (const limit of [limits.endpoint, limits.recipient, limits.group]) {
        if (limit) expect(limit.source.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('backoff', () => {
  it('is full-jitter exponential, capped, and never shorter than the provider hint', () => {
    expect(backoffDelay(0, DEFAULT_RETRY, () => 0.999)).toBe(999);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.5)).toBe(4000);
    expect(backoffDelay(40, DEFAULT_RETRY, () => 0.999)).toBeLessThanOrEqual(DEFAULT_RETRY.capMs);
    expect(backoffDelay(0, DEFAULT_RETRY, () => 0, 35_000)).toBe(35_000);
  });
});

describe('delivery state', () => {
  it('only moves forward; failed is terminal and not believed after delivery', () => {
    expect(nextDeliveryState('sending', 'sent')).toBe('sent');
    expect(nextDeliveryState('unknown', 'delivered')).toBe('delivered');
    expect(nextDeliveryState('queued', 'read')).toBe('read');
    expect(nextDeliveryState('read', 'delivered')).toBeNull();
    expect(nextDeliveryState('delivered', 'delivered')).toBeNull();
    expect(nextDeliveryState('sent', 'failed')).toBe('failed');
    expect(nextDeliveryState('delivered', 'failed')).toBeNull();
    expect(nextDeliveryState('failed', 'read')).toBeNull();
    expect(nextDeliveryState('dead', 'sent')).toBe('sent');
  });
});
