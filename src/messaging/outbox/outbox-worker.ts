import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { HubStore } from '../../store/index.ts';
import type { ConsentLedger } from '../consent/consent-ledger.ts';
import { DEFAULT_POLICY, type PolicyConfig } from '../policy/policy-config.ts';
import type { ChannelAdapter } from '../types.ts';
import { DEFAULT_RETRY, type RetryConfig } from './backoff.ts';
import { createSemaphore, type OutboxContext, type OutboxEvent } from './outbox-context.ts';
import { Pacer } from './pacer.ts';
import type { ChannelLimits } from './rate-limits.ts';
import { sendOne } from './send-one.ts';

export interface OutboxWorkerOptions {
  hub: HubStore;
  consent: ConsentLedger;
  adapterFor: (channel: string, endpointId: string) => ChannelAdapter | undefined;
  policy?: PolicyConfig;
  retry?: RetryConfig;
  /** Per-channel limits replacing RATE_LIMITS (e.g. a short code, an upgraded WhatsApp number). */
  limits?: Record<string, ChannelLimits>;
  /** Provider calls in flight at once, across conversations (default 64). */
  concurrency?: number;
  /** Claimed rows held in memory at once, waiting for their slot or in flight (default 1024). */
  maxPending?: number;
  leaseMs?: number;
  pollMs?: number;
  maxWaitMs?: number;
  haltMs?: number;
  /** How long an `unknown` row waits for a status callback before `unknownPolicy` applies. */
  unknownGraceMs?: number;
  /**
   * `resend`: after the grace period without any status callback, the provider almost surely
   * never got it: send again (at-least-once). `dead`: leave it to a person (at-most-once).
   */
  unknownPolicy?: 'resend' | 'dead';
  now?: () => number;
  random?: () => number;
  onEvent?: (event: OutboxEvent) => void;
}

export interface OutboxWorker {
  /** Marks rows a previous process left `sending` as `unknown`, then starts the loop. */
  start(): Promise<void>;
  /** Stops claiming and waits for the sends in flight. */
  stop(): Promise<void>;
  /** One claim-and-send round (tests and benchmarks drive it by hand); resolves when done. */
  runOnce(): Promise<number>;
  /** Settles `unknown` rows past their grace period; returns how many. */
  sweepUnknown(): Promise<number>;
  readonly owner: string;
}

/** The durable outbox worker: state lives in the HubStore, so a restart loses nothing. */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 64;
  const maxPending = options.maxPending ?? 1024;
  // A claim only has to cover policy checks and the wait for a slot (≤ maxWaitMs) before the
  // row is marked `sending`; a short lease lets a restarted worker retake a dead one's rows soon.
  const leaseMs = options.leaseMs ?? 15_000;
  const pollMs = options.pollMs ?? 200;
  const graceMs = options.unknownGraceMs ?? 15 * 60_000;
  const startedAt = now();
  const ctx: OutboxContext = {
    hub: options.hub,
    consent: options.consent,
    policy: options.policy ?? DEFAULT_POLICY,
    owner: `outbox-${process.pid}-${randomUUID().slice(0, 8)}`,
    adapterFor: options.adapterFor,
    pacer: new Pacer(options.limits),
    retry: options.retry ?? DEFAULT_RETRY,
    maxWaitMs: options.maxWaitMs ?? 1500,
    haltMs: options.haltMs ?? 3_600_000,
    now,
    random: options.random ?? Math.random,
    sleep: (ms) => delay(ms),
    slots: createSemaphore(concurrency),
    onEvent: options.onEvent,
  };
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loop: Promise<void> | null = null;

  const launch = (row: Parameters<typeof sendOne>[1]) => {
    const task = sendOne(ctx, row)
      .catch((error: unknown) => ctx.onEvent?.({ type: 'error', id: row.id, error }))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const claimRound = async (): Promise<number> => {
    const free = Math.min(maxPending - inFlight.size, 256);
    if (free <= 0) return 0;
    const at = now();
    const rows = await ctx.hub.claimOutbox({
      now: at,
      limit: free,
      owner: ctx.owner,
      leaseMs,
      skipSenders: ctx.pacer.busySenders(at, ctx.maxWaitMs / 2),
    });
    for (const row of rows) launch(row);
    return rows.length;
  };

  const sweepUnknown = async (): Promise<number> => {
    const stale = await ctx.hub.listOutbox(null, {
      states: ['unknown'],
      updatedBefore: now() - graceMs,
      limit: 500,
    });
    for (const row of stale) {
      if (options.unknownPolicy === 'dead') {
        await ctx.hub.finishOutbox(row.id, 'dead', { kind: 'unknown', code: 'no_status' }, now());
      } else {
        await ctx.hub.requeueOutbox(row.id, now());
      }
    }
    return stale.length;
  };

  const run = async () => {
    let lastSweep = 0;
    while (running) {
      try {
        if (now() - lastSweep > Math.min(graceMs, 30_000)) {
          lastSweep = now();
          // Rows another (dead) process left mid-send for long are no longer anyone's.
          await ctx.hub.markStuckUnknown(now() - 5 * leaseMs, now());
          await sweepUnknown();
        }
        const claimed = await claimRound();
        if (claimed === 0) {
          await Promise.race([delay(pollMs), ...inFlight]);
        } else if (inFlight.size >= maxPending) {
          await Promise.race(inFlight);
        } else {
          // The claimed rows hold ~maxWaitMs of sends: claiming again sooner only rescans.
          await delay(Math.min(pollMs, 100));
        }
      } catch (error) {
        ctx.onEvent?.({ type: 'error', error });
        await delay(pollMs);
      }
    }
  };

  return {
    owner: ctx.owner,
    async start() {
      if (running) return;
      // Anything `sending` from before this process started was cut off mid-call.
      await ctx.hub.markStuckUnknown(startedAt, now());
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      await loop;
      await Promise.allSettled([...inFlight]);
    },
    async runOnce() {
      const claimed = await claimRound();
      await Promise.allSettled([...inFlight]);
      return claimed;
    },
    sweepUnknown,
  };
}
