import { describe, expect, it } from 'vitest';
import type { MessagingHub } from '../create-messaging-hub.ts';
import { addressOf } from '../inbox/inbox-service.ts';
import { address, BRAND, keyOf, manualClock, openTestHub } from '../testing/hub-fixture.ts';
import { createRecordingAdapter } from '../testing/recording-adapter.ts';
import type { Address, OutboundMessage } from '../types.ts';
import { enqueueMessage } from './enqueue-message.ts';

/** A contact who wrote to us just now (service replies allowed) and granted marketing. */
async function contactFor(hub: MessagingHub, to: Address, now: number, marketing = true) {
  const contact = await hub.hub.upsertContact(
    {
      brandId: BRAND,
      channel: to.channel,
      provider: to.provider,
      endpointId: to.endpointId,
      userId: to.userId,
      phone: null,
      username: null,
      email: null,
      displayName: null,
      language: null,
      timeZone: 'UTC',
    },
    now,
  );
  await hub.hub.ensureConversation(
    { brandId: BRAND, key: keyOf(to), contactId: contact.id, channel: to.channel },
    now,
  );
  await hub.hub.touchInbound(BRAND, keyOf(to), now);
  if (marketing) {
    await hub.consent.grant({
      brandId: BRAND,
      contact,
      purpose: 'marketing',
      source: 'web_form',
      wording: 'Send me offers',
      wordingVersion: 'v1',
      evidence: {},
      at: now - 1000,
    });
  }
  return contact;
}

function message(key: string, to: Address, extra: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    idempotencyKey: key,
    to,
    purpose: 'service',
    conversationKey: keyOf(to),
    parts: [{ type: 'text', text: key }],
    ...extra,
  };
}

async function queue(hub: MessagingHub, msg: OutboundMessage) {
  const contact = await hub.hub.findContact(
    BRAND,
    msg.to.channel,
    msg.to.endpointId,
    msg.to.userId,
  );
  const result = await enqueueMessage(hub.enqueueDeps, {
    brandId: BRAND,
    contact: contact!,
    message: msg,
    author: 'assistant',
  });
  if (result.outcome !== 'queued') throw new Error(`refused: ${result.reason}`);
  return result.record;
}

describe('outbox worker', () => {
  it('queues once per idempotency key and sends once', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1');
    await contactFor(hub, to, clock.now());
    const first = await queue(hub, message('k1', to));
    const second = await queue(
      hub,
      message('k1', to, { parts: [{ type: 'text', text: 'other' }] }),
    );
    expect(second.id).toBe(first.id);
    await hub.worker.runOnce();
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.parts)).toEqual([[{ type: 'text', text: 'k1' }]]);
    const row = await hub.hub.getOutbox(first.id);
    expect(row).toMatchObject({ state: 'sent', providerMessageId: 'pm-1' });
    // The correlation we attach is the row id: status callbacks find the row by it.
    expect(adapter.sent[0]?.message.correlation).toBe(first.id);
    const thread = await hub.inbox.thread(BRAND, keyOf(to));
    expect(thread.map((m) => [m.direction, m.author, m.outboxId])).toEqual([
      ['out', 'assistant', first.id],
    ]);
  });

  it('keeps one message in flight per conversation, FIFO, and runs conversations in parallel', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    adapter.latencyMs = 20;
    const hub = await openTestHub([adapter], { now: clock.now });
    const people = ['a', 'b', 'c', 'd'].map((id) => address(id));
    for (const to of people) await contactFor(hub, to, clock.now());
    for (let i = 0; i < 3; i++) {
      for (const to of people) await queue(hub, message(`${to.userId}-${i}`, to));
    }
    for (let round = 0; round < 3; round++) await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(12);
    expect(adapter.maxInFlight).toBe(4);
    for (const to of people) {
      const order = adapter.sent.filter((s) => s.message.to.userId === to.userId);
      expect(order.map((s) => s.message.idempotencyKey)).toEqual(
        [0, 1, 2].map((i) => `${to.userId}-${i}`),
      );
    }
  });

  it('retries with backoff no shorter than retry_after, keeping the conversation’s order', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1');
    await contactFor(hub, to, clock.now());
    const first = await queue(hub, message('m1', to));
    await queue(hub, message('m2', to));
    adapter.script({
      ok: false,
      error: { kind: 'retry', afterMs: 35_000, code: '429' },
      detail: 'slow down',
    });
    await hub.worker.runOnce();
    const row = await hub.hub.getOutbox(first.id);
    expect(row).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: { kind: 'retry', code: '429' },
    });
    expect(row!.nextAttemptAt - clock.now()).toBeGreaterThanOrEqual(35_000);
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(0); // m2 does not overtake m1
    clock.advance(35_000 + 1000);
    await hub.worker.runOnce();
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.idempotencyKey)).toEqual(['m1', 'm2']);
  });

  it('dead-letters permanent errors and exhausted retries, with the payload; requeue sends it', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], {
      now: clock.now,
      worker: { random: () => 0, retry: { baseMs: 10, capMs: 100, maxAttempts: 2 }, maxWaitMs: 50 },
    });
    const to = address('u1');
    const other = address('u2');
    await contactFor(hub, to, clock.now());
    await contactFor(hub, other, clock.now());
    const bad = await queue(hub, message('bad', to));
    const flaky = await queue(hub, message('flaky', other));
    adapter.script(
      { ok: false, error: { kind: 'permanent', code: '131026' }, detail: 'undeliverable' },
      { ok: false, error: { kind: 'retry' }, detail: '500' },
    );
    await hub.worker.runOnce();
    clock.advance(1000);
    adapter.script({ ok: false, error: { kind: 'retry' }, detail: '500 again' });
    await hub.worker.runOnce();
    const dead = await hub.hub.listOutbox(BRAND, { states: ['dead'] });
    expect(dead.map((r) => [r.id, (r.lastError as { detail: string }).detail])).toEqual([
      [bad.id, 'undeliverable'],
      [flaky.id, '500 again'],
    ]);
    expect(dead[0]?.payload).toMatchObject([{ path: '/send/u1' }]);
    expect(await hub.hub.requeueOutbox(bad.id, clock.now())).toBe(true);
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.idempotencyKey)).toEqual(['bad']);
  });

  it('dead-letters a message its channel cannot render instead of retrying it', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    adapter.render = () => {
      throw new Error('text longer than 4096 characters');
    };
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1');
    await contactFor(hub, to, clock.now());
    const row = await queue(hub, message('too-long', to));
    await hub.worker.runOnce();
    expect(await hub.hub.getOutbox(row.id)).toMatchObject({
      state: 'dead',
      lastError: { code: 'render_failed', detail: 'text longer than 4096 characters' },
    });
  });

  it('re-plans a closed window as the template, and fails with a reason without one', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter('whatsapp', { hours: 24, templatesOutside: true });
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1', 'whatsapp');
    const other = address('u2', 'whatsapp');
    await contactFor(hub, to, clock.now());
    await contactFor(hub, other, clock.now());
    const template = { name: 'recipe_of_the_week', language: 'en', params: { '1': 'Soup' } };
    const withTemplate = await queue(hub, message('t', to, { template }));
    const without = await queue(hub, message('n', other));
    const closed = {
      ok: false as const,
      error: { kind: 'window_closed' as const, code: '131047' },
      detail: 're-engagement',
    };
    adapter.script(closed, closed);
    await hub.worker.runOnce();
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(1);
    expect(adapter.sent[0]?.message.template).toEqual(template);
    expect(await hub.hub.getOutbox(withTemplate.id)).toMatchObject({ state: 'sent' });
    expect(await hub.hub.getOutbox(without.id)).toMatchObject({
      state: 'failed',
      lastError: {
        kind: 'window_closed',
        reason: 'outside the 24-hour window and the message has no template',
      },
    });
  });

  it('never retries an opt-out: records the revoke and cancels queued marketing at once', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], {
      now: clock.now,
      policy: { quietHours: { purposes: [] }, caps: [] },
    });
    const to = address('u1');
    const contact = await contactFor(hub, to, clock.now());
    const first = await queue(hub, message('m1', to, { purpose: 'marketing' }));
    const later = await queue(
      hub,
      message('m2', to, { purpose: 'marketing', notBefore: clock.now() + 3_600_000 }),
    );
    adapter.script({
      ok: false,
      error: { kind: 'opted_out', scope: 'marketing', code: '131050' },
      detail: 'stopped',
    });
    await hub.worker.runOnce();
    expect(await hub.hub.getOutbox(first.id)).toMatchObject({ state: 'failed' });
    expect(await hub.hub.getOutbox(later.id)).toMatchObject({ state: 'cancelled' });
    const view = await hub.consent.view(BRAND, contact.id);
    expect(view.status('marketing')).toBe('revoked');
    clock.advance(3_600_000);
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(0);
  });

  it('pauses a halted sender: nothing else goes out on that endpoint', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], { now: clock.now });
    const a = address('a');
    const b = address('b');
    await contactFor(hub, a, clock.now());
    await contactFor(hub, b, clock.now());
    const first = await queue(hub, message('a1', a));
    adapter.script({
      ok: false,
      error: { kind: 'halt_sender', code: '368' },
      detail: 'restricted',
    });
    await hub.worker.runOnce();
    await queue(hub, message('b1', b));
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(0);
    expect(await hub.hub.getOutbox(first.id)).toMatchObject({ state: 'queued', attempts: 0 });
    clock.advance(3_600_001);
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(2);
  });

  it('after a crash, reconciles rows left mid-send from status callbacks instead of resending', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], {
      now: clock.now,
      worker: { unknownGraceMs: 60_000, maxWaitMs: 50 },
    });
    const [a, b] = [address('a'), address('b')];
    await contactFor(hub, a, clock.now());
    await contactFor(hub, b, clock.now());
    const reached = await queue(hub, message('reached', a));
    const lost = await queue(hub, message('lost', b));
    // A previous process claimed both and died after marking them `sending`.
    await hub.hub.claimOutbox({ now: clock.now(), limit: 10, owner: 'dead', leaseMs: 1000 });
    await hub.hub.markSending(reached.id, 'dead', clock.now() - 10, null);
    await hub.hub.markSending(lost.id, 'dead', clock.now() - 10, null);
    await hub.worker.start();
    await hub.worker.stop();
    expect((await hub.hub.listOutbox(BRAND, { states: ['unknown'] })).length).toBe(2);
    // The provider did get "reached": its status callback carries our correlation.
    await hub.receive(adapter, statusHook('st-1', 'wamid.x', 'delivered', reached.id), BRAND);
    await hub.processor.runOnce();
    expect(await hub.hub.getOutbox(reached.id)).toMatchObject({
      state: 'delivered',
      providerMessageId: 'wamid.x',
    });
    clock.advance(2000);
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(0); // unknown rows are never sent blindly
    clock.advance(60_000);
    expect(await hub.worker.sweepUnknown()).toBe(1);
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.idempotencyKey)).toEqual(['lost']);
  });

  it('applies status callbacks monotonically, whatever their order', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1');
    await contactFor(hub, to, clock.now());
    const row = await queue(hub, message('m', to));
    await hub.worker.runOnce();
    const steps: [string, string][] = [
      ['read', 'read'],
      ['delivered', 'read'],
      ['sent', 'read'],
      ['failed', 'read'],
    ];
    for (const [i, [status, expected]] of steps.entries()) {
      await hub.receive(adapter, statusHook(`s${i}`, 'pm-1', status), BRAND);
      await hub.processor.runOnce();
      expect((await hub.hub.getOutbox(row.id))?.state).toBe(expected);
    }
  });

  it('turns a failed status carrying an opt-out into a consent revoke', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1');
    const contact = await contactFor(hub, to, clock.now());
    const row = await queue(hub, message('m', to));
    await hub.worker.runOnce();
    const failed = statusHook('s-f', 'pm-1', 'failed');
    const body = JSON.parse(failed.body.toString()) as { events: Record<string, unknown>[] };
    body.events[0]!.error = { kind: 'opted_out', scope: 'marketing', code: '131050' };
    await hub.receive(adapter, { ...failed, body: Buffer.from(JSON.stringify(body)) }, BRAND);
    await hub.processor.runOnce();
    expect((await hub.hub.getOutbox(row.id))?.state).toBe('failed');
    const view = await hub.consent.view(BRAND, contact.id);
    expect(view.status('marketing')).toBe('revoked');
  });

  it('defers marketing to the end of the recipient’s quiet hours at send time', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 18));
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], { now: clock.now });
    const to = address('u1');
    await contactFor(hub, to, clock.now());
    const row = await queue(hub, message('promo', to, { purpose: 'marketing' }));
    clock.set(Date.UTC(2026, 5, 1, 22)); // queued at 18:00, the worker only gets to it at 22:00
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(0);
    expect(await hub.hub.getOutbox(row.id)).toMatchObject({
      state: 'queued',
      notBefore: Date.UTC(2026, 5, 2, 8),
      attempts: 0,
    });
    clock.set(Date.UTC(2026, 5, 2, 8));
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(1);
    expect(addressOf((await hub.hub.getContact(BRAND, row.contactId)) as never).userId).toBe('u1');
  });
});

function statusHook(id: string, providerMessageId: string, status: string, correlation?: string) {
  return {
    method: 'POST',
    url: 'https://hub.example/hooks/test',
    headers: { 'x-test-signature': 'ok' },
    body: Buffer.from(
      JSON.stringify({
        events: [
          {
            kind: 'status',
            id: { provider: 'native', value: id },
            at: 1,
            providerMessageId,
            status,
            ...(correlation ? { correlation } : {}),
          },
        ],
      }),
    ),
  };
}
