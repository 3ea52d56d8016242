/**
 * Writes the benchmark log: `npx tsx bench/logs/generate.ts [--lines N] [--seed S] [--out FILE]`.
 * Defaults give the 1,000,000-line log of docs/benchmarks.md.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { LogGenerator } from './generate-log.ts';

export const DEFAULT_LINES = 1_000_000;
export const DEFAULT_SEED = 20261129;
/** Where the runner looks for (and the generator writes) the log of given size and seed. */
export function defaultLogPath(lines: number, seed: number): string {
  return join('.bench-data', 'logs', `access-${lines}-${seed}.log`);
}
/** 2026-11-02T00:00:00Z: a Monday, so the week of traffic has a regular shape. */
export const DEFAULT_START_MS = Date.UTC(2026, 10, 2);

export function generateLogFile(file: string, lines: number, seed: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    new LogGenerator({ lines, seed, startMs: DEFAULT_START_MS, days: 7 }).run((text) => {
      writeSync(fd, text);
    });
  } finally {
    closeSync(fd);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: String(DEFAULT_LINES) },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string' },
    },
  });
  const lines = Number(values.lines);
  const seed = Number(values.seed);
  const out = values.out ?? defaultLogPath(lines, seed);
  const started = performance.now();
  generateLogFile(out, lines, seed);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`wrote ${lines} lines to ${out} in ${seconds.toFixed(1)} s\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
