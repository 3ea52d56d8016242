import { afterAll, describe, expect, it } from 'vitest';
import { runEventStoreConformance, sampleEvent } from '../conformance/index.ts';
import type { EventStore } from '../event-store.ts';
import { createChdbExecutor } from './chdb-executor.ts';
import { createClickHouseEventStore } from './clickhouse-event-store.ts';
import { clickHouseTarget, createClickHouseClientExecutor } from './client-executor.ts';
import { CLICKHOUSE_EVENT_MIGRATIONS } from './event-migrations.ts';
import { sharedChdb } from './shared-chdb-session.ts';

// One chdb Session for this test file (one process per file under pool 'forks'); every store
// gets a database of its own on it.
const chdb = sharedChdb();
afterAll(() => chdb.close());

const fresh = () => createClickHouseEventStore({ executor: chdb.freshExecutor() });

runEventStoreConformance('ClickHouse (chdb)', fresh, {
  reopenable: () => {
    const database = chdb.freshExecutor().database;
    return () =>
      createClickHouseEventStore({ executor: createChdbExecutor(chdb.session, database) });
  },
});

describe('ClickHouse event store', () => {
  const opened: EventStore[] = [];
  const open = async () => {
    const store = await fresh();
    opened.push(store);
    await store.migrate();
    return store;
  };
  afterAll(async () => {
    await Promise.allSettled(opened.map((store) => store.close()));
  });

  it('ignores replayed events: a batch appended twice is stored once', async () => {
    const store = await open();
    const batch = Array.from({ length: 500 }, (_, i) => sampleEvent({ site_id: 'r', ts: i }));
    await store.append(batch, { stream: 'log', position: 500 });
    // A crash after the insert but before the checkpoint: the collector replays from 0.
    await store.append(batch, { stream: 'log', position: 500 });
    expect(await store.count({ siteId: 'r' })).toBe(500);
    // A replay that overlaps the stored rows and goes on past them adds only the new ones.
    const more = Array.from({ length: 100 }, (_, i) => sampleEvent({ site_id: 'r', ts: 600 + i }));
    await store.append([...batch.slice(450), ...more], { stream: 'log', position: 600 });
    expect(await store.count({ siteId: 'r' })).toBe(600);
    expect(await store.checkpoint('log')).toBe(600);
    expect(await store.summarize('r')).toEqual([
      expect.objectContaining({ name: 'pageview', events: 600 }),
    ]);
  });

  it('keeps ids with quotes and backslashes apart when checking for replays', async () => {
    const store = await open();
    const ids = ["a'b", 'a\\b', "a\\'b", 'a\nb', '{p1:String}'];
    const batch = ids.map((id, ts) => sampleEvent({ site_id: 'q', id, ts }));
    await store.append(batch);
    await store.append(batch);
    expect((await store.list('q')).map((event) => event.id)).toEqual(ids);
  });

  it('migrates again harmlessly after a migration stopped halfway (no transactions)', async () => {
    const executor = chdb.freshExecutor();
    const [first] = CLICKHOUSE_EVENT_MIGRATIONS;
    if (!first) throw new Error('no migration');
    // The events table got created, then the migration failed before its row was written.
    await executor.ensureDatabase();
    await executor.command(first.statements[0] ?? '');
    const store = await createClickHouseEventStore({ executor });
    opened.push(store);
    expect(await store.migrate()).toEqual({ applied: [1], version: 1 });
    await store.append([sampleEvent()], { stream: 's', position: 1 });
    expect(await store.count()).toBe(1);
  });

  it('notices an events table that does not match STORED_EVENT_COLUMNS', async () => {
    const [first] = CLICKHOUSE_EVENT_MIGRATIONS;
    const [events = '', checkpoints = ''] = first?.statements ?? [];
    const withoutProps = events.replace(/,\s*props String/, '');
    expect(withoutProps).not.toBe(events);
    const store = await createClickHouseEventStore({
      executor: chdb.freshExecutor(),
      migrations: [{ version: 1, name: 'create_events', statements: [withoutProps, checkpoints] }],
    });
    opened.push(store);
    await expect(store.migrate()).rejects.toMatchObject({ code: 'schema_mismatch' });
    await expect(store.migrate()).rejects.toThrow(
      /column 26: expected props String, found no column/,
    );
  });

  it('refuses a second statement riding on a read query', async () => {
    const store = await open();
    await store.append([sampleEvent({ site_id: 'x' })]);
    await expect(store.selectRows('SELECT 1; DROP TABLE events', [])).rejects.toMatchObject({
      code: 'invalid',
    });
    expect(await store.count()).toBe(1);
  });
});

describe('clickHouseTarget', () => {
  it('takes the database from the URL path, penumbra by default', () => {
    expect(clickHouseTarget('http://u:p@ch.internal:8123/analytics')).toEqual({
      url: 'http://u:p@ch.internal:8123/',
      database: 'analytics',
    });
    expect(clickHouseTarget('https://ch.example.com:8443').database).toBe('penumbra');
  });

  it('says which server it could not reach, without the password', async () => {
    const executor = createClickHouseClientExecutor(
      clickHouseTarget('http://penumbra:secret@127.0.0.1:1/analytics'),
    );
    const opening = createClickHouseEventStore({ executor });
    await expect(opening).rejects.toMatchObject({ code: 'invalid' });
    await expect(opening).rejects.toThrow(/cannot reach ClickHouse at 127\.0\.0\.1:1: /);
    await expect(opening).rejects.not.toThrow(/secret/);
    await executor.close();
  });
});
