import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from '../store-error.ts';
import { STORED_EVENT_COLUMNS } from '../stored-event.ts';
import { DUCKDB_COLUMN_TYPE } from './duckdb-column-type.ts';

/**
 * The appender writes columns by position in STORED_EVENT_COLUMNS order, so the migrated table
 * (`event_rows`; `events` is the view over it and the click tables)
 * must match that list exactly. A column added to the list without a migration (or in another
 * position) is caught here at start-up, instead of as shifted data later.
 */
export async function checkEventsTable(connection: DuckDBConnection): Promise<void> {
  const reader = await connection.runAndReadAll(
    // The base table of whole events: `events` until migration 3 made it a view over `event_rows`.
    `SELECT c.column_name, c.data_type FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'main' AND c.table_name IN ('events', 'event_rows')
       AND t.table_type = 'BASE TABLE'
     ORDER BY c.ordinal_position`,
  );
  const actual = reader.getRows().map(([name, type]) => `${String(name)} ${String(type)}`);
  const expected = STORED_EVENT_COLUMNS.map(
    ([name, kind]) => `${name} ${DUCKDB_COLUMN_TYPE[kind]}`,
  );
  const index = expected.findIndex((column, i) => actual[i] !== column);
  if (index !== -1 || actual.length !== expected.length) {
    const at = index === -1 ? expected.length : index;
    throw new StoreError(
      'schema_mismatch',
      `the event_rows table does not match STORED_EVENT_COLUMNS at column ${at + 1}: expected ${expected[at] ?? 'no column'}, found ${actual[at] ?? 'no column'}; add a migration in src/store/duckdb/event-migrations.ts`,
    );
  }
}
