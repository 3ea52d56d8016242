import type { HubStore } from '../hub-store.ts';
import { StoreError } from '../store-error.ts';
import { type OpenPostgresOptions, openPostgres, type Sql } from './open-postgres.ts';
import { createPostgresHubContacts } from './postgres-hub-contacts.ts';
import { createPostgresHubConversations } from './postgres-hub-conversations.ts';
import { createPostgresHubGdpr } from './postgres-hub-gdpr.ts';
import { createPostgresHubInbound } from './postgres-hub-inbound.ts';
import { createPostgresHubOutbox } from './postgres-hub-outbox.ts';
import { migratePostgres } from './postgres-session.ts';
import { POSTGRES_STATE_MIGRATIONS } from './state-migrations.ts';

/**
 * Either where to connect (the store opens and closes its own pool), or a pool the caller owns
 * (e.g. the state store's), which `close()` then leaves open.
 */
export type PostgresHubStoreOptions = OpenPostgresOptions | { sql: Sql };

/**
 * The messaging hub's store on PostgreSQL, for several instances (and their outbox and inbound
 * workers) sharing one hub. Its tables are state migrations 10+, so `state.migrate()` or
 * `hub.migrate()` (either, both, from any instance) bring the schema to the same version.
 * Work queues are claimed with `FOR UPDATE SKIP LOCKED` in one transaction with the lease.
 *
 * @example
 * const hub = await createPostgresHubStore({ url: process.env.PENUMBRA_POSTGRES_URL });
 * await hub.migrate();
 */
export async function createPostgresHubStore(options: PostgresHubStoreOptions): Promise<HubStore> {
  const owned = !('sql' in options);
  const sql = 'sql' in options ? options.sql : await openPostgres(options);
  let closed = false;

  // Every method: refuse after close, and map engine errors to StoreError codes.
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreError('closed', 'the hub store is closed');
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error);
    }
  };

  return {
    dialect: 'postgres',
    migrate: () => guard(() => migratePostgres(sql, POSTGRES_STATE_MIGRATIONS)),
    async close() {
      if (closed) return;
      closed = true;
      if (owned) await sql.end({ timeout: 5 });
    },
    ...wrapAll(createPostgresHubContacts(sql), guard),
    ...wrapAll(createPostgresHubInbound(sql), guard),
    ...wrapAll(createPostgresHubConversations(sql), guard),
    ...wrapAll(createPostgresHubOutbox(sql), guard),
    ...wrapAll(createPostgresHubGdpr(sql), guard),
  };
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

/** PostgreSQL errors as the engine-neutral codes the conformance suite expects. */
function asStoreError(error: unknown): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  // 23505 unique_violation: a primary key or UNIQUE index refused a second row.
  if (code === '23505') {
    return new StoreError('conflict', `already exists: ${error.message}`, { cause: error });
  }
  // 23514 check_violation, 23502 not_null_violation: as SQLite's CHECK/NOT NULL failures.
  if (code === '23514' || code === '23502') {
    return new StoreError('invalid', error.message, { cause: error });
  }
  return error;
}
