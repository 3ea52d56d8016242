import type { EventStore } from '../event-store.ts';
import type { Migration } from '../migrations/migration.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { createSerialQueue } from '../serial-queue.ts';
import { StoreError } from '../store-error.ts';
import { validateCheckpoint, validateStoredEvents } from '../validate-stored-events.ts';
import { appendEvents } from './append-events.ts';
import { appendJsonLines } from './append-json-lines.ts';
import { checkEventsTable } from './check-events-table.ts';
import { fillRollup } from './daily-rollups.ts';
import { createDuckDbSession } from './duckdb-session.ts';
import { EVENT_MIGRATIONS } from './event-migrations.ts';
import { openDuckDb } from './open-duckdb.ts';
import {
  countEvents,
  listEdges,
  listEvents,
  readCheckpoint,
  summarizeEvents,
} from './read-events.ts';
import { selectRows } from './select-rows.ts';

export interface DuckDbEventStoreOptions {
  /** Database file, or ':memory:'. One process owns a file: the server, when it runs. */
  path: string;
  /** Replaces the built-in migrations; for tests of the migration path only. */
  migrations?: readonly Migration[];
  /** DuckDB's worker threads (loads and queries); DuckDB's default, one per core, when unset. */
  threads?: number;
}

const DEFAULT_LIST_LIMIT = 10_000;

/**
 * The embedded event store. Writes (appends, checkpoints, migrations) go through one connection
 * and one queue, so a batch's BEGIN … COMMIT never interleaves with another; reads use a second
 * connection and queue, so they see committed data only and are not held up by a commit.
 *
 * Note that filling the appender is synchronous: a 10,000-event batch keeps the event loop busy
 * for roughly 60 ms on the CI machine; callers that care batch smaller.
 *
 * @example
 * const store = await createDuckDbEventStore({ path: 'data/events.duckdb' });
 * await store.migrate();
 * await store.append(events, { stream: 'collector', position: 1234 });
 */
export async function createDuckDbEventStore(
  options: DuckDbEventStoreOptions,
): Promise<EventStore> {
  const db = await openDuckDb(options.path, { threads: options.threads });
  const write = createSerialQueue();
  const read = createSerialQueue();
  const migrations = options.migrations ?? EVENT_MIGRATIONS;
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new StoreError('closed', 'the event store is closed');
  };

  return {
    dialect: 'duckdb',
    async migrate() {
      assertOpen();
      return write(async () => {
        const report = await runMigrations(createDuckDbSession(db.writer), migrations);
        await checkEventsTable(db.writer);
        return report;
      });
    },
    async append(events, checkpoint) {
      assertOpen();
      validateStoredEvents(events);
      if (checkpoint) validateCheckpoint(checkpoint);
      if (events.length === 0 && !checkpoint) return;
      await write(() => appendEvents(db.writer, events, checkpoint));
    },
    async appendJsonLines(path, checkpoint) {
      assertOpen();
      validateCheckpoint(checkpoint);
      await write(() => appendJsonLines(db.writer, path, checkpoint));
    },
    async checkpoint(stream) {
      assertOpen();
      return read(() => readCheckpoint(db.reader, stream));
    },
    async count(filter = {}) {
      assertOpen();
      return read(() => countEvents(db.reader, filter));
    },
    async list(siteId, listOptions = {}) {
      assertOpen();
      const limit = listOptions.limit ?? DEFAULT_LIST_LIMIT;
      if (!Number.isSafeInteger(limit) || limit < 0) {
        throw new StoreError('invalid', `list limit must be a non-negative integer, got ${limit}`);
      }
      const filter = {
        siteId,
        ...(listOptions.name === undefined ? {} : { name: listOptions.name }),
      };
      return read(() => listEvents(db.reader, filter, limit));
    },
    async edges(siteId) {
      assertOpen();
      return read(() => listEdges(db.reader, siteId));
    },
    async summarize(siteId) {
      assertOpen();
      return read(() => summarizeEvents(db.reader, siteId));
    },
    async selectRows(sql, params) {
      assertOpen();
      return read(() => selectRows(db.reader, sql, params));
    },
    async fillRollup(fill) {
      assertOpen();
      await write(() => fillRollup(db.writer, fill));
    },
    async close() {
      if (closed) return;
      closed = true;
      // Let queued work finish (a pending append must commit, not be cut off), then close.
      await Promise.allSettled([write(async () => {}), read(async () => {})]);
      db.close();
    },
  };
}
