import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { InboundRecord } from '../../store/index.ts';
import { handleInboundEvent } from './handle-inbound-event.ts';
import type { InboundContext } from './inbound-context.ts';

export interface InboundProcessorOptions {
  batch?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Tries per event before it is set aside (processed, with its error kept). */
  maxAttempts?: number;
  /**
   * How long processed events (and their raw bodies) are kept: 30 days by default, longer than
   * any provider's redelivery window (WhatsApp retries up to 7 days), short for personal data.
   */
  retainMs?: number;
  onError?: (error: unknown, record: InboundRecord) => void;
}

export interface InboundProcessor {
  /** Handles one batch; resolves with how many events it handled. */
  runOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** New events were stored: look now instead of at the next poll. */
  wake(): void;
}

/**
 * Works through stored inbound events: conversations in parallel, each conversation's events
 * strictly in arrival order (the store never hands out an event while an earlier one of its
 * conversation is held). A failing event backs off and holds its conversation until it passes
 * or is set aside after `maxAttempts`.
 */
export function createInboundProcessor(
  ctx: InboundContext,
  options: InboundProcessorOptions = {},
): InboundProcessor {
  const owner = `inbound-${process.pid}-${randomUUID().slice(0, 8)}`;
  const batch = options.batch ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 250;
  const maxAttempts = options.maxAttempts ?? 5;
  const retainMs = options.retainMs ?? 30 * 86_400_000;
  let lastPurge = 0;
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  const handleGroup = async (records: InboundRecord[]) => {
    for (const [index, record] of records.entries()) {
      try {
        await handleInboundEvent(ctx, record);
        await ctx.hub.finishInbound(record.seq, ctx.now());
      } catch (error) {
        options.onError?.(error, record);
        const attempt = record.attempts + 1;
        const retryAt = attempt >= maxAttempts ? null : ctx.now() + 1000 * 2 ** attempt;
        const message = error instanceof Error ? error.message : String(error);
        await ctx.hub.finishInbound(record.seq, ctx.now(), { error: message, retryAt });
        // The rest of this conversation waits behind the failed event, claimable with it.
        for (const later of records.slice(index + 1)) await ctx.hub.releaseInbound(later.seq);
        return;
      }
    }
  };

  const runOnce = async () => {
    const records = await ctx.hub.claimInbound({ now: ctx.now(), limit: batch, owner, leaseMs });
    const groups = new Map<string, InboundRecord[]>();
    for (const record of records) {
      const key = record.conversationKey || `#${record.seq}`;
      const group = groups.get(key) ?? [];
      group.push(record);
      groups.set(key, group);
    }
    await Promise.all([...groups.values()].map(handleGroup));
    return records.length;
  };

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          if (ctx.now() - lastPurge > 3_600_000) {
            lastPurge = ctx.now();
            await ctx.hub.purgeProcessedInbound(ctx.now() - retainMs).catch(() => 0);
          }
          const handled = await runOnce().catch(() => 0);
          if (handled === 0) {
            await Promise.race([
              delay(pollMs),
              new Promise<void>((resolve) => {
                wakeUp = resolve;
              }),
            ]);
            wakeUp = null;
          }
        }
      })();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
    wake() {
      wakeUp?.();
    },
  };
}
