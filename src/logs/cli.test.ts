import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { fixture, reportFor, tempDir } from './test-helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'penumbra');
const FIXTURE_IPS = ['192.0.2.10', '198.51.100.20', '203.0.113.30', '2001:db8::7', '198.51.100.99'];

function run(args: string[], input?: Buffer) {
  const result = spawnSync(BIN, ['logs', ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('penumbra logs (built CLI)', () => {
  test('--json on worker threads equals the in-process report', async () => {
    const file = fixture('combined.log');
    const out = run([file, '--json', '--threads', '2', '--site-host', 'www.example.com']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(`${file}: combined (auto-detected)\n`);
    const expected = await reportFor([file], { siteHosts: ['www.example.com'] });
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  test('JSON keys the issue asks for', () => {
    const report = JSON.parse(run([fixture('combined.log'), '--json', '--quiet']).stdout);
    for (const key of [
      'lines',
      'invalid',
      'by_class',
      'by_channel',
      'visits',
      'dark_social_share',
      'previews',
      'top_dark_pages',
      'ga4_direct_reclassified',
      'format',
      'files',
      'time_range',
    ]) {
      expect(report, key).toHaveProperty(key);
    }
    expect(report.previews).toHaveProperty('by_channel');
    expect(report.previews).toHaveProperty('top_pages');
  });

  test('terminal summary by default; --quiet silences stderr; no progress bar off a terminal', () => {
    const out = run([fixture('combined.log')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Of what GA4 would call Direct (5 visits), 60.0% is dark social');
    expect(out.stderr).not.toContain('\r');
    expect(out.stderr).toContain('site host: www.example.com (guessed');
    const quiet = run([fixture('combined.log'), '--quiet']);
    expect(quiet.stderr).toBe('');
  });

  test('reads gzip from stdin and several formats in one run', () => {
    const gz = gzipSync(readFileSync(fixture('combined.log')));
    const out = run(['-', fixture('caddy.log'), '--json', '--quiet', '--threads', '1'], gz);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.format).toBe('mixed');
    expect(report.files.map((f: { name: string }) => f.name)).toEqual([
      'stdin',
      fixture('caddy.log'),
    ]);
    expect(report.lines).toBe(36);
  });

  test('--html writes the report; no raw client address reaches any output', () => {
    const html = join(tempDir(), 'report.html');
    const out = run([fixture('combined.log'), '--html', html, '--json']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(`HTML report written to ${html}`);
    const page = readFileSync(html, 'utf8');
    for (const ip of FIXTURE_IPS) {
      expect(out.stdout).not.toContain(ip);
      expect(page).not.toContain(ip);
    }
  });

  test('bad usage exits 2 with one line', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /give at least one log FILE/],
      [[fixture('combined.log'), '--bogus'], /--bogus/],
      [[fixture('combined.log'), '--since', 'yesterday'], /--since expects an ISO date/],
      [
        [fixture('combined.log'), '--since', '2026-11-03', '--until', '2026-11-02'],
        /--until must be after --since/,
      ],
      [[fixture('combined.log'), '--format', 'w3c'], /--format must be one of/],
      [[fixture('generic.jsonl'), '--fields', 'uri=path'], /unknown field "uri"/],
      [[join(tempDir(), 'nope.log')], /no such file/],
      [[fixture('combined.log'), '--top', 'ten'], /--top expects a non-negative integer/],
      [
        [fixture('combined.log'), '--html', '/no/such/dir/r.html'],
        /--html: directory \/no\/such\/dir does not exist/,
      ],
    ];
    for (const [args, message] of cases) {
      const out = run(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(out.stderr).toMatch(message);
    }
  });

  test('--since/--until take ISO dates; a date alone includes its whole day', () => {
    const day = JSON.parse(
      run([fixture('combined.log'), '--json', '--quiet', '--until', '2026-11-02']).stdout,
    );
    expect(day.skipped.out_of_range).toBe(0);
    const before = JSON.parse(
      run([fixture('combined.log'), '--json', '--quiet', '--until', '2026-11-02T10:05:00Z']).stdout,
    );
    expect(before.skipped.out_of_range).toBe(17);
  });
});
