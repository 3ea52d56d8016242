import type { DuckDBConnection } from '@duckdb/node-api';
import type { MigrationSession } from '../migrations/migration.ts';

/**
 * The migration runner's view of a DuckDB connection. DuckDB's DDL is transactional, so a
 * failing migration rolls back whole. The caller must keep other work off this connection while
 * the runner uses it (the event store runs it on its write queue).
 */
export function createDuckDbSession(connection: DuckDBConnection): MigrationSession {
  return {
    async exec(sql) {
      await connection.run(sql);
    },
    async selectIntegers(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRows().map((row) => Number(row[0]));
    },
    async transaction(work) {
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await connection.run('COMMIT');
        return result;
      } catch (error) {
        await rollbackQuietly(connection);
        throw error;
      }
    },
  };
}

/**
 * Rolls back after a failure. A failed COMMIT has already ended the transaction, so ROLLBACK
 * then errors with "no transaction is active"; the original error is the one worth reporting.
 */
export async function rollbackQuietly(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run('ROLLBACK');
  } catch {
    // Nothing left to roll back.
  }
}
