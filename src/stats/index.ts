// The numbers the dashboard and the API show: one query spec, compiled per SQL dialect.
export type { CompiledStatsQuery } from './compile-stats-query.ts';
export { compileStatsQuery } from './compile-stats-query.ts';
export type { Dialect } from './dialect.ts';
export { DUCKDB_DIALECT } from './dialect.ts';
export type { PanelName } from './overview/compute-overview.ts';
export { computeOverview, isPanelName, PANELS } from './overview/compute-overview.ts';
export type { PanelContext } from './overview/panel-context.ts';
export { parsePanelQuery } from './overview/panel-context.ts';
export type * from './overview/panel-types.ts';
export type { StatsFilter, StatsQuery, StatsQueryInput } from './query-spec.ts';
export { parseStatsQuery, StatsQueryError } from './query-spec.ts';
export type { StatsRow } from './run-stats-query.ts';
export { dialectFor, registerDialect, runStatsQuery } from './run-stats-query.ts';
