import type { Database } from 'better-sqlite3';
import type { MigrationSession } from '../migrations/migration.ts';

/**
 * The migration runner's view of a better-sqlite3 connection. BEGIN IMMEDIATE takes the write
 * lock up front, so two processes starting together serialise instead of both migrating (the
 * runner re-checks the version inside the transaction).
 */
export function createSqliteSession(db: Database): MigrationSession {
  return {
    async exec(sql) {
      db.exec(sql);
    },
    async selectIntegers(sql) {
      const rows = db.prepare(sql).raw().all() as unknown[][];
      return rows.map((row) => Number(row[0]));
    },
    async transaction(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}
