/**
 * The same stats workload on the two event stores, DuckDB and ClickHouse (the real engine,
 * embedded by chdb), over the same generated events:
 *
 *   npx tsx bench/stores/run.ts [--events 10000000] [--runs 5] [--batch 50000]
 *                               [--engines duckdb,clickhouse]
 *
 * Loads the events through each adapter's `append` (batches of --batch), then runs each query of
 * WORKLOAD --runs times after one warm-up and reports the median, side by side, as Markdown.
 * Data lives in a temporary directory, deleted at the end. Both engines run in this process,
 * one after the other, so they never compete for the two cores.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseStatsQuery, type StatsQueryInput } from '../../src/stats/query-spec.ts';
import { runStatsQuery } from '../../src/stats/run-stats-query.ts';
import { createClickHouseEventStore } from '../../src/store/clickhouse/clickhouse-event-store.ts';
import { sharedChdb } from '../../src/store/clickhouse/shared-chdb-session.ts';
import { generateEvents } from '../../src/store/conformance/generate-events.ts';
import { createDuckDbEventStore, type EventStore } from '../../src/store/index.ts';

const DAYS = 90;
const FROM = Date.UTC(2026, 0, 1);
const RANGE = { siteId: 'bench', from: FROM, to: FROM + DAYS * 86_400_000 };

/** What a dashboard asks for: totals, top lists, a time series, a filtered view. */
const WORKLOAD: Record<string, Partial<StatsQueryInput>> = {
  'totals (all 8 metrics)': {
    metrics: [
      'visitors',
      'visits',
      'pageviews',
      'bounce_rate',
      'visit_duration',
      'shares',
      'previews',
      'clicks',
    ],
  },
  'by channel (visitors, visits, page views, shares)': {
    metrics: ['visitors', 'visits', 'pageviews', 'shares'],
    dimensions: ['channel'],
  },
  'daily series (page views, visitors)': {
    metrics: ['pageviews', 'visitors'],
    interval: 'day',
    limit: 1000,
  },
  'top pages (page views)': { metrics: ['pageviews'], dimensions: ['page'], limit: 10 },
  'WhatsApp only, by day (visits, bounce rate)': {
    metrics: ['visits', 'bounce_rate'],
    interval: 'day',
    limit: 1000,
    filters: [{ dimension: 'channel', op: 'is', value: 'whatsapp' }],
  },
  'by country and device (visitors)': {
    metrics: ['visitors'],
    dimensions: ['country', 'device'],
    limit: 100,
  },
};

function options() {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '10000000' },
      runs: { type: 'string', default: '5' },
      batch: { type: 'string', default: '50000' },
      // One engine at a time when the machine is shared: the generator is deterministic, so two
      // runs see the same events.
      engines: { type: 'string', default: 'duckdb,clickhouse' },
    },
  });
  return {
    events: Number(values.events),
    runs: Number(values.runs),
    batch: Number(values.batch),
    engines: values.engines.split(','),
  };
}

interface EngineResult {
  name: string;
  loadSeconds: number;
  diskMb: number;
  queries: Record<string, number>;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const du = (path: string) => Number(execFileSync('du', ['-sm', path]).toString().split('\t')[0]);

async function measure(
  name: string,
  store: EventStore,
  dataPath: string,
  opts: ReturnType<typeof options>,
): Promise<EngineResult> {
  await store.migrate();
  const started = performance.now();
  for (const batch of generateEvents({
    count: opts.events,
    days: DAYS,
    from: FROM,
    batch: opts.batch,
  })) {
    await store.append(batch);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  if ((await store.count()) !== opts.events) throw new Error(`${name}: lost events`);
  process.stderr.write(`${name}: loaded ${opts.events} events in ${loadSeconds.toFixed(1)} s\n`);
  const queries: Record<string, number> = {};
  for (const [label, input] of Object.entries(WORKLOAD)) {
    const query = parseStatsQuery({ ...RANGE, ...input });
    await runStatsQuery(store, query); // warm-up
    const times: number[] = [];
    for (let run = 0; run < opts.runs; run++) {
      const t0 = performance.now();
      await runStatsQuery(store, query);
      times.push(performance.now() - t0);
    }
    queries[label] = median(times);
    process.stderr.write(`${name}: ${label}: ${queries[label]?.toFixed(1)} ms\n`);
  }
  return { name, loadSeconds, diskMb: du(dataPath), queries };
}

async function main(): Promise<void> {
  const opts = options();
  const dir = mkdtempSync(join(tmpdir(), 'penumbra-bench-stores-'));
  try {
    const results: EngineResult[] = [];
    if (opts.engines.includes('duckdb')) {
      const duckPath = join(dir, 'events.duckdb');
      const duck = await createDuckDbEventStore({ path: duckPath });
      results.push(await measure('DuckDB', duck, duckPath, opts));
      await duck.close();
    }
    if (opts.engines.includes('clickhouse')) {
      const chdbDir = join(dir, 'chdb');
      const chdb = sharedChdb(chdbDir);
      const store = await createClickHouseEventStore({ executor: chdb.freshExecutor('bench') });
      results.push(await measure('ClickHouse (chdb)', store, chdbDir, opts));
      await store.close();
      chdb.close();
    }
    report(opts, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(opts: ReturnType<typeof options>, results: EngineResult[]): void {
  const header = `| | ${results.map((r) => r.name).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---:').join('|')}|`;
  const row = (label: string, cell: (r: EngineResult) => string) =>
    `| ${label} | ${results.map(cell).join(' | ')} |`;
  const lines = [
    `${opts.events.toLocaleString('en')} events, ${DAYS} days, one site; median of ${opts.runs} warm runs`,
    '',
    header,
    rule,
    row(
      `load through \`append\` (batches of ${opts.batch.toLocaleString('en')})`,
      (r) => `${r.loadSeconds.toFixed(1)} s (${Math.round(opts.events / r.loadSeconds / 1000)}k/s)`,
    ),
    row('on disk', (r) => `${r.diskMb} MB`),
    ...Object.keys(WORKLOAD).map((label) =>
      row(label, (r) => `${(r.queries[label] ?? 0).toFixed(1)} ms`),
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
