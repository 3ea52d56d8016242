import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  openSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from '../store/index.ts';
import {
  type LogPiece,
  listSegments,
  recoverLog,
  segmentName,
  segmentOf,
  toPosition,
} from './log-segments.ts';

export interface DurableLogOptions {
  dir: string;
  /** Where the event store already is: segments before it are done, the rest is recovered. */
  checkpoint?: number;
  /** Seal the segment and start a new one past this size. */
  segmentBytes?: number;
  /** `always`: fdatasync before acknowledging (survives power loss); `never`: write() only (survives kill -9). */
  fsync?: 'always' | 'never';
  /**
   * With fsync `always`, for records nobody waits on (`writeRecord`): the least time between
   * the end of one fdatasync and the start of the next (PostgreSQL's commit_delay). Under load
   * each fdatasync then covers several milliseconds of clicks instead of the handful that arrived
   * during the previous one. A record someone awaits (`append`) is synced at once. Default 10 ms:
   * at 2 ms the syncs alone took 1 µs of CPU per redirect (bench/links); a click is recorded after
   * its redirect went out anyway, so 10 ms more before it is on disk changes no answer.
   */
  syncGapMs?: number;
}

export type { LogPiece } from './log-segments.ts';
export { offsetOf, readLogPiece, recoverLog, toPosition } from './log-segments.ts';

/** A line a record needs earlier in its segment file (a click's variant), written once per file. */
export interface LogPreamble {
  key: string;
  line: string;
}

interface QueuedRecord {
  line: string;
  preamble?: LogPreamble;
  resolve: (position: number) => void;
  reject: (error: Error) => void;
}

const ignore = () => {};

/**
 * Append-only event log with group commit: appends made during one event-loop turn are written
 * with a single write() at the end of the turn, and (with fsync `always`) acknowledged after one
 * fdatasync that covers every batch written before it started. Durability thus costs one syscall
 * pair per batch, not per event. `append` resolves only once the record is written (and synced).
 *
 * The event store reads the log in sealed segments (`seal`): a closed file of whole records it
 * can bulk-load in one statement, instead of objects handed over one by one.
 */
export async function openDurableLog(options: DurableLogOptions) {
  const { dir, segmentBytes = 64 * 1024 * 1024, fsync = 'always', checkpoint = 0 } = options;
  const syncGapMs = options.syncGapMs ?? 10;
  const recovered = recoverLog(dir, checkpoint);
  // Numbering continues past both the files and the checkpoint: positions only ever grow, even
  // when every stored segment was deleted.
  let segment = Math.max(listSegments(dir).at(-1) ?? 0, segmentOf(checkpoint)) + 1;
  let fd = openSync(join(dir, segmentName(segment)), 'a');
  let offset = 0;
  let records = 0;
  // Preambles already in the current segment: readers resolve a click only from its own file.
  let preamblesWritten = new Set<string>();
  let sealed: LogPiece[] = [...recovered];
  let sealWaiters: ((pieces: LogPiece[]) => void)[] = [];
  let queue: QueuedRecord[] = [];
  let scheduled = false;
  let awaitingSync: (() => void)[] = [];
  // Whether anyone waits on the records awaiting sync (an HTTP 202): then it starts at once.
  let someoneWaits = false;
  let syncing = false;
  let lastSyncEnd = Number.NEGATIVE_INFINITY;
  let syncTimer: NodeJS.Timeout | null = null;
  let failed: Error | null = null;

  function fail(error: unknown, batch: QueuedRecord[]): void {
    // A failed write leaves the file in an unknown state: refuse everything from now on.
    failed = error instanceof Error ? error : new Error(String(error));
    for (const record of [...batch, ...queue]) record.reject(failed);
    queue = [];
  }

  /** Closes the current segment as a piece and opens the next. Only while no fdatasync runs. */
  function rotate(): void {
    if (records === 0) return;
    if (fsync === 'always') {
      fdatasyncSync(fd);
      const covered = awaitingSync;
      awaitingSync = [];
      someoneWaits = false;
      for (const acknowledge of covered) acknowledge();
    }
    closeSync(fd);
    const path = join(dir, segmentName(segment));
    sealed.push({
      segment,
      path,
      from: 0,
      to: offset,
      records,
      position: toPosition(segment, offset),
    });
    segment++;
    offset = 0;
    records = 0;
    preamblesWritten = new Set();
    fd = openSync(join(dir, segmentName(segment)), 'a');
  }

  /** Seals now if anyone asked and no fdatasync is in flight on the current file. */
  function settleSeals(): void {
    if (sealWaiters.length === 0 || syncing || failed) return;
    try {
      rotate();
    } catch (error) {
      fail(error, []);
      return;
    }
    const waiters = sealWaiters;
    const pieces = sealed;
    sealWaiters = [];
    sealed = [];
    for (const resolve of waiters) resolve(pieces);
  }

  function startSync(): void {
    if (syncing || awaitingSync.length === 0) return;
    const wait = someoneWaits ? 0 : lastSyncEnd + syncGapMs - performance.now();
    if (wait > 0) {
      if (syncTimer) return;
      syncTimer = setTimeout(() => {
        syncTimer = null;
        startSync();
      }, wait);
      return;
    }
    if (syncTimer) clearTimeout(syncTimer);
    syncTimer = null;
    syncing = true;
    someoneWaits = false;
    const covered = awaitingSync;
    awaitingSync = [];
    fdatasync(fd, (error) => {
      syncing = false;
      lastSyncEnd = performance.now();
      if (error) {
        fail(error, []);
        return;
      }
      for (const acknowledge of covered) acknowledge();
      settleSeals();
      startSync();
    });
  }

  function writeQueued(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      if (offset >= segmentBytes && !syncing) rotate();
      let text = '';
      for (const record of batch) {
        const preamble = record.preamble;
        if (preamble && !preamblesWritten.has(preamble.key)) {
          text += `${preamble.line}\n`;
          preamblesWritten.add(preamble.key);
        }
        text += record.line;
      }
      // Written as a string: Node encodes it straight into the write, no Buffer to collect.
      offset += writeSync(fd, text);
      records += batch.length;
    } catch (error) {
      fail(error, batch);
      return;
    }
    const end = toPosition(segment, offset);
    const acknowledge = () => {
      for (const record of batch) record.resolve(end);
    };
    if (fsync === 'always') {
      awaitingSync.push(acknowledge);
      if (batch.some((record) => record.resolve !== ignore)) someoneWaits = true;
      startSync();
    } else {
      acknowledge();
    }
    settleSeals();
  }

  return {
    /** Pieces found at start-up that the event store did not have. */
    recovered: recovered.map((piece) => ({ ...piece })),
    /**
     * Resolves once the record is durable, with the position of the end of its write batch
     * (a checkpoint at that position covers it).
     */
    append(event: StoredEvent): Promise<number> {
      if (failed) return Promise.reject(failed);
      return new Promise<number>((resolve, reject) => {
        queue.push({ line: `${JSON.stringify(event)}\n`, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(writeQueued);
        }
      });
    },
    /**
     * Queues a record (a `StoredEvent` or a compact click line, as JSON) nobody waits for (a
     * click recorded after its redirect went out): the same write and sync as `append`, without
     * a promise per record.
     * A failed write fails the log, so the next `append` reports it. A `preamble` (a click's
     * variant line) is written just before the record unless the current segment has it already;
     * it is not a record.
     */
    writeRecord(json: string, preamble?: LogPreamble): void {
      if (failed) throw failed;
      queue.push({ line: `${json}\n`, preamble, resolve: ignore, reject: ignore });
      if (!scheduled) {
        scheduled = true;
        setImmediate(writeQueued);
      }
    },
    /**
     * Closes the current segment (when it holds records) and returns every piece not handed out
     * yet, oldest first: recovered ones, segments closed at the size limit, then this one.
     */
    seal(): Promise<LogPiece[]> {
      if (failed) return Promise.reject(failed);
      return new Promise<LogPiece[]>((resolve) => {
        sealWaiters.push(resolve);
        settleSeals();
      });
    },
    /** Deletes a piece's file once the event store holds it (pieces are whole tails of files). */
    release(piece: LogPiece): void {
      if (piece.segment < segment && existsSync(piece.path)) unlinkSync(piece.path);
    },
    async close(): Promise<void> {
      while (scheduled || syncing || awaitingSync.length > 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      closeSync(fd);
      // An empty last segment says nothing; leaving it would only add files.
      if (offset === 0 && statSync(join(dir, segmentName(segment))).size === 0)
        unlinkSync(join(dir, segmentName(segment)));
    },
  };
}

export type DurableLog = Awaited<ReturnType<typeof openDurableLog>>;
