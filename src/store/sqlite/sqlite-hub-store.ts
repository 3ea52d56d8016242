import type { HubStore } from '../hub-store.ts';
import type { Migration } from '../migrations/migration.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { StoreError } from '../store-error.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';
import { createSqliteHubContacts } from './sqlite-hub-contacts.ts';
import { createSqliteHubConversations } from './sqlite-hub-conversations.ts';
import { createSqliteHubGdpr } from './sqlite-hub-gdpr.ts';
import { createSqliteHubInbound } from './sqlite-hub-inbound.ts';
import { createSqliteHubOutbox } from './sqlite-hub-outbox.ts';
import { createSqliteSession } from './sqlite-session.ts';
import { STATE_MIGRATIONS } from './state-migrations.ts';
import { createStatementCache } from './statement-cache.ts';
import { wrapAll } from './wrap-all.ts';

export interface SqliteHubStoreOptions {
  /**
   * The state store's database file (the hub's tables are state migrations 10+), or ':memory:'
   * for a hub on its own. A second connection to the same file, as the CLI opens: WAL lets the
   * server's state store, the hub and its worker write to one file.
   */
  path: string;
  busyTimeoutMs?: number;
}

/**
 * The embedded messaging-hub store. It shares the state store's file and migration list, so
 * `state.migrate()` or `hub.migrate()` (either, both) bring the file to the same version.
 *
 * @example
 * const hub = await createSqliteHubStore({ path: 'data/state.sqlite' });
 * await hub.migrate();
 */
export async function createSqliteHubStore(options: SqliteHubStoreOptions): Promise<HubStore> {
  const db = openSqliteDatabase(options.path, options.busyTimeoutMs);
  const sql = createStatementCache(db);
  const migrations: readonly Migration[] = STATE_MIGRATIONS;

  const guard = async <T>(work: () => T | Promise<T>): Promise<T> => {
    if (!db.open) throw new StoreError('closed', 'the hub store is closed');
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error);
    }
  };

  return {
    dialect: 'sqlite',
    async migrate() {
      if (!db.open) throw new StoreError('closed', 'the hub store is closed');
      return runMigrations(createSqliteSession(db), migrations);
    },
    async close() {
      if (db.open) db.close();
    },
    ...wrapAll(createSqliteHubContacts(sql), guard),
    ...wrapAll(createSqliteHubInbound(db, sql), guard),
    ...wrapAll(createSqliteHubConversations(sql), guard),
    ...wrapAll(createSqliteHubOutbox(db, sql), guard),
    ...wrapAll(createSqliteHubGdpr(db, sql), guard),
  };
}

/** SQLite constraint failures as the engine-neutral codes the conformance suite expects. */
function asStoreError(error: unknown): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new StoreError('conflict', `already exists: ${error.message}`, { cause: error });
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    return new StoreError('invalid', error.message, { cause: error });
  }
  if (code === 'SQLITE_BUSY') return new StoreError('locked', error.message, { cause: error });
  return error;
}
