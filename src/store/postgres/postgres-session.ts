import type { MigrationReport } from '../event-store.ts';
import type { Migration, MigrationSession } from '../migrations/migration.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import type { Sql } from './open-postgres.ts';

/** One connection taken out of the pool (postgres.js `reserve()`). */
type Connection = Pick<Sql, 'unsafe'>;

/**
 * The migration runner's session on one PostgreSQL connection. PostgreSQL's DDL is
 * transactional, so a failing migration rolls back whole, as on SQLite and DuckDB. The
 * connection must be reserved: BEGIN and COMMIT have to reach the same server session.
 */
export function createPostgresSession(connection: Connection): MigrationSession {
  return {
    async exec(text) {
      await connection.unsafe(text);
    },
    async selectIntegers(text) {
      const rows = await connection.unsafe(text).values();
      return rows.map((row) => Number(row[0]));
    },
    async transaction(work) {
      await connection.unsafe('BEGIN');
      try {
        const result = await work();
        await connection.unsafe('COMMIT');
        return result;
      } catch (error) {
        await connection.unsafe('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}

/**
 * Runs the migrations on a reserved connection holding an advisory lock for the schema, so
 * several instances starting together migrate one after the other: the first applies, the
 * others find every version done. (Without the lock, even the runner's
 * `CREATE TABLE IF NOT EXISTS schema_migrations` fails in one of two concurrent sessions.)
 */
export async function migratePostgres(
  sql: Sql,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  const connection = await sql.reserve();
  const key = "hashtext('penumbra_migrations:' || current_schema())";
  try {
    await connection.unsafe(`SELECT pg_advisory_lock(${key})`);
    try {
      return await runMigrations(createPostgresSession(connection), migrations);
    } finally {
      await connection.unsafe(`SELECT pg_advisory_unlock(${key})`);
    }
  } finally {
    connection.release();
  }
}
