import { StoreError } from './store-error.ts';
import { STORED_EVENT_COLUMNS, type StoredEvent } from './stored-event.ts';

/**
 * Checks a whole batch before any of it is written, so a bad event rejects the batch in every
 * adapter alike (even engines without transactions) and the error names the culprit.
 */
export function validateStoredEvents(events: readonly StoredEvent[]): void {
  for (let row = 0; row < events.length; row++) {
    const candidate: unknown = events[row];
    if (typeof candidate !== 'object' || candidate === null) {
      throw new StoreError('invalid', `event ${row} is not an object`);
    }
    const event = candidate as Readonly<Record<string, unknown>>;
    for (const [column, kind] of STORED_EVENT_COLUMNS) {
      const value = event[column];
      const ok =
        kind === 'string'
          ? typeof value === 'string'
          : typeof value === 'number' && Number.isSafeInteger(value);
      if (!ok) {
        const expected = kind === 'string' ? 'a string' : 'a safe integer';
        throw new StoreError(
          'invalid',
          `event ${row} (id ${String(event.id)}): ${column} must be ${expected}, got ${String(value)}`,
        );
      }
    }
  }
}

/** Checks a stream checkpoint: a non-empty stream name and a non-negative safe integer. */
export function validateCheckpoint(checkpoint: { stream: string; position: number }): void {
  if (typeof checkpoint.stream !== 'string' || checkpoint.stream.length === 0) {
    throw new StoreError('invalid', 'checkpoint stream must be a non-empty string');
  }
  if (!Number.isSafeInteger(checkpoint.position) || checkpoint.position < 0) {
    throw new StoreError(
      'invalid',
      `checkpoint position must be a non-negative safe integer, got ${checkpoint.position}`,
    );
  }
}
