/** Shared by the logs tests: run the pipeline in-process on files and get the report. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { analyzeLogs, type LogsOptions } from './analyze-logs.ts';
import { computeReport } from './compute-report.ts';
import type { LogsReport } from './report-types.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'penumbra-logs-'));
}

export interface RunOptions extends Partial<LogsOptions> {
  stdin?: Buffer | string;
  top?: number;
}

export async function reportFor(files: string[], options: RunOptions = {}): Promise<LogsReport> {
  const notes: string[] = [];
  const aggregates = await analyzeLogs(
    {
      files,
      format: null,
      fields: {},
      siteHosts: [],
      since: null,
      until: null,
      excludePaths: [],
      sectionPaths: [],
      threads: 0,
      ...options,
    },
    {
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      notice: (message) => notes.push(message),
    },
  );
  return computeReport(aggregates, { top: options.top ?? 10 });
}

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** A log whose visitor-controlled strings would break out of HTML or recolour a terminal. */
export function hostileLog(): string {
  const file = join(tempDir(), 'hostile.log');
  const line = (ip: string, target: string, referrer: string): string =>
    `${ip} - - [02/Nov/2026:10:00:00 +0000] "GET ${target} HTTP/1.1" 200 10 "${referrer}" "${CHROME}"\n`;
  writeFileSync(
    file,
    line('192.0.2.1', '/a/<script>alert(1)</script>', '-') +
      line('192.0.2.2', '/b', 'https://<img src=x onerror=alert(2)>/') +
      line('192.0.2.3', '/c?utm_source=<svg/onload=alert(3)>', '-') +
      line('192.0.2.4', '/d/\u001b[31mred\u001b[0m/x', '-') +
      line('192.0.2.5', '/e/\'quote"/x', '-'),
  );
  return file;
}
