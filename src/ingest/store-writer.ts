import { type EventStore, StoreError } from '../store/index.ts';
import type { LoggedEvent } from './durable-log.ts';

export const COLLECTOR_STREAM = 'collector';

export interface StoreWriterOptions {
  store: EventStore;
  /** Called after each stored batch with the new checkpoint (to prune the log). */
  onStored?: (checkpoint: number) => void;
  onError?: (error: Error) => void;
  /**
   * An event the store refuses as invalid (it can never succeed): set aside, never retried
   * forever and never silently dropped.
   */
  onRejected?: (entry: LoggedEvent, error: StoreError) => void;
  batchSize?: number;
  intervalMs?: number;
}

/**
 * Moves durable events into the event store in batches (DuckDB's appender wants thousands of
 * rows at once, not one). Each batch is stored together with its log position, so after a crash
 * the replay starts exactly after the last stored event: nothing lost, nothing doubled.
 */
export function createStoreWriter(options: StoreWriterOptions) {
  const { store, batchSize = 5000, intervalMs = 200 } = options;
  let pending: LoggedEvent[] = [];
  let flushing: Promise<void> | null = null;
  let retryDelay = intervalMs;

  const isInvalid = (error: unknown): error is StoreError =>
    error instanceof StoreError && error.code === 'invalid';

  /** One bad event must not block the others: store them one by one, set the bad ones aside. */
  async function storeOneByOne(batch: LoggedEvent[]): Promise<void> {
    for (const entry of batch) {
      const checkpoint = { stream: COLLECTOR_STREAM, position: entry.position };
      try {
        await store.append([entry.event], checkpoint);
      } catch (error) {
        if (!isInvalid(error)) throw error;
        options.onRejected?.(entry, error);
        await store.append([], checkpoint);
      }
    }
  }

  async function flushOnce(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, batchSize);
      const last = batch.at(-1)!;
      try {
        await store.append(
          batch.map((entry) => entry.event),
          { stream: COLLECTOR_STREAM, position: last.position },
        );
      } catch (error) {
        if (!isInvalid(error)) throw error;
        await storeOneByOne(batch);
      }
      pending = pending.slice(batch.length);
      options.onStored?.(last.position);
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushOnce()
      .then(() => {
        retryDelay = intervalMs;
      })
      .catch((error: unknown) => {
        // Keep the events: they are still in the log and in memory; try again later, slower.
        retryDelay = Math.min(retryDelay * 2, 5000);
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = setTimeout(async () => {
      if (pending.length > 0) await flush();
      if (timer) tick();
    }, retryDelay);
  };
  tick();

  return {
    push(entry: LoggedEvent): void {
      pending.push(entry);
      if (pending.length >= batchSize && !flushing) void flush();
    },
    /** Events accepted but not yet in the store: the backpressure gauge. */
    get backlog(): number {
      return pending.length;
    },
    flush,
    /** Stops the timer and stores everything still pending. */
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      while (flushing) await flushing;
      if (pending.length > 0) await flushOnce();
    },
  };
}

export type StoreWriter = ReturnType<typeof createStoreWriter>;
