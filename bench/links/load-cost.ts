/**
 * bench/links, the storage side: CPU per share-link click loaded into the DuckDB event store,
 * through the store's own `appendJsonLines` (the collector's path: 60,000-click segment files of
 * compact click lines after their variant line, the sessions merge, DuckDB's own checkpoints at
 * 128 MB of WAL), with DuckDB on THREADS threads.
 * CPU is the whole process's (`process.cpuUsage`: every DuckDB thread included).
 *   npx tsx bench/links/load-cost.ts [threads=1] [segments=16]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Classification } from '../../src/core/index.ts';
import { compactClickLine } from '../../src/ingest/click-event.ts';
import { createDuckDbEventStore, type ShareLink } from '../../src/store/index.ts';

const threads = Number(process.argv[2] ?? 1);
const segments = Number(process.argv[3] ?? 16);
const CLICKS = 60_000;
const WARM_UP = 2;

const dir = mkdtempSync(join(tmpdir(), 'penumbra-load-cost-'));
const store = await createDuckDbEventStore({ path: join(dir, 'events.duckdb'), threads });
await store.migrate();
const link: ShareLink = {
  code: 'bench01',
  siteId: 'site_bench',
  target: 'https://bench.example/story',
  channel: 'whatsapp',
  campaign: '',
  utm: false,
  conversation: '',
  createdAt: 0,
};
const verdict: Classification = {
  class: 'direct',
  channel: 'none',
  confidence: 'heuristic',
  rule: 'no_signal',
  evidence: '',
  ga4: 'Direct',
};
const userAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

let clicks = 0;
let measured = 0;
let cpu = 0;
for (let segment = 0; segment < segments; segment++) {
  const lines: string[] = [];
  for (let i = 0; i < CLICKS; i++, clicks++) {
    const click = {
      link,
      token: `t${clicks.toString(36).padStart(9, '0')}`,
      userAgent,
      visitorId: (clicks % 5000).toString(16).padStart(16, '0'),
      classification: verdict,
      unique: clicks % 3 === 0,
      now: Date.UTC(2026, 10, 1) + clicks * 16,
    };
    const { line, variant } = compactClickLine(click, clicks.toString(16).padStart(24, '0'));
    // As the durable log writes them: the variant once per segment, before its first click.
    if (i === 0) lines.push(variant.line);
    lines.push(line);
  }
  const path = join(dir, `segment-${segment}.log`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const started = process.cpuUsage();
  await store.appendJsonLines(path, { stream: 'bench', position: clicks });
  const used = process.cpuUsage(started);
  if (segment >= WARM_UP) {
    cpu += used.user + used.system;
    measured += CLICKS;
  }
}
const stored = await store.count();
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `DuckDB threads ${threads}: ${(cpu / measured).toFixed(2)} µs of CPU per click loaded ` +
    `(${measured} clicks after ${WARM_UP} warm-up segments; ${stored} stored)`,
);
