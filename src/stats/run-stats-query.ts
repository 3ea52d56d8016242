import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { compileDuckDb } from './compile-duckdb.ts';
import type { Dimension, Metric, StatsQuery } from './query-spec.ts';

/**
 * One result row: the asked dimensions as text, `bucket` (epoch ms of the bucket's start) when
 * the query has an interval, and the asked metrics as numbers (counts arrive from DuckDB as
 * bigint; they are far below 2^53, so Number is exact).
 */
export type StatsRow = { [D in Dimension]?: string } & { bucket?: number } & {
  [M in Metric]?: number;
};

/** Compiles `query` for DuckDB and runs it on `connection` (one whose `events` table exists). */
export async function runStatsQuery(
  connection: DuckDBConnection,
  query: StatsQuery,
): Promise<StatsRow[]> {
  const { sql, params, columns } = compileDuckDb(query);
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRows().map((values: readonly DuckDBValue[]) => {
    const row: Record<string, string | number> = {};
    columns.forEach((column, index) => {
      const value = values[index];
      row[column.name] = column.kind === 'dimension' ? String(value ?? '') : Number(value ?? 0);
    });
    // Every key set above is a column the query asked for, typed by its kind.
    return row as StatsRow;
  });
}
