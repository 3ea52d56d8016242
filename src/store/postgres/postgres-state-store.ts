import { randomBytes, randomUUID } from 'node:crypto';
import type { Migration } from '../migrations/migration.ts';
import { normalizeEmail } from '../normalize-email.ts';
import {
  type ApiTokenRow,
  type SaltRow,
  toApiToken,
  toDailySalt,
  toUser,
  type UserRow,
} from '../sqlite/state-rows.ts';
import type { ApiToken, StateStore, User } from '../state-store.ts';
import { StoreError } from '../store-error.ts';
import { type OpenPostgresOptions, openPostgres, type Sql } from './open-postgres.ts';
import { createPostgresAccounts } from './postgres-accounts.ts';
import { migratePostgres } from './postgres-session.ts';
import { createPostgresShareLinks } from './postgres-share-links.ts';
import { createPostgresSites } from './postgres-sites.ts';
import { POSTGRES_STATE_MIGRATIONS } from './state-migrations.ts';

export interface PostgresStateStoreOptions extends OpenPostgresOptions {
  /** Replaces the built-in migrations; for tests of the migration path only. */
  migrations?: readonly Migration[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The state store on PostgreSQL, for several Penumbra instances sharing one state. Every method
 * is one statement or one transaction on a pool, so instances need no coordination beyond
 * PostgreSQL's constraints (see each part for how a race resolves).
 *
 * @example
 * const state = await createPostgresStateStore({ url: process.env.PENUMBRA_POSTGRES_URL });
 * await state.migrate();
 */
export async function createPostgresStateStore(
  options: PostgresStateStoreOptions,
): Promise<StateStore> {
  const sql = await openPostgres(options);
  const migrations = options.migrations ?? POSTGRES_STATE_MIGRATIONS;
  let closed = false;

  // Every method: refuse after close, and map engine errors to StoreError codes.
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreError('closed', 'the state store is closed');
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error);
    }
  };

  return {
    dialect: 'postgres',
    migrate: () => guard(() => migratePostgres(sql, migrations)),
    ...wrapAll(createPostgresSites(sql), guard),
    ...wrapAll(createPostgresShareLinks(sql), guard),
    ...wrapAll(createPostgresAccounts(sql), guard),
    ...wrapAll(createTokensUsersSalts(sql), guard),
    async close() {
      if (closed) return;
      closed = true;
      await sql.end({ timeout: 5 });
    },
  };
}

type TokensUsersSalts = Pick<
  StateStore,
  | 'createApiToken'
  | 'findApiTokenByHash'
  | 'listApiTokens'
  | 'revokeApiToken'
  | 'createUser'
  | 'findUserByEmail'
  | 'countUsers'
  | 'saltForDay'
  | 'deleteSaltsBefore'
>;

function createTokensUsersSalts(sql: Sql): TokensUsersSalts {
  return {
    async createApiToken(input) {
      if (!input.tokenHash) throw new StoreError('invalid', 'an API token needs a hash');
      const token: ApiToken = {
        id: randomUUID(),
        name: input.name,
        prefix: input.prefix,
        siteIds: [...input.siteIds],
        createdAt: Date.now(),
        revokedAt: null,
      };
      await sql`INSERT INTO api_tokens (id, name, token_hash, prefix, site_ids, created_at)
        VALUES (${token.id}, ${token.name}, ${input.tokenHash}, ${token.prefix},
                ${JSON.stringify(token.siteIds)}, ${token.createdAt})`;
      return token;
    },
    async findApiTokenByHash(tokenHash) {
      const [row] = await sql<ApiTokenRow[]>`
        SELECT * FROM api_tokens WHERE token_hash = ${tokenHash}`;
      return row ? toApiToken(row) : null;
    },
    async listApiTokens() {
      const rows = await sql<ApiTokenRow[]>`
        SELECT * FROM api_tokens ORDER BY created_at, name COLLATE "C", id COLLATE "C"`;
      return rows.map(toApiToken);
    },
    async revokeApiToken(id) {
      const result = await sql`
        UPDATE api_tokens SET revoked_at = ${Date.now()} WHERE id = ${id} AND revoked_at IS NULL`;
      return result.count > 0;
    },

    async createUser(input) {
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
      await sql`INSERT INTO users (id, email, password_hash, created_at)
        VALUES (${user.id}, ${user.email}, ${user.passwordHash}, ${user.createdAt})`;
      return user;
    },
    async findUserByEmail(email) {
      const [row] = await sql<
        UserRow[]
      >`SELECT * FROM users WHERE email = ${normalizeEmail(email)}`;
      return row ? toUser(row) : null;
    },
    async countUsers() {
      const [row] = await sql<{ n: number }[]>`SELECT count(*) AS n FROM users`;
      return Number(row?.n ?? 0);
    },

    async saltForDay(day, now) {
      if (!Number.isFinite(now))
        throw new StoreError('invalid', `now must be epoch ms, got ${now}`);
      if (!isUtcDay(day)) {
        throw new StoreError('invalid', `${JSON.stringify(day)} is not a UTC day (YYYY-MM-DD)`);
      }
      // The primary key picks one winner when instances create the salt at once; everyone then
      // reads the winner's salt.
      await sql`INSERT INTO daily_salts (day, salt, created_at)
        VALUES (${day}, ${randomBytes(16).toString('hex')}, ${Math.trunc(now)})
        ON CONFLICT (day) DO NOTHING`;
      const [row] = await sql<SaltRow[]>`SELECT * FROM daily_salts WHERE day = ${day}`;
      if (!row) throw new Error(`the salt of ${day} vanished right after it was stored`);
      return toDailySalt(row);
    },
    async deleteSaltsBefore(olderThan) {
      return (await sql`DELETE FROM daily_salts WHERE created_at < ${olderThan}`).count;
    },
  };
}

/** `YYYY-MM-DD` naming a real calendar day (2026-02-30 is not one). */
function isUtcDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return DAY.test(day) && !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day);
}

/** Runs every method of `methods` through `guard` (closed check, error mapping). */
function wrapAll<T extends object>(
  methods: T,
  guard: <R>(work: () => Promise<R>) => Promise<R>,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = (...args: unknown[]) =>
      guard(() => (method as (...a: unknown[]) => Promise<unknown>)(...args));
  }
  return wrapped as T;
}

/** Maps PostgreSQL constraint errors to the engine-neutral codes the conformance suite expects. */
function asStoreError(error: unknown): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  // 23505 unique_violation: a primary key or UNIQUE index refused a second row.
  if ((error as { code?: unknown }).code === '23505') {
    return new StoreError('conflict', `already exists: ${error.message}`, { cause: error });
  }
  return error;
}
