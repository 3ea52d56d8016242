import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickHouseTarget,
  createClickHouseClientExecutor,
  createClickHouseEventStore,
  createPostgresStateStore,
  createSqliteStateStore,
  createThreadedEventStore,
  type EventStore,
  type StateStore,
} from '../store/index.ts';
import { loadStoreSelection, type StoreSelection } from './config.ts';

/**
 * The stores, migrated and ready: the embedded ones under `dataDir` by default, or the server
 * engines `selection` names (from `--events`/`--state` and PENUMBRA_* env; read from the
 * environment when not given).
 */
export async function openStores(
  dataDir: string,
  selection: StoreSelection = loadStoreSelection(),
  tuning: EventStoreTuning = {},
): Promise<{ events: EventStore; state: StateStore }> {
  const state = await openStateStore(dataDir, selection);
  try {
    const events = await createEventStoreFor(dataDir, selection, tuning);
    await events.migrate().catch(async (error: unknown) => {
      await events.close();
      throw error;
    });
    return { events, state };
  } catch (error) {
    // E.g. the server holds the DuckDB file: do not leave the state store open behind us.
    await state.close();
    throw error;
  }
}

/** Settings of the embedded event store that only `serve` changes. */
export interface EventStoreTuning {
  /** DuckDB's worker threads (DuckDB's default, one per core, when unset). */
  duckdbThreads?: number;
}

/** The event store `selection` names, not yet migrated. */
export async function createEventStoreFor(
  dataDir: string,
  selection: StoreSelection,
  tuning: EventStoreTuning = {},
): Promise<EventStore> {
  mkdirSync(dataDir, { recursive: true });
  if (selection.events === 'clickhouse' && selection.clickhouseUrl) {
    const executor = createClickHouseClientExecutor(clickHouseTarget(selection.clickhouseUrl));
    return createClickHouseEventStore({ executor, streamPrefix: `${instanceId(dataDir)}:` });
  }
  // DuckDB lives in a worker thread: its synchronous appender would otherwise stall ingestion.
  return createThreadedEventStore({
    path: join(dataDir, 'events.duckdb'),
    threads: tuning.duckdbThreads,
  });
}

/**
 * Only the state store, migrated (SQLite allows several processes, and PostgreSQL several
 * instances; DuckDB belongs to the server).
 */
export async function openStateStore(
  dataDir: string,
  selection: StoreSelection = loadStoreSelection(),
): Promise<StateStore> {
  const state = await createStateStoreFor(dataDir, selection);
  await state.migrate().catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  return state;
}

/** The state store `selection` names, not yet migrated. */
export async function createStateStoreFor(
  dataDir: string,
  selection: StoreSelection,
): Promise<StateStore> {
  if (selection.state === 'postgres' && selection.postgresUrl) {
    return createPostgresStateStore({ url: selection.postgresUrl });
  }
  mkdirSync(dataDir, { recursive: true });
  return createSqliteStateStore({ path: join(dataDir, 'state.sqlite') });
}

/**
 * This instance's id, made once and kept in its data directory next to its durable ingest log:
 * the log and the checkpoint that points into it belong together, so the id follows the
 * directory (a restarted or moved instance keeps it; two instances never share one).
 */
export function instanceId(dataDir: string): string {
  const file = join(dataDir, 'instance-id');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const id = randomUUID();
    // 'wx': if another process made it meanwhile, keep theirs.
    try {
      writeFileSync(file, `${id}\n`, { flag: 'wx' });
      return id;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
