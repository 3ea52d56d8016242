import postgres from 'postgres';
import { StoreError } from '../store-error.ts';

/** The postgres.js pool, with BIGINT parsed to number (see `openPostgres`). */
export type Sql = postgres.Sql<{ bigint: number }>;
/** One transaction's handle (`sql.begin`). */
export type Tx = postgres.TransactionSql<{ bigint: number }>;

export interface OpenPostgresOptions {
  /** `postgres://user:password@host:5432/database` */
  url: string;
  /**
   * Schema holding Penumbra's tables (created when missing; default `public`). Several Penumbra
   * installations, or test cases, can share one database this way.
   */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pool. BIGINT (epoch ms, counts) comes back as a JS number, not the driver's default
 * string: every value we store fits in 2^53. Server NOTICEs ("relation already exists,
 * skipping") would otherwise be printed to the console by postgres.js.
 */
export async function openPostgres(options: OpenPostgresOptions): Promise<Sql> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA.test(schema)) {
    throw new StoreError('invalid', `invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  const sql: Sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { search_path: schema, application_name: 'penumbra' },
    types: {
      bigint: {
        to: 20,
        from: [20],
        serialize: (value: number) => String(value),
        parse: (value: string) => Number(value),
      },
    },
  });
  try {
    if (schema !== 'public') await createSchema(sql, schema);
    else await sql`SELECT 1`;
  } catch (cause) {
    await sql.end({ timeout: 1 });
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('invalid', `cannot reach PostgreSQL: ${reason}`, { cause });
  }
  return sql;
}

/**
 * `IF NOT EXISTS` is not atomic: two instances starting together both see no schema, and the
 * second CREATE then fails on the catalog's unique index. The schema exists either way.
 */
async function createSchema(sql: Sql, schema: string): Promise<void> {
  try {
    await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}
