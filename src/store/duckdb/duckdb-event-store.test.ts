import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  runEventStoreConformance,
  runMigrationConformance,
  sampleEvent,
} from '../conformance/index.ts';
import type { EventStore } from '../event-store.ts';
import type { Migration } from '../migrations/migration.ts';
import { createDuckDbEventStore } from './duckdb-event-store.ts';
import { createDuckDbSession } from './duckdb-session.ts';
import { EVENT_MIGRATIONS } from './event-migrations.ts';
import { openDuckDb } from './open-duckdb.ts';

const dir = mkdtempSync(join(tmpdir(), 'penumbra-duckdb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `events-${++files}.duckdb`);

runEventStoreConformance(':memory: DuckDB', () => createDuckDbEventStore({ path: ':memory:' }));
runEventStoreConformance('DuckDB file', () => createDuckDbEventStore({ path: freshPath() }), {
  reopenable: () => {
    const path = freshPath();
    return () => createDuckDbEventStore({ path });
  },
});
runMigrationConformance('DuckDB', async () => {
  const db = await openDuckDb(':memory:');
  return { session: createDuckDbSession(db.writer), close: async () => db.close() };
});

const [CREATE_EVENTS = '', CREATE_CHECKPOINTS = ''] = EVENT_MIGRATIONS[0]?.statements ?? [];
const LATER_MIGRATIONS = EVENT_MIGRATIONS.slice(1);
const LATEST = EVENT_MIGRATIONS.at(-1)!.version;

describe('DuckDB event store', () => {
  const opened: EventStore[] = [];
  const open = async (path: string, migrations?: readonly Migration[]) => {
    const store = await createDuckDbEventStore({ path, ...(migrations ? { migrations } : {}) });
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.allSettled(opened.map((store) => store.close()));
  });

  it('rolls back rows the appender already flushed when the checkpoint write fails', async () => {
    // Same schema, but the checkpoint table refuses one stream name: the failure then happens
    // after the appender has flushed 3,000 rows into the transaction.
    const store = await open(':memory:', [
      {
        version: 1,
        name: 'create_events',
        statements: [
          CREATE_EVENTS,
          "CREATE TABLE ingest_checkpoints (stream VARCHAR PRIMARY KEY CHECK (stream <> 'explode'), position BIGINT NOT NULL)",
        ],
      },
      ...LATER_MIGRATIONS,
    ]);
    await store.migrate();
    const batch = Array.from({ length: 3000 }, () => sampleEvent());
    await expect(store.append(batch, { stream: 'explode', position: 1 })).rejects.toThrow(/CHECK/i);
    expect(await store.count()).toBe(0);
    // The connection is not left inside an aborted transaction.
    await store.append(batch, { stream: 'fine', position: 3000 });
    expect(await store.count()).toBe(3000);
    expect(await store.checkpoint('fine')).toBe(3000);
  });

  it('rolls back when the appender itself fails partway through a batch', async () => {
    const guarded = CREATE_EVENTS.replace(
      'engaged_ms BIGINT NOT NULL DEFAULT 0',
      'engaged_ms BIGINT NOT NULL DEFAULT 0 CHECK (engaged_ms < 1000000)',
    );
    expect(guarded).not.toBe(CREATE_EVENTS);
    const store = await open(':memory:', [
      { version: 1, name: 'create_events', statements: [guarded, CREATE_CHECKPOINTS] },
      ...LATER_MIGRATIONS,
    ]);
    await store.migrate();
    await store.append([sampleEvent()], { stream: 's', position: 1 });
    const batch = Array.from({ length: 5000 }, (_, i) =>
      sampleEvent({ engaged_ms: i === 4000 ? 2_000_000 : i }),
    );
    await expect(store.append(batch, { stream: 's', position: 5001 })).rejects.toThrow(/CHECK/i);
    expect(await store.count()).toBe(1);
    expect(await store.checkpoint('s')).toBe(1);
    await store.append(batch.slice(0, 4000), { stream: 's', position: 4001 });
    expect(await store.count()).toBe(4001);
  });

  it('keeps NUL characters inside strings', async () => {
    const store = await open(':memory:');
    await store.migrate();
    const event = sampleEvent({ site_id: 'nul', path: '/a\u0000b' });
    await store.append([event]);
    expect(await store.list('nul')).toEqual([event]);
  });

  it('leaves a file at its previous version when a migration fails, and starts fine after', async () => {
    const path = freshPath();
    const broken: Migration = {
      version: LATEST + 1,
      name: 'add_referrer_path',
      statements: [
        // DuckDB cannot add a column with a NOT NULL constraint; a DEFAULT is fine.
        "ALTER TABLE events ADD COLUMN referrer_path VARCHAR DEFAULT ''",
        'CREATE TABLE visits (id VARCHAR)',
        'UPDATE no_such_table SET x = 1',
      ],
    };
    const first = await open(path, [...EVENT_MIGRATIONS, broken]);
    await expect(first.migrate()).rejects.toMatchObject({ code: 'migration_failed' });
    await first.close();
    // Had the ALTER survived, the events table would no longer match and migrate would throw.
    const second = await open(path);
    expect(await second.migrate()).toEqual({ applied: [], version: LATEST });
    await second.append([sampleEvent()], { stream: 's', position: 1 });
    expect(await second.count()).toBe(1);
  });

  it('refuses a file migrated by a newer Penumbra', async () => {
    const path = freshPath();
    const future: Migration = {
      version: LATEST + 1,
      name: 'future',
      statements: ['CREATE TABLE future (x INTEGER)'],
    };
    const newer = await open(path, [...EVENT_MIGRATIONS, future]);
    expect(await newer.migrate()).toEqual({
      applied: [...EVENT_MIGRATIONS.map((m) => m.version), LATEST + 1],
      version: LATEST + 1,
    });
    await newer.close();
    const older = await open(path);
    await expect(older.migrate()).rejects.toThrow(
      `database schema version ${LATEST + 1} is newer than this Penumbra (${LATEST}); upgrade Penumbra`,
    );
  });

  it('notices an events table that does not match STORED_EVENT_COLUMNS', async () => {
    const withoutProps = CREATE_EVENTS.replace(/,\s*props VARCHAR NOT NULL DEFAULT ''/, '');
    expect(withoutProps).not.toBe(CREATE_EVENTS);
    const store = await open(':memory:', [
      { version: 1, name: 'create_events', statements: [withoutProps, CREATE_CHECKPOINTS] },
    ]);
    await expect(store.migrate()).rejects.toMatchObject({ code: 'schema_mismatch' });
    await expect(store.migrate()).rejects.toThrow(
      /column 26: expected props VARCHAR, found no column/,
    );
  });

  it('refuses to open one file twice in a process, and opens it again after close', async () => {
    const path = freshPath();
    const first = await open(path);
    await expect(createDuckDbEventStore({ path })).rejects.toMatchObject({ code: 'locked' });
    await first.close();
    const second = await open(path);
    expect((await second.migrate()).version).toBe(LATEST);
  });

  it('says who owns a file another process holds', async () => {
    const path = freshPath();
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         const db = await DuckDBInstance.create(${JSON.stringify(path)});
         await (await db.connect()).run('CREATE TABLE t (x INTEGER)');
         process.stdout.write('ready\\n');
         setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      await expect(createDuckDbEventStore({ path })).rejects.toMatchObject({
        code: 'locked',
        message: expect.stringContaining('one process per file'),
      });
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
