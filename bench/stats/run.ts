// bench/stats: the dashboard overview (every panel, through the real stats code and the DuckDB
// event store) against DuckDB alone computing one count(DISTINCT visitor_id) over the same
// events, in one run, alternating, best of R. Bar: overview <= 3x that floor.
// The overview reads daily rollups: the bench clears them first, times the first overview (which
// computes them) apart, checks that the rolled-up answer equals the one read from the events,
// and reports the overview read from the events alone too.
// Usage: npx tsx bench/stats/run.ts [events=10000000] [rounds=3] [duckdb threads]
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeOverview } from '../../src/stats/index.ts';
import { rounded } from '../../src/stats/rollups/rollup-fixture.ts';
import { sessionsOf } from '../../src/store/duckdb/merge-sessions.ts';
import { createDuckDbEventStore } from '../../src/store/index.ts';
import { DAYS, END, generateSql, SITE, START } from './generate-events.ts';

const events = Number(process.argv[2] ?? 10_000_000);
const rounds = Number(process.argv[3] ?? 3);
// DuckDB's threads for both sides; its default (one per core) when absent. `penumbra serve`
// leaves one core to requests (PENUMBRA_DUCKDB_THREADS, docs/serve.md): pass 1 to see that.
const threads = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const dir = join(import.meta.dirname, '..', '..', '.bench-data');
mkdirSync(dir, { recursive: true });
// v3: visitor ids per UTC day and rows in time order, as the collector writes them.
const path = join(dir, `stats-v3-${events}.duckdb`);

if (!existsSync(path)) {
  const started = performance.now();
  const schema = await createDuckDbEventStore({ path });
  await schema.migrate();
  await schema.close();
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connection = await instance.connect();
  await connection.run(generateSql(events));
  // The collector's appends keep `sessions` up to date; a bulk INSERT has to fill it itself.
  await connection.run(`INSERT INTO sessions BY NAME ${sessionsOf('events')}`);
  await connection.run('CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
  console.log(
    `generated ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

const schema = await createDuckDbEventStore({ path });
// A file generated before the sessions table existed gets it (filled from its events) here.
await schema.migrate();
await schema.close();
{
  // Every run starts without rollups, so the first overview below is the cold one.
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run('DELETE FROM rollup_rows; DELETE FROM rollup_days; CHECKPOINT');
  connection.closeSync();
  instance.closeSync();
}
const store = await createDuckDbEventStore({ path, threads });
const goals = [
  { id: 'g1', name: 'Paid subscription', kind: 'event' as const, value: 'subscribe' },
  { id: 'g2', name: 'Read an article', kind: 'page' as const, value: '/article/1*' },
];
const context = {
  store,
  siteId: SITE,
  from: START,
  to: END,
  filters: [],
  compare: true,
  goals,
  now: END,
};
// The dashboard's "last 90 days" seen at 05:00 on the data's last day: a part day at the start
// and today so far are read from the events, the 89 whole days between from rollups.
const HOUR = 3_600_000;
const lastNinety = {
  ...context,
  from: END - DAYS * 86_400_000 - 19 * HOUR,
  to: END - 19 * HOUR,
  now: END - 19 * HOUR,
};
const floorSql = `SELECT count(DISTINCT visitor_id) FROM events WHERE site_id = '${SITE}'`;

const time = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const total = Number((await store.selectRows('SELECT count(*) FROM events', []))[0]?.[0]);
// One warm-up of each, so both start from the same (cached) state. The overview's computes the
// rollups (its cost is reported), then the same overview is read from the events alone.
await store.selectRows(floorSql, []);
const cold = performance.now();
const overview = await computeOverview(context);
const coldMs = performance.now() - cold;
const fromEvents = performance.now();
const live = await computeOverview({ ...context, store: { ...store, fillRollup: undefined } });
const fromEventsMs = performance.now() - fromEvents;
const same = JSON.stringify(rounded(overview)) === JSON.stringify(rounded(live));
const recent = await computeOverview(lastNinety);
const recentLive = await computeOverview({
  ...lastNinety,
  store: { ...store, fillRollup: undefined },
});
const recentSame = JSON.stringify(rounded(recent)) === JSON.stringify(rounded(recentLive));
let floor = Number.POSITIVE_INFINITY;
let full = Number.POSITIVE_INFINITY;
let withEdges = Number.POSITIVE_INFINITY;
for (let round = 0; round < rounds; round++) {
  floor = Math.min(floor, await time(() => store.selectRows(floorSql, [])));
  full = Math.min(full, await time(() => computeOverview(context)));
  withEdges = Math.min(withEdges, await time(() => computeOverview(lastNinety)));
}
await store.close();

console.log(`events: ${total} over 90 days (${overview.headline.totals.visits} visits in range)`);
console.log(`count(DISTINCT visitor_id) alone: ${floor.toFixed(0)} ms`);
console.log(`overview, every panel (compare on, 2 goals): ${full.toFixed(0)} ms`);
console.log(`ratio (overview / floor): ${(full / floor).toFixed(2)} (bar: <= 3)`);
console.log(`first overview, computing the rollups of ${DAYS} days: ${coldMs.toFixed(0)} ms`);
console.log(
  `overview read from the events (no rollups): ${fromEventsMs.toFixed(0)} ms, ${(fromEventsMs / floor).toFixed(2)}x`,
);
console.log(
  `overview of the last 90 days at 05:00 (part day and today from the events): ${withEdges.toFixed(0)} ms, ${(withEdges / floor).toFixed(2)}x`,
);
console.log(
  `rolled-up overviews equal the ones from the events: ${same && recentSame ? 'yes' : 'NO'}`,
);
if (!same || !recentSame) process.exitCode = 1;
