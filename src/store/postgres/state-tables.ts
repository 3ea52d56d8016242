import type { Sql } from './open-postgres.ts';

/**
 * The state tables both adapters have (migrations 1–3, and the messaging hub's 10–11), parents
 * before children so foreign keys hold while rows are copied in this order. Moving state from
 * SQLite copies these tables row for row: the PostgreSQL migrations keep SQLite's table and
 * column names.
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
  'hub_contacts',
  'hub_consent_ledger',
  'hub_suppressions',
  'hub_inbound_events',
  'hub_conversations',
  'hub_messages',
  'hub_outbox',
  'hub_sender_halts',
  'hub_communities',
  'hub_memberships',
  'hub_broadcasts',
  'hub_assistant_states',
] as const;

export type StateTable = (typeof STATE_TABLES)[number];

/**
 * Tables whose `seq` is an identity column on PostgreSQL: copied rows keep their seq (order and
 * references depend on it), then the identity continues after the largest one.
 */
const IDENTITY_TABLES: readonly StateTable[] = [
  'hub_consent_ledger',
  'hub_inbound_events',
  'hub_messages',
  'hub_outbox',
];

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
  const values = sql(converted as Record<string, string | number | boolean | null>[], columns);
  if (!IDENTITY_TABLES.includes(table)) {
    return (await sql`INSERT INTO ${sql(table)} ${values} ON CONFLICT DO NOTHING`).count;
  }
  // postgres.js's insert helper cannot place OVERRIDING SYSTEM VALUE, so this statement is
  // spelled out; the table is one of ours and the column names are checked identifiers.
  if (!columns.every((column) => /^[a-z_]+$/.test(column))) {
    throw new Error(`bad column name in ${table} rows`);
  }
  const placeholders = converted.map(
    (_, row) =>
      `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
  );
  const params = converted.flatMap((row) =>
    columns.map((column) => row[column] as string | number | boolean | null | Buffer),
  );
  const result = await sql.unsafe(
    `INSERT INTO ${table} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${placeholders.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'seq'),
    (SELECT coalesce(max(seq), 1) FROM ${sql(table)}))`;
  return result.count;
}
