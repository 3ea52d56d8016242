import { type DuckDBConnection, DuckDBTimestampValue, type DuckDBValue } from '@duckdb/node-api';
import type { SqlValue } from '../event-store.ts';
import { StoreError } from '../store-error.ts';

/** Only a single SELECT (or WITH … SELECT): the method is for compiled read queries. */
export const READ_ONLY = /^\s*(WITH|SELECT)\b/i;

function toSqlValue(value: DuckDBValue): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  // Counts are BIGINT; far below 2^53 for any one site, so Number is exact.
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  // TIMESTAMP is microseconds since the epoch; callers speak epoch ms.
  if (value instanceof DuckDBTimestampValue) return Number(value.micros / 1000n);
  return String(value);
}

export async function selectRows(
  connection: DuckDBConnection,
  sql: string,
  params: readonly (string | number)[],
): Promise<SqlValue[][]> {
  if (!READ_ONLY.test(sql)) {
    throw new StoreError('invalid', 'selectRows runs SELECT queries only');
  }
  const reader = await connection.runAndReadAll(sql, [...params]);
  return reader.getRows().map((row) => row.map(toSqlValue));
}
