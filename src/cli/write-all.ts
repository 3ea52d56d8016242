import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes and waits for drain when the stream's buffer is full, so output never piles up. */
export async function writeAll(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}
