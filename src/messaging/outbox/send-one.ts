import type { JsonValue, OutboxRecord } from '../../store/index.ts';
import { evaluatePolicy } from '../policy/evaluate-policy.ts';
import type { ChannelAdapter, ErrorClass, OutboundMessage, SendResult } from '../types.ts';
import { handleSendFailure } from './handle-send-failure.ts';
import type { OutboxContext } from './outbox-context.ts';
import { type StoredOutbound, storedOutbound } from './outbox-message.ts';
import { loadPolicyInput } from './policy-context.ts';

/**
 * One claimed row, start to end: policy again (consent may have changed since it was queued),
 * pacing, `sending` written before the provider call, then the outcome. A store error thrown
 * from here is caught by the worker and the row is left to its lease: a later claim tries again.
 */
export async function sendOne(ctx: OutboxContext, row: OutboxRecord): Promise<void> {
  const { hub, owner } = ctx;
  const stored = storedOutbound(row);
  const adapter = ctx.adapterFor(row.channel, row.endpointId);
  if (!adapter) {
    await hub.finishOutbox(
      row.id,
      'dead',
      {
        kind: 'permanent',
        code: 'no_adapter',
        detail: `no ${row.channel} adapter for ${row.endpointId}`,
      },
      ctx.now(),
    );
    return;
  }
  const contact = await hub.getContact(row.brandId, row.contactId);
  if (!contact) {
    await hub.finishOutbox(row.id, 'cancelled', { kind: 'policy', code: 'erased' }, ctx.now());
    return;
  }
  const facts = await loadPolicyInput(ctx, {
    contact,
    message: stored,
    capabilities: adapter.capabilities,
    at: ctx.now(),
    excludeId: row.id,
  });
  const decision = evaluatePolicy(facts, ctx.policy);
  if (decision.action === 'refuse') {
    const consentish = ['opted_out', 'suppressed', 'no_consent'].includes(decision.code);
    await hub.finishOutbox(
      row.id,
      consentish ? 'cancelled' : 'failed',
      { kind: 'policy', code: decision.code, reason: decision.reason },
      ctx.now(),
    );
    return;
  }
  if (decision.action === 'defer') {
    await hub.reschedule(
      row.id,
      { nextAttemptAt: decision.until, notBefore: decision.until, countAttempt: false },
      ctx.now(),
    );
    return;
  }

  let payloads: ReturnType<ChannelAdapter['render']>;
  try {
    payloads = adapter.render(
      effectiveMessage(row, stored, decision.useTemplate || stored.forceTemplate === true),
    );
  } catch (error) {
    // A message this channel cannot express fails the same way every time: dead-letter it
    // instead of retrying it for ever.
    const detail = error instanceof Error ? error.message : String(error);
    await hub.finishOutbox(
      row.id,
      'dead',
      { kind: 'permanent', code: 'render_failed', detail },
      ctx.now(),
    );
    return;
  }
  const resumeAt = stored.resumeAt ?? 0;
  // Book the person's slot, then the sender's: a row that would wait long goes back to the
  // queue (no attempt spent) rather than holding memory and a claim.
  const now = ctx.now();
  const personAt = ctx.pacer.schedulePerson(row, now);
  // Booked at `now` (a bucket never refills from a future time); the send waits for both.
  const senderAt = Math.max(ctx.pacer.scheduleSender(row, now), personAt);
  if (Math.max(personAt, senderAt) - now > ctx.maxWaitMs) {
    ctx.pacer.cancelPerson(row, now);
    ctx.pacer.cancelSender(row, now);
    const retryAt = Math.max(personAt, senderAt);
    await hub.reschedule(row.id, { nextAttemptAt: retryAt, countAttempt: false }, now);
    return;
  }

  let firstId: string | null = null;
  for (let index = resumeAt; index < payloads.length; index++) {
    const slot = index === resumeAt ? senderAt : ctx.pacer.scheduleSender(row, ctx.now());
    const wait = slot - ctx.now();
    if (wait > 0) await ctx.sleep(wait);
    // Written before the call: if we die between here and the answer, the row is found
    // `sending` on restart and becomes `unknown`, never silently sent twice.
    if (index === resumeAt) {
      const marked = await hub.markSending(
        row.id,
        owner,
        ctx.now(),
        payloads as unknown as JsonValue,
      );
      if (!marked) return; // cancelled (STOP) or claim lost meanwhile
    }
    const release = await ctx.slots.acquire();
    const result = await safeSend(adapter, payloads[index]!).finally(release);
    if (!result.ok) {
      await handleSendFailure(ctx, row, stored, result.error, result.detail, index);
      return;
    }
    firstId ??= result.providerMessageId;
  }
  const at = ctx.now();
  await hub.markSent(row.id, firstId ?? `${row.id}:resumed`, at, {
    brandId: row.brandId,
    conversationKey: row.conversationKey,
    direction: 'out',
    author: stored.author,
    parts: stored.parts as unknown as JsonValue,
    at,
    providerMessageId: firstId,
    outboxId: row.id,
  });
  ctx.onEvent?.({ type: 'sent', id: row.id, channel: row.channel });
}

/** The message as this attempt sends it: template or free-form, correlated to its row. */
function effectiveMessage(
  row: OutboxRecord,
  stored: StoredOutbound,
  useTemplate: boolean,
): OutboundMessage {
  const { author: _author, resumeAt: _resume, forceTemplate: _force, template, ...rest } = stored;
  const correlation = stored.correlation ?? row.id;
  return useTemplate && template ? { ...rest, template, correlation } : { ...rest, correlation };
}

/** An adapter that throws instead of answering is treated as a retryable failure. */
async function safeSend(
  adapter: ChannelAdapter,
  payload: Parameters<ChannelAdapter['send']>[0],
): Promise<SendResult> {
  try {
    return await adapter.send(payload);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const retry: ErrorClass = { kind: 'retry', code: 'adapter_threw' };
    return { ok: false, error: retry, detail };
  }
}
