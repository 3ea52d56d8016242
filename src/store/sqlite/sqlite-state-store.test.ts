import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrationConformance, runStateStoreConformance } from '../conformance/index.ts';
import type { Migration } from '../migrations/migration.ts';
import type { StateStore } from '../state-store.ts';
import { createSqliteSession } from './sqlite-session.ts';
import { createSqliteStateStore } from './sqlite-state-store.ts';
import { STATE_MIGRATIONS } from './state-migrations.ts';

/** The version a test's extra migration takes: one past the shipped ones. */
const NEXT = STATE_MIGRATIONS.at(-1)!.version + 1;

const dir = mkdtempSync(join(tmpdir(), 'penumbra-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `state-${++files}.sqlite`);

runStateStoreConformance(':memory: SQLite', () => createSqliteStateStore({ path: ':memory:' }));
runStateStoreConformance('SQLite file', () => createSqliteStateStore({ path: freshPath() }), {
  reopenable: () => {
    const path = freshPath();
    return () => createSqliteStateStore({ path });
  },
});
runMigrationConformance('SQLite', async () => {
  const db = new Database(':memory:');
  return { session: createSqliteSession(db), close: async () => void db.close() };
});

describe('SQLite state store', () => {
  const opened: StateStore[] = [];
  const open = async (path: string, migrations?: readonly Migration[]) => {
    const store = await createSqliteStateStore({ path, ...(migrations ? { migrations } : {}) });
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.allSettled(opened.map((store) => store.close()));
  });

  it('puts the file in WAL mode', async () => {
    const path = freshPath();
    await (await open(path)).migrate();
    const probe = new Database(path, { readonly: true });
    try {
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      probe.close();
    }
  });

  it('shares one file between two open stores (server and CLI)', async () => {
    const path = freshPath();
    const server = await open(path);
    const cli = await open(path);
    await server.migrate();
    expect((await cli.migrate()).applied).toEqual([]);
    const site = await cli.createSite('example.com');
    expect(await server.findSiteByDomain('www.example.com')).toEqual(site);
    const [a, b] = await Promise.all([
      server.saltForDay('2026-05-01', 1),
      cli.saltForDay('2026-05-01', 2),
    ]);
    expect(a).toEqual(b);
    await expect(cli.createSite('WWW.EXAMPLE.COM')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('leaves a file at its previous version when a migration fails, and starts fine after', async () => {
    const path = freshPath();
    const broken: Migration = {
      version: NEXT,
      name: 'add_site_timezone',
      statements: [
        "ALTER TABLE sites ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC'",
        'CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT',
        'UPDATE no_such_table SET x = 1',
      ],
    };
    const first = await open(path, [...STATE_MIGRATIONS, broken]);
    await expect(first.migrate()).rejects.toMatchObject({ code: 'migration_failed' });
    await first.close();
    const probe = new Database(path, { readonly: true });
    try {
      const columns = probe.pragma('table_info(sites)') as { name: string }[];
      expect(columns.map((c) => c.name)).not.toContain('timezone');
      expect(
        probe.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get(),
      ).toBe(0);
    } finally {
      probe.close();
    }
    const second = await open(path);
    expect(await second.migrate()).toEqual({ applied: [], version: NEXT - 1 });
    expect((await second.createSite('example.com')).domain).toBe('example.com');
  });

  it('refuses a file migrated by a newer Penumbra', async () => {
    const path = freshPath();
    const future: Migration = {
      version: NEXT,
      name: 'future',
      statements: ['CREATE TABLE future (x INTEGER)'],
    };
    const newer = await open(path, [...STATE_MIGRATIONS, future]);
    expect(await newer.migrate()).toEqual({
      applied: [...STATE_MIGRATIONS.map((m) => m.version), NEXT],
      version: NEXT,
    });
    await newer.close();
    const older = await open(path);
    await expect(older.migrate()).rejects.toThrow(
      `database schema version ${NEXT} is newer than this Penumbra (${NEXT - 1}); upgrade Penumbra`,
    );
  });

  it('says which file it cannot open', async () => {
    await expect(
      createSqliteStateStore({ path: join(dir, 'missing', 'state.sqlite') }),
    ).rejects.toThrow(/cannot open SQLite file .*missing/);
  });
});
