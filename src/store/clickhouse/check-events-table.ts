import { StoreError } from '../store-error.ts';
import { STORED_EVENT_COLUMNS } from '../stored-event.ts';
import type { ClickHouseExecutor } from './clickhouse-executor.ts';

type ColumnKind = (typeof STORED_EVENT_COLUMNS)[number][1];

const TYPES: Readonly<Record<ColumnKind, string>> = {
  string: 'String',
  integer: 'Int64',
  timestamp_ms: "DateTime64(3, 'UTC')",
};

/**
 * Compares the migrated `events` table with STORED_EVENT_COLUMNS (names and order; types with
 * LowCardinality unwrapped), so a column added to the list without a ClickHouse migration fails
 * at start-up instead of as a rejected insert later.
 */
export async function checkClickHouseEventsTable(executor: ClickHouseExecutor): Promise<void> {
  const { rows } = await executor.query(
    `SELECT name, type FROM system.columns
     WHERE database = currentDatabase() AND table = 'events' ORDER BY position`,
  );
  const actual = rows.map(([name, type]) => {
    const plain = String(type).replace(/^LowCardinality\((.*)\)$/, '$1');
    return `${String(name)} ${plain}`;
  });
  const expected = STORED_EVENT_COLUMNS.map(([name, kind]) => `${name} ${TYPES[kind]}`);
  const index = expected.findIndex((column, i) => actual[i] !== column);
  if (index !== -1 || actual.length !== expected.length) {
    const at = index === -1 ? expected.length : index;
    throw new StoreError(
      'schema_mismatch',
      `the events table does not match STORED_EVENT_COLUMNS at column ${at + 1}: expected ${expected[at] ?? 'no column'}, found ${actual[at] ?? 'no column'}; add a migration in src/store/clickhouse/event-migrations.ts`,
    );
  }
}
