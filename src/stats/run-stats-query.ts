import type { EventStore, SqlValue } from '../store/index.ts';
import { type CompiledColumn, compileStatsQuery } from './compile-stats-query.ts';
import { type Dialect, DUCKDB_DIALECT } from './dialect.ts';
import { CLICKHOUSE_DIALECT } from './dialect-clickhouse.ts';
import type { Dimension, Metric, StatsQuery } from './query-spec.ts';

/**
 * One result row: the asked dimensions as text, `bucket` (epoch ms of the bucket's start) when
 * the query has an interval, and the asked metrics as numbers.
 */
export type StatsRow = { [D in Dimension]?: string } & { bucket?: number } & {
  [M in Metric]?: number;
};

/** The dialect of each event store engine; an engine without one cannot answer stats. */
const DIALECTS: Partial<Record<EventStore['dialect'], Dialect>> = {
  duckdb: DUCKDB_DIALECT,
  clickhouse: CLICKHOUSE_DIALECT,
};

/** Registers a dialect (the ClickHouse adapter's module does this for its engine). */
export function registerDialect(dialect: Dialect): void {
  DIALECTS[dialect.name] = dialect;
}

export function dialectFor(store: Pick<EventStore, 'dialect'>): Dialect {
  const dialect = DIALECTS[store.dialect];
  if (!dialect) throw new Error(`no stats dialect for the ${store.dialect} event store`);
  return dialect;
}

/** Compiles `query` for the store's engine and runs it there. */
export async function runStatsQuery(store: EventStore, query: StatsQuery): Promise<StatsRow[]> {
  const { sql, params, columns } = compileStatsQuery(query, dialectFor(store));
  return toStatsRows(await store.selectRows(sql, params), columns);
}

/** A result's rows as objects: dimensions as text, the bucket and metrics as numbers. */
export function toStatsRows(rows: SqlValue[][], columns: CompiledColumn[]): StatsRow[] {
  return rows.map((values: SqlValue[]) => {
    const row: Record<string, string | number> = {};
    columns.forEach((column, index) => {
      const value = values[index];
      row[column.name] = column.kind === 'dimension' ? String(value ?? '') : Number(value ?? 0);
    });
    // Every key set above is a column the query asked for, typed by its kind.
    return row as StatsRow;
  });
}
