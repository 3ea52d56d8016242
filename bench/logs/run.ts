/**
 * `penumbra logs` against GoAccess on the same 1,000,000-line combined log, in one run:
 *
 *   npm run build && npx tsx bench/logs/run.ts [--runs 5] [--lines N] [--seed S]
 *
 * Generates the log if absent (bench/logs/generate.ts), warms the page cache, then runs the
 * two tools alternately, each under /usr/bin/time -v, and reports the median wall time,
 * lines/s, the ratio and peak RSS of both. Needs Debian's `goaccess` and `time` packages.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LINES, DEFAULT_SEED, defaultLogPath, generateLogFile } from './generate.ts';
import { type Measurement, measure, median } from './measure.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BAR = 5;

interface ToolResult {
  name: string;
  command: string;
  runs: Measurement[];
}

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      lines: { type: 'string', default: String(DEFAULT_LINES) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  return { runs: Number(values.runs), lines: Number(values.lines), seed: Number(values.seed) };
}

function ensureLog(lines: number, seed: number): string {
  const file = join(ROOT, defaultLogPath(lines, seed));
  if (!existsSync(file)) {
    process.stderr.write(`generating ${lines} lines into ${file}…\n`);
    generateLogFile(file, lines, seed);
  }
  return file;
}

function checkTools(): void {
  for (const [path, hint] of [
    ['/usr/bin/goaccess', 'apt-get install -y goaccess'],
    ['/usr/bin/time', 'apt-get install -y time'],
    [join(ROOT, 'dist', 'cli.js'), 'npm run build'],
  ] as const) {
    if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  }
}

function ensureOk(tool: string, m: Measurement): void {
  if (m.exitCode !== 0) throw new Error(`${tool} failed (${m.exitCode}): ${m.stderr.slice(-500)}`);
}

function summarise(tool: ToolResult, lines: number) {
  const seconds = median(tool.runs.map((r) => r.seconds));
  return {
    tool: tool.name,
    command: tool.command,
    runs_seconds: tool.runs.map((r) => r.seconds),
    median_seconds: seconds,
    lines_per_second: Math.round(lines / seconds),
    peak_rss_mb: Math.round(Math.max(...tool.runs.map((r) => r.maxRssKb)) / 1024),
  };
}

async function main(): Promise<void> {
  const { runs, lines, seed } = options();
  checkTools();
  const log = ensureLog(lines, seed);
  readFileSync(log); // warm the page cache so neither tool pays for the disk
  const work = mkdtempSync(join(tmpdir(), 'penumbra-bench-'));
  const goaccessArgs = [log, '--log-format=COMBINED', '--no-progress', '-o', 'report.json'];
  const penumbraArgs = [join(ROOT, 'bin', 'penumbra'), 'logs', log, '--json', '--quiet'];
  const goaccess: ToolResult = {
    name: 'goaccess',
    command: `goaccess ${goaccessArgs.join(' ')}`,
    runs: [],
  };
  const penumbra: ToolResult = {
    name: 'penumbra logs',
    command: `./bin/penumbra logs ${log} --json --quiet`,
    runs: [],
  };
  for (let i = 0; i < runs; i++) {
    // Alternate the order so drift on a shared machine hits both tools alike.
    const order = i % 2 === 0 ? ['g', 'p'] : ['p', 'g'];
    for (const which of order) {
      if (which === 'g') {
        const m = await measure('goaccess', goaccessArgs, work);
        ensureOk('goaccess', m);
        goaccess.runs.push(m);
      } else {
        const m = await measure(process.execPath, penumbraArgs, work);
        ensureOk('penumbra', m);
        const report = JSON.parse(m.stdout) as { lines: number };
        if (report.lines !== lines)
          throw new Error(`penumbra read ${report.lines} lines, expected ${lines}`);
        penumbra.runs.push({ ...m, stdout: '' });
      }
    }
    process.stderr.write(`run ${i + 1}/${runs} done\n`);
  }
  const g = summarise(goaccess, lines);
  const p = summarise(penumbra, lines);
  const ratio = Math.round((p.lines_per_second / g.lines_per_second) * 100) / 100;
  const result = {
    lines,
    seed,
    log,
    runs,
    goaccess: g,
    penumbra: p,
    ratio,
    bar: BAR,
    passes: ratio >= BAR,
  };
  writeFileSync(
    join(ROOT, '.bench-data', 'logs', 'results.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  const row = (s: typeof g): string =>
    `| ${s.tool} | ${s.median_seconds.toFixed(2)} s | ${s.lines_per_second.toLocaleString('en-US')} | ${s.peak_rss_mb} MB |`;
  process.stdout.write(
    [
      `| tool | median wall time (${runs} runs) | lines/s | peak RSS |`,
      '|---|---|---|---|',
      row(g),
      row(p),
      '',
      `penumbra logs / GoAccess lines/s: ${ratio}× (bar: ≥ ${BAR}×) — ${result.passes ? 'PASS' : 'FAIL'}`,
      `runs (s): goaccess ${g.runs_seconds.join(', ')}; penumbra ${p.runs_seconds.join(', ')}`,
      '',
    ].join('\n'),
  );
  if (!result.passes) process.exitCode = 1;
}

await main();
