import { type EventStore, type StoredEvent, StoreError } from '../store/index.ts';
import { type LogPiece, offsetOf, readLogPiece } from './durable-log.ts';

export const COLLECTOR_STREAM = 'collector';

/** What the writer needs from the durable log. */
export interface SealableLog {
  seal(): Promise<LogPiece[]>;
  release(piece: LogPiece): void;
}

export interface StoreWriterOptions {
  store: EventStore;
  log: SealableLog;
  onError?: (error: Error) => void;
  /**
   * An event the store refuses as invalid (it can never succeed): set aside, never retried
   * forever and never silently dropped.
   */
  onRejected?: (event: StoredEvent, error: StoreError) => void;
  /** How often the open segment is sealed and stored. */
  intervalMs?: number;
  /** Seal early once this many records wait (bounds the size of one load). */
  sealRecords?: number;
}

/** Rows per `append` call when a piece has to be stored record by record. */
const FALLBACK_BATCH = 5000;

/**
 * Moves the durable log into the event store a sealed segment at a time. The store bulk-loads
 * the file itself (`appendJsonLines`: DuckDB parses it in C++, about 3 µs a record here, against
 * 7–11 µs through the JS appender), together with the checkpoint, so after a crash the replay
 * starts exactly after the last stored segment: nothing lost, nothing doubled. When the bulk load
 * refuses a piece, it is stored record by record, and the records the store calls invalid are
 * set aside.
 */
export function createStoreWriter(options: StoreWriterOptions) {
  const { store, log, intervalMs = 1000, sealRecords = 100_000 } = options;
  let unsealed = 0;
  let waiting: LogPiece[] = [];
  let flushing: Promise<void> | null = null;
  let retryDelay = intervalMs;
  // Records counted durable (appended or recovered) and records stored: their difference is
  // the backlog.
  let logged = 0;
  let stored = 0;

  const isInvalid = (error: unknown): error is StoreError =>
    error instanceof StoreError && error.code === 'invalid';

  /** Moves `piece` past what is stored, so a retry after a failure never stores it twice. */
  function advance(piece: LogPiece, position: number, records: number): void {
    piece.from = offsetOf(position);
    piece.records -= records;
    stored += records;
  }

  async function storeRecordByRecord(piece: LogPiece): Promise<void> {
    const records = readLogPiece(piece);
    for (let start = 0; start < records.length; start += FALLBACK_BATCH) {
      const batch = records.slice(start, start + FALLBACK_BATCH);
      const checkpoint = { stream: COLLECTOR_STREAM, position: batch.at(-1)!.position };
      try {
        await store.append(
          batch.map((record) => record.event),
          checkpoint,
        );
      } catch (error) {
        if (!isInvalid(error)) throw error;
        // One bad event must not block the others: store them one by one, set the bad ones aside.
        for (const record of batch) {
          const own = { stream: COLLECTOR_STREAM, position: record.position };
          try {
            await store.append([record.event], own);
          } catch (single) {
            if (!isInvalid(single)) throw single;
            options.onRejected?.(record.event, single);
            await store.append([], own);
          }
          advance(piece, record.position, 1);
        }
        continue;
      }
      advance(piece, checkpoint.position, batch.length);
    }
    // Corrupt lines hold no record; the checkpoint still has to pass them.
    await store.append([], { stream: COLLECTOR_STREAM, position: piece.position });
  }

  async function storePiece(piece: LogPiece): Promise<void> {
    if (piece.from === 0) {
      try {
        await store.appendJsonLines(piece.path, {
          stream: COLLECTOR_STREAM,
          position: piece.position,
        });
        return;
      } catch (error) {
        if (!isInvalid(error)) throw error;
      }
    }
    await storeRecordByRecord(piece);
  }

  async function flushOnce(): Promise<void> {
    unsealed = 0;
    waiting = [...waiting, ...(await log.seal())];
    while (waiting.length > 0) {
      const piece = waiting[0]!;
      await storePiece(piece);
      waiting = waiting.slice(1);
      stored += piece.records;
      piece.records = 0;
      log.release(piece);
    }
  }

  function startFlush(): Promise<void> {
    flushing ??= flushOnce()
      .then(() => {
        retryDelay = intervalMs;
      })
      .catch((error: unknown) => {
        // Keep the pieces: they are still on disk; try again later, slower.
        retryDelay = Math.min(retryDelay * 2, 5000);
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  /** Stores everything made durable before the call (waits for a flush already running). */
  async function flush(): Promise<void> {
    while (flushing) await flushing;
    await startFlush();
  }

  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = setTimeout(async () => {
      await startFlush();
      if (timer) tick();
    }, retryDelay);
  };
  tick();

  return {
    /** Counts a record the log has made durable (and the store does not have yet). */
    noteAppended(): void {
      unsealed++;
      logged++;
      if (unsealed >= sealRecords && !flushing) void startFlush();
    },
    /** Counts records recovered from the log at start-up. */
    noteRecovered(records: number): void {
      logged += records;
    },
    /** Records accepted but not yet in the store: the backpressure gauge. */
    get backlog(): number {
      return logged - stored;
    },
    flush,
    /** Stops the timer and stores everything written so far. */
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      while (flushing) await flushing;
      await flushOnce();
    },
  };
}

export type StoreWriter = ReturnType<typeof createStoreWriter>;
