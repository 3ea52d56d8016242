import type { JsonValue, OutboxRecord } from '../../store/index.ts';
import type { ErrorClass } from '../types.ts';
import { backoffDelay } from './backoff.ts';
import type { OutboxContext } from './outbox-context.ts';
import { type StoredOutbound, toJson } from './outbox-message.ts';

/** Throughput errors that concern the whole sender, not one person (research §1.1.11). */
const SENDER_WIDE = new Set(['130429', '131057', '613']);

/**
 * Acts on a classified provider error (research/messaging.md §5.5): retry with backoff, re-plan
 * a closed window as the template, record an opt-out and cancel what is queued, dead-letter a
 * permanent failure, or pause a restricted sender. `sentCount` requests of the message already
 * went out: a retry resumes after them instead of repeating them.
 */
export async function handleSendFailure(
  ctx: OutboxContext,
  row: OutboxRecord,
  stored: StoredOutbound,
  error: ErrorClass,
  detail: string,
  sentCount: number,
): Promise<void> {
  const { hub } = ctx;
  const now = ctx.now();
  const lastError = { ...error, detail } as unknown as JsonValue;
  switch (error.kind) {
    case 'retry': {
      const attempt = row.attempts + 1;
      if (attempt >= ctx.retry.maxAttempts) {
        await hub.finishOutbox(row.id, 'dead', lastError, now);
        ctx.onEvent?.({ type: 'dead', id: row.id, code: error.code ?? 'retries_exhausted' });
        return;
      }
      if (error.afterMs !== undefined) {
        const until = now + Math.ceil(error.afterMs);
        if (error.code && SENDER_WIDE.has(error.code)) ctx.pacer.pauseSender(row, until, now);
        else ctx.pacer.pausePerson(row, until, now);
      }
      const delayMs = backoffDelay(row.attempts, ctx.retry, ctx.random, error.afterMs);
      await hub.reschedule(
        row.id,
        {
          nextAttemptAt: now + delayMs,
          countAttempt: true,
          lastError,
          message: toJson({ ...stored, resumeAt: sentCount }),
        },
        now,
      );
      ctx.onEvent?.({ type: 'retry', id: row.id, attempt, delayMs, code: error.code });
      return;
    }
    case 'window_closed': {
      if (stored.template && !stored.forceTemplate && sentCount === 0) {
        // Our clock thought the window open; the provider disagrees: send the template now.
        await hub.reschedule(
          row.id,
          {
            nextAttemptAt: now,
            countAttempt: true,
            lastError,
            message: toJson({ ...stored, forceTemplate: true }),
          },
          now,
        );
        return;
      }
      const reason = stored.template
        ? 'outside the 24-hour window even with the template'
        : 'outside the 24-hour window and the message has no template';
      await hub.finishOutbox(row.id, 'failed', { ...error, detail, reason }, now);
      ctx.onEvent?.({ type: 'failed', id: row.id, reason });
      return;
    }
    case 'opted_out': {
      await hub.finishOutbox(row.id, 'failed', lastError, now);
      const contact = await hub.getContact(row.brandId, row.contactId);
      if (contact) {
        await ctx.consent.revoke({
          brandId: row.brandId,
          contact,
          purpose: error.scope === 'all' ? 'all' : 'marketing',
          source: 'provider_error',
          wording: `provider refused the send: ${error.code ?? 'opted out'}`,
          wordingVersion: 'provider',
          evidence: { outboxId: row.id, code: error.code ?? null, detail },
        });
      }
      ctx.onEvent?.({ type: 'failed', id: row.id, reason: 'opted_out' });
      return;
    }
    case 'permanent': {
      await hub.finishOutbox(row.id, 'dead', lastError, now);
      ctx.onEvent?.({ type: 'dead', id: row.id, code: error.code });
      return;
    }
    case 'halt_sender': {
      const until = now + ctx.haltMs;
      await hub.haltSender({
        provider: row.provider,
        endpointId: row.endpointId,
        until,
        reason: `${error.code}: ${detail}`.slice(0, 500),
      });
      // Not the message's fault: it waits for the sender, without spending an attempt.
      await hub.reschedule(row.id, { nextAttemptAt: until, countAttempt: false, lastError }, now);
      ctx.onEvent?.({ type: 'halted', provider: row.provider, endpointId: row.endpointId, until });
      return;
    }
  }
}
