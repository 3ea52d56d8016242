import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatsQuery } from '../../stats/query-spec.ts';
import { runStatsQuery } from '../../stats/run-stats-query.ts';
import { createChdbExecutor } from '../clickhouse/chdb-executor.ts';
import { createClickHouseEventStore } from '../clickhouse/clickhouse-event-store.ts';
import { sharedChdb } from '../clickhouse/shared-chdb-session.ts';
import { createDuckDbEventStore } from '../duckdb/duckdb-event-store.ts';
import type { StoredEvent } from '../stored-event.ts';
import { createPostgresStateStore } from './postgres-state-store.ts';
import { startTestPostgres, type TestPostgres } from './test-postgres.ts';

// Two real Penumbra server processes on one PostgreSQL state store.
const dir = mkdtempSync(join(tmpdir(), 'penumbra-multi-'));
const chdb = sharedChdb();
let pg: TestPostgres;
const PER_INSTANCE = 150;
const UA = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36';

interface Instance {
  child: ChildProcess;
  url: string;
  dataDir: string;
}

async function startInstance(name: string): Promise<Instance> {
  const dataDir = join(dir, name);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'serve-instance.ts'), dataDir],
    {
      env: {
        ...process.env,
        PENUMBRA_STATE: 'postgres',
        PENUMBRA_POSTGRES_URL: pg.url,
        // Every post comes from 127.0.0.1: lift the per-visitor rate limit (0 = off).
        PENUMBRA_RATE_LIMIT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, url, dataDir };
}

async function stop(instance: Instance): Promise<void> {
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await exited;
}

async function storedEvents(instance: Instance): Promise<StoredEvent[]> {
  const store = await createDuckDbEventStore({ path: join(instance.dataDir, 'events.duckdb') });
  try {
    return await store.list(site, { limit: 100_000 });
  } finally {
    await store.close();
  }
}

let site = '';

beforeAll(async () => {
  pg = await startTestPostgres();
  const state = await createPostgresStateStore({ url: pg.url });
  await state.migrate();
  site = (await state.createSite('multi.example')).id;
  await state.close();
}, 60_000);

afterAll(async () => {
  chdb.close();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('two Penumbra instances on one PostgreSQL state store', () => {
  const stored: StoredEvent[][] = [];

  it('both accept the sites of the shared state, store each event once, hash visitors alike', async () => {
    const instances = await Promise.all([startInstance('a'), startInstance('b')]);
    try {
      const posts = [];
      for (let i = 0; i < PER_INSTANCE * 2; i++) {
        const instance = instances[i % 2] as Instance;
        posts.push(
          fetch(`${instance.url}/api/event`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain', 'user-agent': UA },
            body: JSON.stringify({
              n: 'pageview',
              d: 'multi.example',
              u: `https://multi.example/p/${i}`,
              r: '',
              k: `tok${i.toString().padStart(7, '0')}`,
            }),
          }).then((response) => response.status),
        );
      }
      expect(new Set(await Promise.all(posts))).toEqual(new Set([202]));
    } finally {
      await Promise.all(instances.map(stop));
    }
    for (const instance of instances) stored.push(await storedEvents(instance));
    expect(stored.map((events) => events.length)).toEqual([PER_INSTANCE, PER_INSTANCE]);
    const all = stored.flat();
    expect(new Set(all.map((event) => event.id)).size).toBe(PER_INSTANCE * 2);
    expect(new Set(all.map((event) => event.view_token)).size).toBe(PER_INSTANCE * 2);
    // One daily salt in PostgreSQL for both: the same person is one visitor on either instance.
    expect(new Set(all.map((event) => event.visitor_id)).size).toBe(1);
  }, 60_000);

  it('share one ClickHouse event stream: each appends its own log, nothing lost or doubled', async () => {
    expect(stored).toHaveLength(2);
    // Two instances, two adapters (own write queues) on one ClickHouse database. Both collectors
    // checkpoint the stream 'collector'; each instance's prefix keeps the positions apart.
    const database = chdb.freshExecutor('shared').database;
    const open = (instance: string) =>
      createClickHouseEventStore({
        executor: createChdbExecutor(chdb.session, database),
        streamPrefix: `${instance}:`,
      });
    const [a, b] = await Promise.all([open('a'), open('b')]);
    if (!a || !b) throw new Error('no stores');
    await Promise.all([a.migrate(), b.migrate()]);
    const feed = async (store: typeof a, events: StoredEvent[], stream: string) => {
      for (let at = 0; at < events.length; at += 40) {
        const end = Math.min(at + 40, events.length);
        await store.append(events.slice(at, end), { stream, position: end });
      }
    };
    const [fromA = [], fromB = []] = stored;
    // b's log is shorter so far: its checkpoint must not take a's position.
    await Promise.all([feed(a, fromA, 'collector'), feed(b, fromB.slice(0, 100), 'collector')]);
    expect([await a.checkpoint('collector'), await b.checkpoint('collector')]).toEqual([
      PER_INSTANCE,
      100,
    ]);
    // b restarts and replays from 100; a crashed before its last checkpoint and replays from 80.
    await b.append(fromB.slice(100), { stream: 'collector', position: PER_INSTANCE });
    await a.append(fromA.slice(80), { stream: 'collector', position: fromA.length });
    expect(await a.count()).toBe(PER_INSTANCE * 2);
    expect(await b.checkpoint('collector')).toBe(PER_INSTANCE);
    const day = Date.UTC(
      new Date().getUTCFullYear(),
      new Date().getUTCMonth(),
      new Date().getUTCDate(),
    );
    const [totals] = await runStatsQuery(
      b,
      parseStatsQuery({
        siteId: site,
        from: day - 86_400_000,
        to: day + 2 * 86_400_000,
        metrics: ['visitors', 'pageviews'],
      }),
    );
    expect(totals).toEqual({ visitors: 1, pageviews: PER_INSTANCE * 2 });
    await Promise.all([a.close(), b.close()]);
  });
});
