import { describe, expect, it } from 'vitest';
import { FakeLedger } from './fake-ledger.ts';
import { startAllFakes } from './start-all-fakes.ts';
import { TokenBucket, takeAll } from './token-bucket.ts';
import { signMetaPayload, verifyMetaSignature } from './webhook-signing.ts';

describe('TokenBucket', () => {
  it('allows the burst, then exactly the rate, judged on the injected clock', () => {
    let t = 1_700_000_000_000;
    const bucket = new TokenBucket(80, 80, () => t);
    for (let i = 0; i < 80; i++) expect(bucket.take().ok).toBe(true);
    expect(bucket.take().ok).toBe(false);
    // Evenly paced at 80/s for 10 s: never refused, despite 12.5 ms not adding up in binary.
    for (let i = 0; i < 800; i++) {
      t += 1000 / 80;
      expect(bucket.take().ok).toBe(true);
    }
    t += 1000 / 80 / 2;
    const refused = bucket.take();
    expect(refused.ok).toBe(false);
    expect(refused.retryAfterMs).toBeCloseTo(6.25, 3);
  });

  it('takeAll consumes from no bucket when one refuses', () => {
    const t = 0;
    const a = new TokenBucket(1, 1, () => t);
    const b = new TokenBucket(1, 1, () => t);
    b.take();
    const verdict = takeAll([
      { name: 'a', bucket: a },
      { name: 'b', bucket: b },
    ]);
    expect(verdict).toMatchObject({ ok: false, name: 'b' });
    expect(a.available()).toBe(1);
  });

  it('takeWithDebt reports the queue it builds', () => {
    const bucket = new TokenBucket(2, 1, () => 0);
    expect(bucket.takeWithDebt().ok).toBe(true);
    const second = bucket.takeWithDebt(2);
    expect(second.ok).toBe(false);
    expect(second.queuedMs).toBe(1000);
  });
});

describe('FakeLedger', () => {
  it('counts correlation duplicates for ever and content duplicates within the window', () => {
    let t = 0;
    const ledger = new FakeLedger(() => t, 1_000);
    expect(ledger.accept('c1', 'x')).toBe(false);
    expect(ledger.accept('c2', 'x')).toBe(false);
    t = 10_000;
    expect(ledger.accept('c1', 'y')).toBe(true);
    expect(ledger.accept(undefined, 'chat|hi')).toBe(false);
    t += 999;
    expect(ledger.accept(undefined, 'chat|hi')).toBe(true);
    t += 1_001;
    expect(ledger.accept(undefined, 'chat|hi')).toBe(false);
    ledger.violation('perChat', 429);
    ledger.reject(403);
    expect(ledger.stats()).toMatchObject({
      accepted: 6,
      rejected: 2,
      violations: 1,
      duplicates: 2,
      rejectedByCode: { '429': 1, '403': 1 },
      violationsByLimit: { perChat: 1 },
    });
  });
});

describe('Meta signature', () => {
  it('matches the documented GitHub test vector', () => {
    expect(signMetaPayload('Hello, World!', "It's a Secret to Everybody")).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
    expect(
      verifyMetaSignature('Hello, World!', 'sha256=757107ea', "It's a Secret to Everybody"),
    ).toBe(false);
    expect(verifyMetaSignature('Hello, World!', undefined, 'x')).toBe(false);
  });
});

describe('startAllFakes', () => {
  it('starts every fake on its own loopback port and stops them all', async () => {
    const fakes = await startAllFakes({ whatsapp: { enforceWindow: false } });
    try {
      const urls = Object.values(fakes.urls);
      expect(new Set(urls).size).toBe(5);
      for (const url of urls) expect(url).toMatch(/^(http|smtp):\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(
        `${fakes.urls.whatsapp}/v21.0/${fakes.whatsapp.phoneNumberId}/messages`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${fakes.whatsapp.accessToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            to: '1555',
            type: 'text',
            text: { body: 'hi' },
          }),
        },
      );
      expect(response.status).toBe(200);
      expect(fakes.stats().whatsapp.accepted).toBe(1);
      expect(fakes.stats().telegram.accepted).toBe(0);
      expect(fakes.whatsapp.limits.throughput.perSecond).toBe(80);
      expect(fakes.telegram.limits.global.perSecond).toBe(30);
    } finally {
      await fakes.stop();
    }
  });
});
