import { mkdirSync, readdirSync, readFileSync, truncateSync, unlinkSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
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

/**
 * Append-only event log with group commit: appends that arrive while a write is in flight are
 * batched into the next single write (+ fdatasync), so durability costs one syscall pair per
 * batch rather than per event. `append` resolves only once the record is on disk.
 */
export async function openDurableLog(options: DurableLogOptions) {
  const { dir, segmentBytes = 64 * 1024 * 1024, fsync = 'always' } = options;
  mkdirSync(dir, { recursive: true });
  let segment = (listSegments(dir).at(-1) ?? 0) + 1;
  let file: FileHandle = await open(join(dir, segmentName(segment)), 'a');
  let offset = 0;
  let queue: {
    line: string;
    event: StoredEvent;
    resolve: (e: LoggedEvent) => void;
    reject: (e: Error) => void;
  }[] = [];
  let writing = false;
  let failed: Error | null = null;

  async function rotateIfFull(): Promise<void> {
    if (offset < segmentBytes) return;
    await file.close();
    segment++;
    offset = 0;
    file = await open(join(dir, segmentName(segment)), 'a');
  }

  async function writeBatches(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await rotateIfFull();
        const buffers = batch.map((entry) => Buffer.from(entry.line, 'utf8'));
        await file.writev(buffers);
        if (fsync === 'always') await file.datasync();
        for (let i = 0; i < batch.length; i++) {
          offset += buffers[i]!.length;
          const entry = batch[i]!;
          entry.resolve({ event: entry.event, position: toPosition(segment, offset) });
        }
      } catch (error) {
        // A failed write leaves the file in an unknown state: refuse everything from now on.
        failed = error instanceof Error ? error : new Error(String(error));
        for (const entry of [...batch, ...queue]) entry.reject(failed);
        queue = [];
      }
    }
    writing = false;
  }

  return {
    append(event: StoredEvent): Promise<LoggedEvent> {
      if (failed) return Promise.reject(failed);
      return new Promise<LoggedEvent>((resolve, reject) => {
        queue.push({ line: `${JSON.stringify(event)}\n`, event, resolve, reject });
        if (!writing) setImmediate(() => void writeBatches());
        writing = true;
      });
    },
    /** Deletes segments whose every record is stored (all before the checkpoint's segment). */
    pruneBefore(checkpoint: number): void {
      for (const old of listSegments(dir)) {
        if (old < segmentOf(checkpoint) && old < segment) unlinkSync(join(dir, segmentName(old)));
      }
    },
    async close(): Promise<void> {
      while (writing) await new Promise((resolve) => setImmediate(resolve));
      await file.close();
    },
  };
}

export type DurableLog = Awaited<ReturnType<typeof openDurableLog>>;
