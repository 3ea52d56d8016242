import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createSqliteStateStore,
  createThreadedEventStore,
  type EventStore,
  type StateStore,
} from '../store/index.ts';

/** The embedded stores under one data directory, migrated and ready. */
export async function openStores(
  dataDir: string,
): Promise<{ events: EventStore; state: StateStore }> {
  const state = await createSqliteStateStore({ path: join(dataDir, 'state.sqlite') });
  await state.migrate();
  try {
    // DuckDB lives in a worker thread: its synchronous appender would otherwise stall ingestion.
    const events = await createThreadedEventStore({ path: join(dataDir, 'events.duckdb') });
    await events.migrate().catch(async (error: unknown) => {
      await events.close();
      throw error;
    });
    return { events, state };
  } catch (error) {
    // E.g. the server holds the DuckDB file: do not leave the SQLite handle open behind us.
    await state.close();
    throw error;
  }
}

/** Only the state store (SQLite allows several processes; DuckDB belongs to the server). */
export async function openStateStore(dataDir: string): Promise<StateStore> {
  mkdirSync(dataDir, { recursive: true });
  const state = await createSqliteStateStore({ path: join(dataDir, 'state.sqlite') });
  await state.migrate();
  return state;
}
