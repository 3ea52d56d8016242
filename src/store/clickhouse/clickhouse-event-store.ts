import type { EventStore } from '../event-store.ts';
import type { Migration } from '../migrations/migration.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { readJsonLinesFile } from '../read-json-lines-file.ts';
import { createSerialQueue } from '../serial-queue.ts';
import { StoreError } from '../store-error.ts';
import { validateCheckpoint, validateStoredEvents } from '../validate-stored-events.ts';
import { appendClickHouseEvents } from './append-events.ts';
import { checkClickHouseEventsTable } from './check-events-table.ts';
import type { ClickHouseExecutor } from './clickhouse-executor.ts';
import { createClickHouseSession } from './clickhouse-session.ts';
import { CLICKHOUSE_EVENT_MIGRATIONS } from './event-migrations.ts';
import {
  countClickHouseEvents,
  listClickHouseEdges,
  listClickHouseEvents,
  readClickHouseCheckpoint,
  selectClickHouseRows,
  summarizeClickHouseEvents,
} from './read-events.ts';

export interface ClickHouseEventStoreOptions {
  /**
   * How to reach the engine: `createClickHouseClientExecutor({ url, database })` for a server,
   * `createChdbExecutor(session, database)` for the embedded engine (tests, benchmarks).
   */
  executor: ClickHouseExecutor;
  /**
   * Put before every checkpoint stream name. Instances sharing one ClickHouse each move their
   * own durable log into it, all under the collector's one stream name: the prefix (one per
   * instance, `open-stores.ts` keeps it in the data directory) keeps their positions apart, so
   * one instance's checkpoint never skips another's unstored events.
   */
  streamPrefix?: string;
  /** Replaces the built-in migrations; for tests of the migration path only. */
  migrations?: readonly Migration[];
}

const DEFAULT_LIST_LIMIT = 10_000;

/**
 * The event store on ClickHouse. Appends go through one queue (the id check and the insert of
 * one batch must not interleave with another's); reads go straight to the engine, which runs
 * them concurrently. See append-events.ts for how replay stays exact without transactions.
 *
 * @example
 * const executor = createClickHouseClientExecutor({ url: process.env.PENUMBRA_CLICKHOUSE_URL, database: 'penumbra' });
 * const store = await createClickHouseEventStore({ executor });
 * await store.migrate();
 */
export async function createClickHouseEventStore(
  options: ClickHouseEventStoreOptions,
): Promise<EventStore> {
  const { executor } = options;
  const prefix = options.streamPrefix ?? '';
  const migrations = options.migrations ?? CLICKHOUSE_EVENT_MIGRATIONS;
  const write = createSerialQueue();
  const reads = new Set<Promise<unknown>>();
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new StoreError('closed', 'the event store is closed');
  };
  // Async, so a closed store rejects rather than throws at the call.
  const read = async <T>(work: () => Promise<T>): Promise<T> => {
    assertOpen();
    const pending = work();
    reads.add(pending);
    pending.then(
      () => reads.delete(pending),
      () => reads.delete(pending),
    );
    return pending;
  };
  await executor.ensureDatabase();
  return {
    dialect: 'clickhouse',
    async migrate() {
      assertOpen();
      return write(async () => {
        const report = await runMigrations(createClickHouseSession(executor), migrations);
        await checkClickHouseEventsTable(executor);
        return report;
      });
    },
    async append(events, checkpoint) {
      assertOpen();
      validateStoredEvents(events);
      if (checkpoint) validateCheckpoint(checkpoint);
      if (events.length === 0 && !checkpoint) return;
      const stored = checkpoint && { ...checkpoint, stream: prefix + checkpoint.stream };
      await write(() => appendClickHouseEvents(executor, events, stored));
    },
    // The server may not see the collector's disk, so the file is read here and sent as rows.
    async appendJsonLines(path, checkpoint) {
      assertOpen();
      validateCheckpoint(checkpoint);
      const events = readJsonLinesFile(path);
      validateStoredEvents(events);
      const stored = { ...checkpoint, stream: prefix + checkpoint.stream };
      await write(() => appendClickHouseEvents(executor, events, stored));
    },
    checkpoint: (stream) => read(() => readClickHouseCheckpoint(executor, prefix + stream)),
    count: (filter = {}) => read(() => countClickHouseEvents(executor, filter)),
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
      return read(() => listClickHouseEvents(executor, filter, limit));
    },
    edges: (siteId) => read(() => listClickHouseEdges(executor, siteId)),
    summarize: (siteId) => read(() => summarizeClickHouseEvents(executor, siteId)),
    selectRows: (sql, params) => read(() => selectClickHouseRows(executor, sql, params)),
    async close() {
      if (closed) return;
      closed = true;
      // Let queued work finish (a pending append must land, not be cut off), then close.
      await Promise.allSettled([write(async () => {}), ...reads]);
      await executor.close();
    },
  };
}
