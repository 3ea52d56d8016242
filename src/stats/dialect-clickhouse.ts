import type { Dialect, ParamType } from './dialect.ts';
import type { Interval } from './query-spec.ts';

const PARAM_TYPES: Record<ParamType, string> = {
  string: 'String',
  integer: 'Int64',
  epoch_ms: 'Int64',
};

// Start of each UTC bucket; the events table's ts is DateTime64(3, 'UTC'). Weeks start on
// Monday (toStartOfWeek mode 1), as DuckDB's date_trunc('week') does.
const BUCKET_START: Record<Interval, (ts: string) => string> = {
  hour: (ts) => `toStartOfHour(${ts})`,
  day: (ts) => `toStartOfDay(${ts})`,
  week: (ts) => `toStartOfWeek(${ts}, 1)`,
  month: (ts) => `toStartOfMonth(${ts})`,
};

/**
 * The stats compiler's ClickHouse dialect. Placeholders are server-side typed parameters
 * (`{p1:String}`), bound by the executor from the positional list; nothing is spliced into the
 * text. The store's reads run with `join_use_nulls = 1`, so the compiler's LEFT and FULL OUTER
 * joins give NULL for a missing side and its `coalesce` calls work as on DuckDB (with the
 * ClickHouse default, a missing side reads as '' or 0 and `coalesce` would keep it).
 */
export const CLICKHOUSE_DIALECT: Dialect = {
  name: 'clickhouse',
  visitsFrom: 'events',
  param: (index, type) => {
    const placeholder = `{p${index}:${PARAM_TYPES[type]}}`;
    return type === 'epoch_ms' ? `fromUnixTimestamp64Milli(${placeholder}, 'UTC')` : placeholder;
  },
  argMin: (value, order) => `argMin(${value}, ${order})`,
  countDistinct: (expression) => `uniqExact(${expression})`,
  countIf: (condition) => `countIf(${condition})`,
  bucket: (ts, interval) =>
    `toInt64(toUnixTimestamp(toDateTime(${BUCKET_START[interval](ts)}, 'UTC'))) * 1000`,
  timestamp: (epochMs) => `fromUnixTimestamp64Milli(toInt64(${epochMs}), 'UTC')`,
  secondsBetween: (from, to) =>
    `(toUnixTimestamp64Milli(${to}) - toUnixTimestamp64Milli(${from})) / 1000.0`,
  // Literal and case-insensitive, like DuckDB's contains(lower(), lower()): no wildcards.
  contains: (haystack, needle) => `positionCaseInsensitiveUTF8(${haystack}, ${needle}) > 0`,
  // ClickHouse's LIKE always escapes with a backslash and has no ESCAPE clause.
  like: (haystack, pattern) => `${haystack} LIKE ${pattern}`,
  // 0 for '' , a missing key or a non-number; a number held as a string is read, as DuckDB's
  // TRY_CAST does. `key` is a constant of the compiler, never user input.
  jsonNumber: (json, key) => `JSONExtractFloat(${json}, '${key}')`,
};
