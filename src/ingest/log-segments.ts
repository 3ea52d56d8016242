import { mkdirSync, readdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { createLogLineReader, type StoredEvent } from '../store/index.ts';

/**
 * A finished stretch of the log, ready for the event store: whole records from byte `from` to
 * `to` of one segment file. `position` is the checkpoint once it is stored.
 */
export interface LogPiece {
  segment: number;
  path: string;
  from: number;
  to: number;
  records: number;
  position: number;
}

/** Positions pack (segment, byte offset) in one number: segments up to 2^20, offsets up to 4 GiB. */
const SEGMENT_SPAN = 2 ** 32;
export const toPosition = (segment: number, offset: number) => segment * SEGMENT_SPAN + offset;
export const segmentOf = (position: number) => Math.floor(position / SEGMENT_SPAN);
export const offsetOf = (position: number) => position % SEGMENT_SPAN;
export const segmentName = (segment: number) => `events-${String(segment).padStart(8, '0')}.log`;
const SEGMENT_FILE = /^events-(\d{8})\.log$/;

export function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => SEGMENT_FILE.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function countRecords(bytes: Buffer, from: number, to: number): number {
  let records = 0;
  for (let at = bytes.indexOf(10, from); at !== -1 && at < to; at = bytes.indexOf(10, at + 1))
    records++;
  return records;
}

/**
 * Finds what the event store has not stored yet: every segment after `checkpoint`, as pieces.
 * A torn last line (the process died mid-write, so it was never acknowledged) is cut off first.
 */
export function recoverLog(dir: string, checkpoint: number): LogPiece[] {
  mkdirSync(dir, { recursive: true });
  const pieces: LogPiece[] = [];
  for (const segment of listSegments(dir)) {
    if (segment < segmentOf(checkpoint)) continue;
    const path = join(dir, segmentName(segment));
    const bytes = readFileSync(path);
    const whole = bytes.lastIndexOf(10) + 1;
    if (whole < bytes.length) truncateSync(path, whole);
    const from = segment === segmentOf(checkpoint) ? offsetOf(checkpoint) : 0;
    if (whole <= from) continue;
    // Counts lines, click variants included: the same count is logged and stored, so it nets out.
    const records = countRecords(bytes, from, whole);
    pieces.push({ segment, path, from, to: whole, records, position: toPosition(segment, whole) });
  }
  return pieces;
}

/**
 * The records of a piece, each with the position just after it (for partial checkpoints). Click
 * lines come back as full events. A complete line that does not parse cannot have been written by
 * us whole, and a click whose variant is not in its file cannot be completed: both are skipped.
 */
export function readLogPiece(piece: LogPiece): { event: StoredEvent; position: number }[] {
  const bytes = readFileSync(piece.path).subarray(0, piece.to);
  const reader = createLogLineReader();
  const records: { event: StoredEvent; position: number }[] = [];
  // From byte 0 even when `from` is past it: the variants of the piece's clicks may come before.
  let start = 0;
  for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
    const read = reader.read(bytes.subarray(start, newline).toString('utf8'));
    if (start >= piece.from && read.kind === 'event' && isEvent(read.event))
      records.push({ event: read.event, position: toPosition(piece.segment, newline + 1) });
    start = newline + 1;
  }
  return records;
}

/** Only objects with an id were written as events (the store validates the rest). */
const isEvent = (value: StoredEvent): boolean => 'id' in value;
