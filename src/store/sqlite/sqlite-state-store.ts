import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Migration } from '../migrations/migration.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { normalizeEmail } from '../normalize-email.ts';
import type { ApiToken, StateStore, User } from '../state-store.ts';
import { StoreError } from '../store-error.ts';
import { createSqliteAccounts } from './sqlite-accounts.ts';
import { createSqliteSession } from './sqlite-session.ts';
import { createSqliteShareLinks } from './sqlite-share-links.ts';
import { createSqliteSites } from './sqlite-sites.ts';
import { STATE_MIGRATIONS } from './state-migrations.ts';
import {
  type ApiTokenRow,
  type SaltRow,
  toApiToken,
  toDailySalt,
  toUser,
  type UserRow,
} from './state-rows.ts';
import { createStatementCache } from './statement-cache.ts';
import { wrapAll } from './wrap-all.ts';

export interface SqliteStateStoreOptions {
  /** Database file, or ':memory:'. Several processes may open the same file (WAL). */
  path: string;
  /** Replaces the built-in migrations; for tests of the migration path only. */
  migrations?: readonly Migration[];
  /** How long a write waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The embedded state store. better-sqlite3 is synchronous and each call is short, so the async
 * methods simply wrap it; WAL lets the CLI read and write while the server runs.
 *
 * @example
 * const state = await createSqliteStateStore({ path: 'data/state.sqlite' });
 * await state.migrate();
 * const site = await state.createSite('example.com');
 */
export async function createSqliteStateStore(
  options: SqliteStateStoreOptions,
): Promise<StateStore> {
  let db: Database.Database;
  try {
    db = new Database(options.path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError('invalid', `cannot open SQLite file ${options.path}: ${reason}`, {
      cause,
    });
  }
  // busy_timeout first: switching to WAL needs a lock another process may briefly hold.
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a power cut may lose the last commits, never corrupt the file.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const sql = createStatementCache(db);
  const migrations = options.migrations ?? STATE_MIGRATIONS;

  // Every method: refuse after close, and map engine errors to StoreError codes.
  const guard = async <T>(work: () => T | Promise<T>): Promise<T> => {
    if (!db.open) throw new StoreError('closed', 'the state store is closed');
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error);
    }
  };

  return {
    dialect: 'sqlite',
    async migrate() {
      if (!db.open) throw new StoreError('closed', 'the state store is closed');
      return runMigrations(createSqliteSession(db), migrations);
    },
    ...wrapAll(createSqliteSites(db, sql), guard),
    ...wrapAll(createSqliteShareLinks(db, sql), guard),
    ...wrapAll(createSqliteAccounts(db, sql), guard),

    async createApiToken(input) {
      return guard(() => {
        if (!input.tokenHash) throw new StoreError('invalid', 'an API token needs a hash');
        const token: ApiToken = {
          id: randomUUID(),
          name: input.name,
          prefix: input.prefix,
          siteIds: [...input.siteIds],
          createdAt: Date.now(),
          revokedAt: null,
        };
        sql(
          'INSERT INTO api_tokens (id, name, token_hash, prefix, site_ids, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(
          token.id,
          token.name,
          input.tokenHash,
          token.prefix,
          JSON.stringify(token.siteIds),
          token.createdAt,
        );
        return token;
      });
    },
    async findApiTokenByHash(tokenHash) {
      return guard(() => {
        const row = sql('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash);
        return row ? toApiToken(row as ApiTokenRow) : null;
      });
    },
    async listApiTokens() {
      return guard(() => {
        const rows = sql('SELECT * FROM api_tokens ORDER BY created_at, name, id').all();
        return (rows as ApiTokenRow[]).map(toApiToken);
      });
    },
    async revokeApiToken(id) {
      return guard(
        () =>
          sql('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
            Date.now(),
            id,
          ).changes > 0,
      );
    },

    async createUser(input) {
      return guard(() => {
        const email = normalizeEmail(input.email);
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
          throw new StoreError('invalid', `${JSON.stringify(input.email)} is not an email address`);
        }
        const user: User = {
          id: randomUUID(),
          email,
          passwordHash: input.passwordHash,
          createdAt: Date.now(),
        };
        sql('INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)').run(
          user.id,
          user.email,
          user.passwordHash,
          user.createdAt,
        );
        return user;
      });
    },
    async findUserByEmail(email) {
      return guard(() => {
        const row = sql('SELECT * FROM users WHERE email = ?').get(normalizeEmail(email));
        return row ? toUser(row as UserRow) : null;
      });
    },
    async countUsers() {
      return guard(() => Number(sql('SELECT count(*) FROM users').pluck().get()));
    },

    async saltForDay(day, now) {
      return guard(() => {
        if (!Number.isFinite(now))
          throw new StoreError('invalid', `now must be epoch ms, got ${now}`);
        if (!isUtcDay(day)) {
          throw new StoreError('invalid', `${JSON.stringify(day)} is not a UTC day (YYYY-MM-DD)`);
        }
        // The primary key picks one winner when two processes create the salt at once;
        // everyone then reads the winner's salt.
        sql(
          'INSERT INTO daily_salts (day, salt, created_at) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING',
        ).run(day, randomBytes(16).toString('hex'), Math.trunc(now));
        return toDailySalt(sql('SELECT * FROM daily_salts WHERE day = ?').get(day) as SaltRow);
      });
    },
    async deleteSaltsBefore(olderThan) {
      return guard(
        () => sql('DELETE FROM daily_salts WHERE created_at < ?').run(olderThan).changes,
      );
    },

    async close() {
      if (db.open) db.close();
    },
  };
}

/** `YYYY-MM-DD` naming a real calendar day (2026-02-30 is not one). */
function isUtcDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return DAY.test(day) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day);
}

/** Maps SQLite constraint errors to the engine-neutral codes the conformance suite expects. */
function asStoreError(error: unknown): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new StoreError('conflict', `already exists: ${error.message}`, { cause: error });
  }
  return error;
}
