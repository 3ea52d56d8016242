import { type CompiledStatsQuery, compileStatsQuery } from './compile-stats-query.ts';
import { DUCKDB_DIALECT } from './dialect.ts';
import type { StatsQuery } from './query-spec.ts';

/** Compiles a validated stats query to DuckDB SQL over the `events` table. */
export function compileDuckDb(query: StatsQuery): CompiledStatsQuery {
  return compileStatsQuery(query, DUCKDB_DIALECT);
}
