import { readFileSync } from 'node:fs';
import { createLogLineReader } from './log-lines.ts';
import { StoreError } from './store-error.ts';
import type { StoredEvent } from './stored-event.ts';

/**
 * The events of a file of collector log lines (see log-lines.ts), for adapters that load such a
 * file through `append` (the values are validated there): click lines come back completed by
 * their variant, variant lines give no event. A line that is not a JSON object, or a click whose
 * variant is not earlier in the file, rejects the whole file, as a bulk loader would.
 */
export function readJsonLinesFile(path: string): StoredEvent[] {
  const events: StoredEvent[] = [];
  const reader = createLogLineReader();
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    const read = reader.read(line);
    if (read.kind === 'invalid')
      throw new StoreError('invalid', `${path}: line ${index + 1} ${read.reason}`);
    if (read.kind === 'event') events.push(read.event);
  }
  return events;
}
