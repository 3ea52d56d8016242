import type { MigrationReport } from '../event-store.ts';
import { StoreError } from '../store-error.ts';
import type { Migration, MigrationSession } from './migration.ts';

// Types every engine we target understands (SQLite maps them by affinity).
const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)';

const NAME = /^[a-z0-9_]{1,100}$/;

export interface RunMigrationsOptions {
  /** Clock for `applied_at` (epoch ms); tests pin it. */
  now?: () => number;
}

/**
 * Brings a store's schema to the newest version this code knows. Each pending migration runs in
 * its own transaction together with its `schema_migrations` row, so a failure rolls that
 * migration back completely and leaves the store at the previous version; running again is a
 * no-op. A store whose version is newer than the code is refused rather than guessed at.
 */
export async function runMigrations(
  session: MigrationSession,
  migrations: readonly Migration[],
  options: RunMigrationsOptions = {},
): Promise<MigrationReport> {
  assertMigrationList(migrations);
  const now = options.now ?? Date.now;
  const latest = migrations.at(-1)?.version ?? 0;
  await session.exec(CREATE_TABLE);
  const done = new Set(await appliedVersions(session));
  let version = Math.max(0, ...done);
  if (version > latest) {
    throw new StoreError(
      'schema_too_new',
      `database schema version ${version} is newer than this Penumbra (${latest}); upgrade Penumbra`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    const ran = await applyOne(session, migration, now, version);
    if (ran) applied.push(migration.version);
    version = Math.max(version, migration.version);
  }
  return { applied, version };
}

async function applyOne(
  session: MigrationSession,
  migration: Migration,
  now: () => number,
  previous: number,
): Promise<boolean> {
  const { version, name, statements } = migration;
  try {
    return await session.transaction(async () => {
      // Another process may have applied it between our read and our transaction.
      const [already] = await session.selectIntegers(
        `SELECT count(*) FROM schema_migrations WHERE version = ${version}`,
      );
      if (already) return false;
      for (const statement of statements) await session.exec(statement);
      // Version and name are checked by assertMigrationList, so inlining them is safe.
      await session.exec(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${version}, '${name}', ${Math.trunc(now())})`,
      );
      return true;
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StoreError(
      'migration_failed',
      `migration ${version} (${name}) failed and was rolled back; the schema is still at version ${previous}: ${reason}`,
      { cause },
    );
  }
}

async function appliedVersions(session: MigrationSession): Promise<number[]> {
  return session.selectIntegers('SELECT version FROM schema_migrations ORDER BY version');
}

/** A bad list is a programming error: refuse it before touching the database. */
export function assertMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const { version, name, statements } of migrations) {
    if (!Number.isSafeInteger(version) || version <= previous) {
      throw new StoreError(
        'invalid',
        `migration versions must be positive integers in increasing order: ${version} follows ${previous}`,
      );
    }
    if (!NAME.test(name)) {
      throw new StoreError(
        'invalid',
        `migration ${version} has an invalid name ${JSON.stringify(name)}`,
      );
    }
    if (statements.length === 0) {
      throw new StoreError('invalid', `migration ${version} (${name}) has no statements`);
    }
    previous = version;
  }
}
