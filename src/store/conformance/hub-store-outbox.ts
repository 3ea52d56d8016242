import { describe, expect, it } from 'vitest';
import type { HubStore } from '../hub-store.ts';
import { BRAND, claim, outboxInput } from './hub-store-fixtures.ts';

/** The outbox part of the hub conformance suite: idempotency, claims, FIFO, state changes. */
export function describeHubOutbox(
  open: () => Promise<HubStore>,
  openTwice?: () => Promise<[HubStore, HubStore]>,
): void {
  describe('outbox', () => {
    it('queues once per idempotency key and brand', async () => {
      const store = await open();
      const first = await store.enqueueOutbox(outboxInput('k1'), 10);
      const again = await store.enqueueOutbox(
        outboxInput('k1', { message: { text: 'other' } }),
        20,
      );
      expect(first.created).toBe(true);
      expect(again).toEqual({ record: first.record, created: false });
      expect(first.record).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: 0 });
      const otherBrand = await store.enqueueOutbox(outboxInput('k1', { brandId: 'brand-2' }), 30);
      expect(otherBrand.created).toBe(true);
      expect(await store.findOutboxByKey(BRAND, 'k1')).toEqual(first.record);
      expect(await store.findOutboxByKey(BRAND, 'k2')).toBeNull();
    });

    it("lists one conversation's newest rows, oldest first", async () => {
      const store = await open();
      for (const key of ['a1', 'a2', 'a3']) await store.enqueueOutbox(outboxInput(key), 1);
      await store.enqueueOutbox(outboxInput('b1', { conversationKey: 'whatsapp:pn-1:u2' }), 2);
      const ids = async (filter: { newest?: boolean; limit?: number }) =>
        (
          await store.listOutbox(BRAND, {
            states: ['queued'],
            conversationKey: 'whatsapp:pn-1:u1',
            ...filter,
          })
        ).map((row) => row.idempotencyKey);
      expect(await ids({})).toEqual(['a1', 'a2', 'a3']);
      expect(await ids({ newest: true, limit: 2 })).toEqual(['a2', 'a3']);
      expect(await ids({ limit: 2 })).toEqual(['a1', 'a2']);
    });

    it('claims only the head of each conversation, and nothing while one is in flight', async () => {
      const store = await open();
      const a1 = (await store.enqueueOutbox(outboxInput('a1'), 1)).record;
      await store.enqueueOutbox(outboxInput('a2'), 2);
      const b1 = (await store.enqueueOutbox(outboxInput('b1', { conversationKey: 'k2' }), 3))
        .record;
      // Scheduled for later: does not hold its conversation's line.
      await store.enqueueOutbox(outboxInput('c0', { conversationKey: 'k3', notBefore: 9000 }), 4);
      const c1 = (await store.enqueueOutbox(outboxInput('c1', { conversationKey: 'k3' }), 5))
        .record;
      const claimed = await store.claimOutbox(claim('w1'));
      expect(claimed.map((r) => r.idempotencyKey).sort()).toEqual(['a1', 'b1', 'c1']);
      expect(await store.claimOutbox(claim('w2'))).toEqual([]);
      expect(await store.markSending(a1.id, 'w2', 1000, null)).toBe(false);
      expect(await store.markSending(a1.id, 'w1', 1000, [{ path: '/x' }])).toBe(true);
      await store.markSending(b1.id, 'w1', 1000, null);
      await store.markSent(b1.id, 'wamid.b1', 1001);
      await store.finishOutbox(c1.id, 'dead', { kind: 'permanent' }, 1001);
      // a2 waits for a1 (sending); the rest is done; c0 is not due.
      expect(await store.claimOutbox(claim('w2', 2000))).toEqual([]);
      await store.markSent(a1.id, 'wamid.a1', 2001, {
        brandId: BRAND,
        conversationKey: a1.conversationKey,
        direction: 'out',
        author: 'assistant',
        parts: [{ type: 'text', text: 'a1' }],
        at: 2001,
        providerMessageId: 'wamid.a1',
        outboxId: a1.id,
      });
      expect((await store.listMessages(BRAND, a1.conversationKey)).map((m) => m.outboxId)).toEqual([
        a1.id,
      ]);
      const next = await store.claimOutbox(claim('w2', 2002));
      expect(next.map((r) => r.idempotencyKey)).toEqual(['a2']);
      expect((await store.getOutbox(a1.id))?.payload).toEqual([{ path: '/x' }]);
      expect((await store.findOutboxByProviderMessageId('meta', 'wamid.b1'))?.id).toBe(b1.id);
      expect((await store.claimOutbox(claim('w3', 9000))).map((r) => r.idempotencyKey)).toEqual([
        'c0',
      ]);
    });

    it('lets a lost claim be taken again after its lease, and keeps order on retry', async () => {
      const store = await open();
      const a1 = (await store.enqueueOutbox(outboxInput('a1'), 1)).record;
      await store.enqueueOutbox(outboxInput('a2'), 2);
      await store.claimOutbox(claim('dead-worker', 1000));
      const retaken = await store.claimOutbox(claim('w2', 1000 + 30_001));
      expect(retaken.map((r) => r.id)).toEqual([a1.id]);
      await store.reschedule(
        a1.id,
        { nextAttemptAt: 50_000, countAttempt: true, lastError: { kind: 'retry' } },
        31_002,
      );
      // a1 backs off; a2 must not overtake it.
      expect(await store.claimOutbox(claim('w2', 40_000))).toEqual([]);
      const [again] = await store.claimOutbox(claim('w2', 50_000));
      expect(again).toMatchObject({ id: a1.id, attempts: 1, lastError: { kind: 'retry' } });
      await store.reschedule(a1.id, { nextAttemptAt: 50_000, countAttempt: false }, 50_001);
      expect((await store.getOutbox(a1.id))?.attempts).toBe(1);
    });

    it('changes delivery states by compare-and-set only', async () => {
      const store = await open();
      const { record } = await store.enqueueOutbox(outboxInput('t1'), 1);
      expect(await store.transitionOutbox(record.id, 'sending', 'delivered', 5)).toBe(false);
      expect(await store.transitionOutbox(record.id, 'queued', 'delivered', 5, 'pm-1')).toBe(true);
      // A late "sent" from the send call must not move a delivered row back.
      await store.markSent(record.id, 'pm-2', 6);
      expect(await store.getOutbox(record.id)).toMatchObject({
        state: 'delivered',
        providerMessageId: 'pm-1',
        sentAt: 5,
      });
    });

    it('cancels queued rows of a contact by purpose, marks stuck sends unknown, requeues', async () => {
      const store = await open();
      const m1 = (await store.enqueueOutbox(outboxInput('m1', { purpose: 'marketing' }), 1)).record;
      const s1 = (await store.enqueueOutbox(outboxInput('s1', { conversationKey: 'k9' }), 2))
        .record;
      expect(await store.cancelQueued(BRAND, 'c1', ['marketing'], { kind: 'opted_out' }, 3)).toBe(
        1,
      );
      expect(await store.getOutbox(m1.id)).toMatchObject({
        state: 'cancelled',
        lastError: { kind: 'opted_out' },
      });
      await store.claimOutbox(claim('w1', 10));
      await store.markSending(s1.id, 'w1', 10, null);
      expect(await store.markStuckUnknown(5, 20)).toBe(0);
      expect(await store.markStuckUnknown(11, 20)).toBe(1);
      expect(await store.listOutbox(BRAND, { states: ['unknown'], updatedBefore: 20 })).toEqual([]);
      expect(await store.listOutbox('brand-2', { states: ['unknown'] })).toEqual([]);
      expect((await store.listOutbox(BRAND, { states: ['unknown'] })).map((r) => r.id)).toEqual([
        s1.id,
      ]);
      expect(await store.requeueOutbox(m1.id, 30)).toBe(false);
      expect(await store.requeueOutbox(s1.id, 30)).toBe(true);
      expect(await store.getOutbox(s1.id)).toMatchObject({ state: 'queued', attempts: 0 });
    });

    it('counts a contact’s messages for caps and pauses halted senders', async () => {
      const store = await open();
      const m = (purpose: string, notBefore: number, key: string) =>
        store.enqueueOutbox(outboxInput(key, { purpose, notBefore, conversationKey: key }), 1);
      const { record } = await m('marketing', 100, 'x1');
      await m('marketing', 5000, 'x2');
      await m('service', 5000, 'x3');
      expect(await store.countOutboxSince(BRAND, 'c1', 'marketing', 50)).toBe(2);
      expect(await store.countOutboxSince(BRAND, 'c1', 'marketing', 1000)).toBe(1);
      expect(await store.countOutboxSince(BRAND, 'c1', 'marketing', 50, record.id)).toBe(1);
      await store.haltSender({ provider: 'meta', endpointId: 'pn-1', until: 8000, reason: '368' });
      expect(await store.activeHalts(7000)).toEqual([
        { provider: 'meta', endpointId: 'pn-1', until: 8000, reason: '368' },
      ]);
      expect(await store.claimOutbox(claim('w1', 6000))).toEqual([]);
      const busy = {
        ...claim('w1', 8000),
        skipSenders: [{ provider: 'meta', endpointId: 'pn-1' }],
      };
      expect(await store.claimOutbox(busy)).toEqual([]);
      expect(await store.claimOutbox(claim('w1', 8000))).toHaveLength(3);
    });

    if (openTwice) {
      it('never gives one row to two workers on two connections', async () => {
        const [a, b] = await openTwice();
        try {
          for (let i = 0; i < 200; i++) {
            await a.enqueueOutbox(outboxInput(`r${i}`, { conversationKey: `k${i}` }), 1);
          }
          const rounds = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              (i % 2 ? a : b).claimOutbox(claim(`w${i}`, 1000, 40)),
            ),
          );
          const ids = rounds.flat().map((r) => r.id);
          expect(ids).toHaveLength(200);
          expect(new Set(ids).size).toBe(200);
        } finally {
          await Promise.allSettled([a.close(), b.close()]);
        }
      });
    }
  });
}
