import { readFileSync } from 'node:fs';
import { StoreError } from './store-error.ts';
import type { StoredEvent } from './stored-event.ts';

/**
 * The records of a newline-delimited JSON file of events, for adapters that load such a file
 * through `append` (the values are validated there). A line that is not a JSON object rejects
 * the whole file, as a bulk loader would.
 */
export function readJsonLinesFile(path: string): StoredEvent[] {
  const events: StoredEvent[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new StoreError('invalid', `${path}: line ${index + 1} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new StoreError('invalid', `${path}: line ${index + 1} is not a JSON object`);
    events.push(value as StoredEvent);
  }
  return events;
}
