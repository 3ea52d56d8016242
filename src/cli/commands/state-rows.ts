import Database from 'better-sqlite3';
import type { Sql } from '../../store/postgres/open-postgres.ts';
import {
  insertStateRows,
  isStateTable,
  type StateTable,
  selectStateRows,
} from '../../store/postgres/state-tables.ts';

/**
 * Where `export` reads state rows and `import` writes them, per engine. Both engines use the
 * same table and column names (STATE_TABLES), so a row moves as it is; flags are 0/1 in the file.
 */
export interface StateRows {
  read(table: StateTable): AsyncIterable<Record<string, unknown>>;
  /** Inserts rows, skipping keys already present (so an import can be repeated). */
  write(table: StateTable, rows: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

export function postgresStateRows(sql: Sql): StateRows {
  return {
    read: (table) => selectStateRows(sql, table),
    async write(table, rows) {
      await insertStateRows(sql, table, rows);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** A migrated SQLite state file. Reads see one snapshot per table; writes one transaction per batch. */
export function sqliteStateRows(path: string): StateRows {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    async *read(table) {
      for (const row of db.prepare(`SELECT * FROM ${table}`).iterate()) {
        yield row as Record<string, unknown>;
      }
    },
    async write(table, rows) {
      const [first] = rows;
      if (!first || !isStateTable(table)) return;
      const columns = Object.keys(first);
      // Column names come from the export file: keep them to identifiers before splicing them in.
      if (!columns.every((column) => /^[a-z_]+$/.test(column))) {
        throw new Error(`bad column name in ${table} rows`);
      }
      const insert = db.prepare(
        `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      db.transaction(() => {
        for (const row of rows) {
          insert.run(
            ...columns.map((column) => {
              const value = row[column];
              return typeof value === 'boolean' ? Number(value) : value;
            }),
          );
        }
      })();
    },
    async close() {
      db.close();
    },
  };
}
