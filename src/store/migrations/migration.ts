/**
 * One schema step. Versions are positive integers in increasing order; a released migration is
 * never edited (databases out there already ran it): changes go in a new one.
 */
export interface Migration {
  version: number;
  /** snake_case, stored in `schema_migrations` so people can see what ran. */
  name: string;
  /** Run in order inside one transaction, together with the `schema_migrations` row. */
  statements: readonly string[];
}

/**
 * What the runner needs from an engine: the same four operations on DuckDB, SQLite and
 * PostgreSQL, so one runner (and one test of it) covers them all.
 */
export interface MigrationSession {
  exec(sql: string): Promise<void>;
  /** First column of every row, as numbers (counts and versions). */
  selectIntegers(sql: string): Promise<number[]>;
  /** Runs `work` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
