import { describe, expect, it } from 'vitest';
import {
  address,
  BRAND,
  keyOf,
  manualClock,
  openTestHub,
  textEvent,
} from '../testing/hub-fixture.ts';
import { createRecordingAdapter, testWebhook } from '../testing/recording-adapter.ts';
import type { AssistantContext } from './inbound-context.ts';

describe('inbound pipeline', () => {
  it('refuses a forged webhook with 403 and stores nothing', async () => {
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter]);
    const forged = testWebhook([textEvent('m1', address('u1'), 'hi', 1)], 'forged');
    const outcome = await hub.receive(adapter, forged, BRAND);
    expect(outcome.response.status).toBe(403);
    expect(await hub.hub.countUnprocessedInbound()).toBe(0);
  });

  it('answers 400 to a verified body it cannot parse', async () => {
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter]);
    const request = { ...testWebhook([]), body: Buffer.from('{not json') };
    expect((await hub.receive(adapter, request, BRAND)).response.status).toBe(400);
  });

  it('processes a message delivered three times exactly once', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const calls: string[] = [];
    const hub = await openTestHub([adapter], {
      now: clock.now,
      assistant: ({ message }) => {
        calls.push(message.id.value);
        return [{ type: 'text', text: 'Here are three recipes' }];
      },
    });
    const from = address('u1');
    const request = testWebhook([textEvent('wamid.1', from, 'eggs, tomatoes', clock.now())]);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await hub.receive(adapter, request, BRAND));
    expect(outcomes.map((o) => [o.response.status, o.stored, o.duplicates])).toEqual([
      [200, 1, 0],
      [200, 0, 1],
      [200, 0, 1],
    ]);
    await hub.processor.runOnce();
    await hub.receive(adapter, request, BRAND); // a fourth copy after processing
    await hub.processor.runOnce();
    expect(calls).toEqual(['wamid.1']);
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.parts)).toEqual([
      [{ type: 'text', text: 'Here are three recipes' }],
    ]);
    const thread = await hub.inbox.thread(BRAND, keyOf(from));
    expect(thread.map((m) => `${m.direction}:${m.author}`)).toEqual([
      'in:contact',
      'out:assistant',
    ]);
    expect((await hub.hub.getConversation(BRAND, keyOf(from)))?.lastInboundAt).toBe(clock.now());
  });

  it('handles a conversation’s events in order, conversations independently', async () => {
    const adapter = createRecordingAdapter();
    const seen: string[] = [];
    const hub = await openTestHub([adapter], {
      assistant: async (ctx: AssistantContext) => {
        const part = ctx.message.parts[0];
        // The first message of each conversation is slow: order must still hold.
        if (part?.type === 'text' && part.text.endsWith('1'))
          await new Promise((r) => setTimeout(r, 30));
        seen.push(`${ctx.message.from.userId}:${part?.type === 'text' ? part.text : ''}`);
        return [];
      },
    });
    const [a, b] = [address('a'), address('b')];
    await hub.receive(
      adapter,
      testWebhook([
        textEvent('a1', a, 'a-1', 1),
        textEvent('b1', b, 'b-1', 1),
        textEvent('a2', a, 'a-2', 2),
        textEvent('a3', a, 'a-3', 3),
      ]),
      BRAND,
    );
    await hub.processor.runOnce();
    expect(seen.filter((s) => s.startsWith('a:'))).toEqual(['a:a-1', 'a:a-2', 'a:a-3']);
    expect(seen).toHaveLength(4);
  });

  it('honours STOP at once: revoke, queued marketing cancelled, one confirmation, no assistant', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const assistantCalls: string[] = [];
    const hub = await openTestHub([adapter], {
      now: clock.now,
      policy: { quietHours: { purposes: [] } },
      assistant: ({ message }) => {
        assistantCalls.push(message.id.value);
        return [];
      },
    });
    const from = address('u1');
    await hub.receive(adapter, testWebhook([textEvent('m1', from, 'hello', clock.now())]), BRAND);
    await hub.processor.runOnce();
    const contact = (await hub.hub.findContact(BRAND, 'webchat', 'ep-1', 'u1'))!;
    await hub.consent.grant({
      brandId: BRAND,
      contact,
      purpose: 'marketing',
      source: 'web_form',
      wording: 'Offers by chat',
      wordingVersion: 'v1',
      evidence: {},
    });
    const queued = await hub.hub.enqueueOutbox(
      {
        brandId: BRAND,
        idempotencyKey: 'promo-1',
        conversationKey: keyOf(from),
        contactId: contact.id,
        channel: 'webchat',
        provider: 'native',
        endpointId: 'ep-1',
        purpose: 'marketing',
        message: { to: { ...from }, parts: [{ type: 'text', text: 'promo' }] } as never,
        notBefore: clock.now() + 60_000,
        expiresAt: null,
        correlation: null,
        broadcastId: null,
      },
      clock.now(),
    );
    clock.advance(1000);
    await hub.receive(adapter, testWebhook([textEvent('m2', from, ' Stop! ', clock.now())]), BRAND);
    await hub.processor.runOnce();
    expect(await hub.hub.getOutbox(queued.record.id)).toMatchObject({ state: 'cancelled' });
    const history = await hub.hub.consentHistory(BRAND, contact.id);
    expect(history.at(-1)).toMatchObject({ purpose: 'all', status: 'revoked', source: 'keyword' });
    expect(assistantCalls).toEqual(['m1']);
    clock.advance(120_000);
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.parts)).toEqual([
      [
        {
          type: 'text',
          text: 'You will not receive any more messages from us. Reply START to undo.',
        },
      ],
    ]);
  });

  it('leaves agent conversations to the inbox and hands "please stop…" sentences to a person', async () => {
    const adapter = createRecordingAdapter();
    const calls: string[] = [];
    const hub = await openTestHub([adapter], {
      assistant: ({ message }) => {
        calls.push(message.id.value);
        return [];
      },
    });
    const [a, b] = [address('a'), address('b')];
    await hub.receive(
      adapter,
      testWebhook([textEvent('a1', a, 'hi', 1), textEvent('b1', b, 'hi', 1)]),
      BRAND,
    );
    await hub.processor.runOnce();
    await hub.inbox.assign(BRAND, keyOf(a), 'agent-7');
    await hub.receive(
      adapter,
      testWebhook([
        textEvent('a2', a, 'are you there?', 2),
        textEvent('b2', b, 'please stop sending me these', 2),
        textEvent('b3', b, 'hello?', 3),
      ]),
      BRAND,
    );
    await hub.processor.runOnce();
    expect(calls).toEqual(['a1', 'b1']);
    expect(await hub.hub.getConversation(BRAND, keyOf(b))).toMatchObject({
      mode: 'agent',
      assignedAgent: null,
    });
    expect((await hub.inbox.list(BRAND, { mode: 'agent' })).map((c) => c.key).sort()).toEqual(
      [keyOf(a), keyOf(b)].sort(),
    );
  });

  it('retries a failing event later, holding its conversation, and sets it aside in the end', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    let fail = true;
    const seen: string[] = [];
    const hub = await openTestHub([adapter], {
      now: clock.now,
      assistant: ({ message }) => {
        if (fail && message.id.value === 'x1') throw new Error('assistant down');
        seen.push(message.id.value);
        return [];
      },
    });
    const from = address('u1');
    await hub.receive(
      adapter,
      testWebhook([textEvent('x1', from, 'a', 1), textEvent('x2', from, 'b', 2)]),
      BRAND,
    );
    await hub.processor.runOnce();
    expect(seen).toEqual([]);
    fail = false;
    clock.advance(2001);
    await hub.processor.runOnce();
    expect(seen).toEqual(['x1', 'x2']);
    expect(await hub.hub.countUnprocessedInbound()).toBe(0);
  });
});
