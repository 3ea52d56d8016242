import Database from 'better-sqlite3';
import { StoreError } from '../store-error.ts';

/**
 * Opens a SQLite file with the settings every Penumbra connection uses (the state store's): WAL,
 * so the server, the CLI and the hub worker can share one file; NORMAL sync; foreign keys on.
 */
export function openSqliteDatabase(path: string, busyTimeoutMs = 5000): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('invalid', `cannot open SQLite file ${path}: ${reason}`, { cause });
  }
  // busy_timeout first: switching to WAL needs a lock another process may briefly hold.
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}
