import type { Sql } from './open-postgres.ts';

/**
 * The state tables the PostgreSQL adapter has (migrations 1–3), parents before children so
 * foreign keys hold while rows are copied in this order. Moving state from SQLite copies these
 * tables row for row: the PostgreSQL migrations keep SQLite's table and column names.
 */
export const STATE_TABLES = [
  'sites',
  'site_domains',
  'api_tokens',
  'users',
  'daily_salts',
  'share_links',
  'user_sessions',
  'site_members',
  'goals',
] as const;

export type StateTable = (typeof STATE_TABLES)[number];

/** Columns SQLite stores as 0/1 and PostgreSQL as BOOLEAN. */
const BOOLEAN_COLUMNS: Partial<Record<StateTable, readonly string[]>> = { share_links: ['utm'] };

export const isStateTable = (name: string): name is StateTable =>
  (STATE_TABLES as readonly string[]).includes(name);

/**
 * Every row of a state table, a cursor page at a time. Booleans come out as 0/1, as SQLite
 * stores them, so an export reads the same whichever engine wrote it.
 */
export async function* selectStateRows(
  sql: Sql,
  table: StateTable,
): AsyncGenerator<Record<string, unknown>> {
  for await (const rows of sql`SELECT * FROM ${sql(table)}`.cursor(1000)) {
    for (const row of rows) {
      yield Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          typeof value === 'boolean' ? Number(value) : value,
        ]),
      );
    }
  }
}

/**
 * Inserts copied rows into a migrated PostgreSQL state store. A row whose key already exists is
 * skipped (`ON CONFLICT DO NOTHING`), so an interrupted import can simply be run again.
 * Returns how many rows were new.
 */
export async function insertStateRows(
  sql: Sql,
  table: StateTable,
  rows: readonly Record<string, unknown>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const booleans = BOOLEAN_COLUMNS[table] ?? [];
  const converted = rows.map((row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const column of booleans) copy[column] = Boolean(copy[column]);
    return copy;
  });
  const columns = Object.keys(converted[0] ?? {});
  const result = await sql`INSERT INTO ${sql(table)} ${sql(
    converted as Record<string, string | number | boolean | null>[],
    columns,
  )} ON CONFLICT DO NOTHING`;
  return result.count;
}
