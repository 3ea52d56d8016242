import { describe, expect, it } from 'vitest';
import type { Migration, MigrationSession } from '../migrations/migration.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { storeError } from './conformance-context.ts';

/** A fresh, empty database on the engine under test. */
export type OpenSession = () => Promise<{ session: MigrationSession; close(): Promise<void> }>;

const ONE: Migration = {
  version: 1,
  name: 'create_notes',
  statements: ['CREATE TABLE notes (id INTEGER NOT NULL)', 'INSERT INTO notes (id) VALUES (1)'],
};
const TWO: Migration = {
  version: 2,
  name: 'create_tags',
  statements: ['CREATE TABLE tags (id INTEGER NOT NULL)'],
};
/** Creates a table and writes a row, then fails: none of it may survive. */
const BROKEN: Migration = {
  version: 3,
  name: 'broken_halfway',
  statements: [
    'CREATE TABLE half_applied (id INTEGER NOT NULL)',
    'INSERT INTO notes (id) VALUES (2)',
    'INSERT INTO table_that_does_not_exist (id) VALUES (1)',
  ],
};
/** What BROKEN should have been; it succeeds only if BROKEN left no table behind. */
const FIXED: Migration = { ...BROKEN, name: 'fixed', statements: [BROKEN.statements[0] ?? ''] };

/**
 * The migration runner on a real engine: the guarantees every store's `migrate()` rests on.
 * Uses only SQL that DuckDB, SQLite and PostgreSQL all accept.
 */
export function runMigrationConformance(name: string, openSession: OpenSession): void {
  describe(`migrations conformance: ${name}`, () => {
    const withSession = async (test: (session: MigrationSession) => Promise<void>) => {
      const { session, close } = await openSession();
      try {
        await test(session);
      } finally {
        await close();
      }
    };
    const count = async (session: MigrationSession, sql: string) =>
      (await session.selectIntegers(sql))[0];

    it('applies pending migrations in order, records them, and is idempotent', () =>
      withSession(async (session) => {
        expect(await runMigrations(session, [ONE], { now: () => 1234 })).toEqual({
          applied: [1],
          version: 1,
        });
        expect(await runMigrations(session, [ONE, TWO])).toEqual({ applied: [2], version: 2 });
        expect(await runMigrations(session, [ONE, TWO])).toEqual({ applied: [], version: 2 });
        expect(
          await session.selectIntegers('SELECT version FROM schema_migrations ORDER BY version'),
        ).toEqual([1, 2]);
        expect(
          await count(session, 'SELECT applied_at FROM schema_migrations WHERE version = 1'),
        ).toBe(1234);
        expect(await count(session, 'SELECT count(*) FROM notes')).toBe(1);
      }));

    it('rolls a failing migration back whole and leaves the previous version', () =>
      withSession(async (session) => {
        await runMigrations(session, [ONE, TWO]);
        const failure = runMigrations(session, [ONE, TWO, BROKEN]);
        await expect(failure).rejects.toMatchObject(storeError('migration_failed'));
        await expect(failure).rejects.toThrow(/migration 3 \(broken_halfway\).*still at version 2/);
        expect(await count(session, 'SELECT max(version) FROM schema_migrations')).toBe(2);
        expect(await count(session, 'SELECT count(*) FROM notes')).toBe(1);
        expect(await runMigrations(session, [ONE, TWO, FIXED])).toEqual({
          applied: [3],
          version: 3,
        });
      }));

    it('rolls back a failing first migration too, leaving an empty schema', () =>
      withSession(async (session) => {
        const brokenFirst: Migration = {
          ...BROKEN,
          version: 1,
          statements: [BROKEN.statements[0] ?? '', 'NOT SQL'],
        };
        await expect(runMigrations(session, [brokenFirst])).rejects.toMatchObject(
          storeError('migration_failed'),
        );
        expect(await count(session, 'SELECT count(*) FROM schema_migrations')).toBe(0);
        expect(await runMigrations(session, [{ ...FIXED, version: 1 }])).toEqual({
          applied: [1],
          version: 1,
        });
      }));

    it('refuses a database newer than the code, saying what to do', () =>
      withSession(async (session) => {
        await runMigrations(session, [ONE, TWO, FIXED]);
        await expect(runMigrations(session, [ONE, TWO])).rejects.toMatchObject({
          ...storeError('schema_too_new'),
          message: 'database schema version 3 is newer than this Penumbra (2); upgrade Penumbra',
        });
      }));

    it('refuses a malformed migration list before touching the database', () =>
      withSession(async (session) => {
        for (const list of [
          [TWO, ONE],
          [ONE, ONE],
          [{ ...ONE, name: "x'; --" }],
          [{ ...ONE, statements: [] }],
          [{ ...ONE, version: 0 }],
        ]) {
          await expect(runMigrations(session, list)).rejects.toMatchObject(storeError('invalid'));
        }
        await expect(
          session.selectIntegers('SELECT count(*) FROM schema_migrations'),
        ).rejects.toThrow();
      }));
  });
}
