import type { Interval } from './query-spec.ts';

/** How a compiled query's parameter is typed (ClickHouse needs the type in the placeholder). */
export type ParamType = 'string' | 'integer' | 'epoch_ms';

/**
 * Everything SQL-engine specific the stats compiler needs, and nothing else: the compiler
 * (compile-stats-query.ts) writes only portable SQL around these calls. A ClickHouse dialect is
 * one more object of this shape — `{p1:String}` placeholders, `argMin`, `uniqExact`,
 * `toStartOfDay`, `countIf` — not a second copy of the queries (style.md §8.2 rule 5).
 */
export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  /**
   * Where visits come from: the store's `sessions` table (one row per visit, kept by every
   * append) or a grouping of the page views by session at query time.
   */
  readonly visitsFrom: 'sessions' | 'events';
  /** Placeholder of the 1-based parameter `index`, as a value of `type` (epoch_ms → timestamp). */
  param(index: number, type: ParamType): string;
  /** `value` taken from the row with the smallest `order`. */
  argMin(value: string, order: string): string;
  countDistinct(expression: string): string;
  /** Rows where `condition` holds. */
  countIf(condition: string): string;
  /** Start of the UTC `interval` containing timestamp `ts`, as epoch ms (an integer). */
  bucket(ts: string, interval: Interval): string;
  /** The timestamp at `epochMs` (an integer expression of epoch milliseconds), UTC. */
  timestamp(epochMs: string): string;
  /** Seconds from timestamp `from` to timestamp `to`, fractional. */
  secondsBetween(from: string, to: string): string;
  /** Case-insensitive substring test, with no wildcard characters (`%`, `_` are data). */
  contains(haystack: string, needle: string): string;
  /** SQL LIKE with `\\` as the escape character (the compiler escapes `%`, `_` and `\\`). */
  like(haystack: string, pattern: string): string;
  /** The number under top-level `key` of a JSON object text column, 0 when absent or not a number. */
  jsonNumber(json: string, key: string): string;
}

export const DUCKDB_DIALECT: Dialect = {
  name: 'duckdb',
  visitsFrom: 'sessions',
  // Numbers are bound as DOUBLE by @duckdb/node-api: cast to the BIGINT epoch_ms and LIMIT want.
  param: (index, type) => {
    if (type === 'epoch_ms') return `epoch_ms(CAST($${index} AS BIGINT))`;
    return type === 'integer' ? `CAST($${index} AS BIGINT)` : `$${index}`;
  },
  argMin: (value, order) => `arg_min(${value}, ${order})`,
  countDistinct: (expression) => `count(DISTINCT ${expression})`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  // `ts` is a TIMESTAMP without zone holding UTC, so date_trunc buckets are UTC; weeks start Monday.
  bucket: (ts, interval) => `epoch_ms(date_trunc('${interval}', ${ts}))`,
  timestamp: (epochMs) => `epoch_ms(CAST(${epochMs} AS BIGINT))`,
  secondsBetween: (from, to) => `(epoch_ms(${to}) - epoch_ms(${from})) / 1000.0`,
  // contains() is literal, unlike LIKE, so a filter value of '%' matches only a '%'.
  contains: (haystack, needle) => `contains(lower(${haystack}), lower(${needle}))`,
  like: (haystack, pattern) => `${haystack} LIKE ${pattern} ESCAPE '\\'`,
  // Props are written by the collector with JSON.stringify, so they are valid JSON or ''.
  jsonNumber: (json, key) =>
    `(CASE WHEN ${json} = '' THEN 0 ELSE coalesce(TRY_CAST(json_extract_string(${json}, '$.${key}') AS DOUBLE), 0) END)`,
};
