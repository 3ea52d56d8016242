/**
 * Values bound to `{name:Type}` placeholders, by name (`p1`, `p2`, … for compiled queries).
 * Arrays go to `Array(String)` parameters; both drivers escape every value themselves.
 */
export type ClickHouseParams = Readonly<Record<string, string | number | readonly string[]>>;

/** A query's result: column types (as ClickHouse names them) and rows in column order. */
export interface ClickHouseResult {
  types: string[];
  rows: unknown[][];
}

/**
 * The three things the ClickHouse adapter asks of an engine, so the adapter is written once for
 * a real server (@clickhouse/client over HTTP) and for chdb (the engine embedded in the test
 * process). Every call runs in the executor's database, so unqualified table names (`events`)
 * resolve there, as the stats compiler and the conformance suite expect.
 */
export interface ClickHouseExecutor {
  /** The database every statement runs in (created by `ensureDatabase`). */
  readonly database: string;
  /** Creates the database when missing (the adapter's first call). */
  ensureDatabase(): Promise<void>;
  /** DDL and other statements without a result. */
  command(sql: string): Promise<void>;
  /**
   * Inserts rows (values in `columns` order) into `table` in one request, as
   * JSONCompactEachRow: half the bytes of JSONEachRow, which repeats every key on every row.
   */
  insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  /** A SELECT with `{name:Type}` placeholders bound server-side from `params`. */
  query(sql: string, params?: ClickHouseParams): Promise<ClickHouseResult>;
  close(): Promise<void>;
}

/**
 * Settings every read needs, whatever the engine: LEFT/FULL joins give NULL (not the type's
 * default) for a missing side, as the portable stats SQL assumes; timestamps come out in ISO
 * form so they parse unambiguously; 64-bit integers come out as JSON numbers.
 */
export const CLICKHOUSE_READ_SETTINGS = {
  join_use_nulls: 1,
  date_time_output_format: 'iso',
  output_format_json_quote_64bit_integers: 0,
} as const;

/** A database name we create and splice into SQL: keep it to identifier characters. */
export const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
