import type { HubStore } from '../../store/index.ts';
import type { ConsentLedger } from '../consent/consent-ledger.ts';
import type { PolicyConfig } from '../policy/policy-config.ts';
import type { ChannelAdapter } from '../types.ts';
import type { RetryConfig } from './backoff.ts';
import type { Pacer } from './pacer.ts';

/** What happened, for logs and metrics (the worker itself never logs message content). */
export type OutboxEvent =
  | { type: 'sent'; id: string; channel: string }
  | { type: 'retry'; id: string; attempt: number; delayMs: number; code?: string }
  | { type: 'dead'; id: string; code: string }
  | { type: 'failed'; id: string; reason: string }
  | { type: 'halted'; provider: string; endpointId: string; until: number }
  | { type: 'error'; id?: string; error: unknown };

/** Everything one send needs; built once by the worker. */
export interface OutboxContext {
  hub: HubStore;
  consent: ConsentLedger;
  policy: PolicyConfig;
  owner: string;
  adapterFor: (channel: string, endpointId: string) => ChannelAdapter | undefined;
  pacer: Pacer;
  retry: RetryConfig;
  /** Longest in-memory wait for a per-person token; longer waits put the row back. */
  maxWaitMs: number;
  /** How long a halted sender (quality/policy restriction) is paused. */
  haltMs: number;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Provider calls in flight at once (rows waiting for their slot do not count). */
  slots: Semaphore;
  onEvent?: (event: OutboxEvent) => void;
}

export interface Semaphore {
  /** Resolves with the release function once a slot is free. */
  acquire(): Promise<() => void>;
}

export function createSemaphore(size: number): Semaphore {
  let free = size;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    acquire() {
      if (free > 0) {
        free--;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
  };
}
