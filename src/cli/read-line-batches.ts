import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than the cap: its text is dropped, only its number is kept. */
export const TOO_LONG = Symbol('line too long');
export type LineOrTooLong = string | typeof TOO_LONG;

export interface ReadLinesOptions {
  /** Characters; longer lines are skipped without ever being held whole in memory. */
  maxLineLength: number;
}

/**
 * Splits a byte stream into lines, yielding one array per chunk so callers pay no per-line
 * promise. Memory stays bounded by one chunk plus one capped line, whatever the input size.
 * `\r\n` endings are accepted; a final line without newline is yielded too.
 */
export async function* readLineBatches(
  stream: Readable,
  { maxLineLength }: ReadLinesOptions,
): AsyncGenerator<LineOrTooLong[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false;
  const finish = (line: string): LineOrTooLong => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    return text.length > maxLineLength ? TOO_LONG : text;
  };
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    const batch: LineOrTooLong[] = [];
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      if (skipping) {
        batch.push(TOO_LONG);
        skipping = false;
      } else {
        batch.push(finish(pending + text.slice(start, newline)));
      }
      pending = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (!skipping) {
      pending += text.slice(start);
      if (pending.length > maxLineLength) {
        pending = '';
        skipping = true;
      }
    }
    if (batch.length > 0) yield batch;
  }
  const rest = pending + decoder.end();
  if (skipping) yield [TOO_LONG];
  else if (rest.length > 0) yield [finish(rest)];
}
