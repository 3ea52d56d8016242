import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { StoredEvent } from '../store/index.ts';

/** One accepted event and where its record ends in the log (the checkpoint after it). */
export interface LoggedEvent {
  event: StoredEvent;
  position: number;
}

export interface DurableLogOptions {
  dir: string;
  /** Start a new segment file past this size. */
  segmentBytes?: number;
  /** `always`: fdatasync before acknowledging (survives power loss); `never`: write() only (survives kill -9). */
  fsync?: 'always' | 'never';
}

/** Positions pack (segment, byte offset) in one number: segments up to 2^20, offsets up to 4 GiB. */
const SEGMENT_SPAN = 2 ** 32;
export const toPosition = (segment: number, offset: number) => segment * SEGMENT_SPAN + offset;
const segmentOf = (position: number) => Math.floor(position / SEGMENT_SPAN);
const offsetOf = (position: number) => position % SEGMENT_SPAN;
const segmentName = (segment: number) => `events-${String(segment).padStart(8, '0')}.log`;
const SEGMENT_FILE = /^events-(\d{8})\.log$/;

function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => SEGMENT_FILE.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** A complete line that does not parse cannot have been written by us whole: skip it. */
function parseRecord(line: string): StoredEvent | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && 'id' in value
      ? (value as StoredEvent)
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads every complete record after `checkpoint`, oldest first. A torn last line (the process
 * died mid-write, so it was never acknowledged) is cut off so the next segment starts clean.
 */
export function replayLog(dir: string, checkpoint: number): LoggedEvent[] {
  mkdirSync(dir, { recursive: true });
  const replayed: LoggedEvent[] = [];
  for (const segment of listSegments(dir)) {
    if (segment < segmentOf(checkpoint)) continue;
    const path = join(dir, segmentName(segment));
    const bytes = readFileSync(path);
    let start = segment === segmentOf(checkpoint) ? offsetOf(checkpoint) : 0;
    let newline = bytes.indexOf(10, start);
    while (newline !== -1) {
      const line = bytes.subarray(start, newline).toString('utf8');
      const event = parseRecord(line);
      if (event) replayed.push({ event, position: toPosition(segment, newline + 1) });
      start = newline + 1;
      newline = bytes.indexOf(10, start);
    }
    if (start < bytes.length) truncateSync(path, start);
  }
  return replayed;
}

interface QueuedRecord {
  line: string;
  event: StoredEvent;
  resolve: (logged: LoggedEvent) => void;
  reject: (error: Error) => void;
}

/**
 * Append-only event log with group commit: appends made during one event-loop turn are written
 * with a single write() at the end of the turn, and (with fsync `always`) acknowledged after one
 * fdatasync that covers every batch written before it started. Durability thus costs one syscall
 * pair per batch, not per event. `append` resolves only once the record is written (and synced).
 */
export async function openDurableLog(options: DurableLogOptions) {
  const { dir, segmentBytes = 64 * 1024 * 1024, fsync = 'always' } = options;
  mkdirSync(dir, { recursive: true });
  let segment = (listSegments(dir).at(-1) ?? 0) + 1;
  let fd = openSync(join(dir, segmentName(segment)), 'a');
  let offset = 0;
  let queue: QueuedRecord[] = [];
  let scheduled = false;
  let awaitingSync: (() => void)[] = [];
  let syncing = false;
  let failed: Error | null = null;

  function fail(error: unknown, records: QueuedRecord[]): void {
    // A failed write leaves the file in an unknown state: refuse everything from now on.
    failed = error instanceof Error ? error : new Error(String(error));
    for (const record of [...records, ...queue]) record.reject(failed);
    queue = [];
  }

  function rotateIfFull(): void {
    if (offset < segmentBytes || syncing) return;
    if (fsync === 'always') fdatasyncSync(fd);
    closeSync(fd);
    segment++;
    offset = 0;
    fd = openSync(join(dir, segmentName(segment)), 'a');
  }

  function startSync(): void {
    if (syncing || awaitingSync.length === 0) return;
    syncing = true;
    const covered = awaitingSync;
    awaitingSync = [];
    fdatasync(fd, (error) => {
      syncing = false;
      if (error) {
        fail(error, []);
        return;
      }
      for (const acknowledge of covered) acknowledge();
      startSync();
    });
  }

  function writeQueued(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      rotateIfFull();
      writeSync(fd, batch.map((record) => record.line).join(''));
    } catch (error) {
      fail(error, batch);
      return;
    }
    const logged = batch.map((record) => {
      offset += Buffer.byteLength(record.line);
      return { event: record.event, position: toPosition(segment, offset) };
    });
    const acknowledge = () => {
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(logged[i]!);
    };
    if (fsync === 'always') {
      awaitingSync.push(acknowledge);
      startSync();
    } else {
      acknowledge();
    }
  }

  return {
    append(event: StoredEvent): Promise<LoggedEvent> {
      if (failed) return Promise.reject(failed);
      return new Promise<LoggedEvent>((resolve, reject) => {
        queue.push({ line: `${JSON.stringify(event)}\n`, event, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(writeQueued);
        }
      });
    },
    /** Deletes segments whose every record is stored (all before the checkpoint's segment). */
    pruneBefore(checkpoint: number): void {
      if (segmentOf(checkpoint) <= 1) return;
      for (const old of listSegments(dir)) {
        if (old < segmentOf(checkpoint) && old < segment) unlinkSync(join(dir, segmentName(old)));
      }
    },
    async close(): Promise<void> {
      while (scheduled || syncing || awaitingSync.length > 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      closeSync(fd);
    },
  };
}

export type DurableLog = Awaited<ReturnType<typeof openDurableLog>>;
