import type { STORED_EVENT_COLUMNS } from '../stored-event.ts';

type ColumnKind = (typeof STORED_EVENT_COLUMNS)[number][1];

/** The DuckDB type each column kind maps to (TIMESTAMP holds microseconds since the epoch). */
export const DUCKDB_COLUMN_TYPE: Readonly<Record<ColumnKind, string>> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  timestamp_ms: 'TIMESTAMP',
};
