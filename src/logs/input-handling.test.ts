import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { LogsInputError } from './log-format.ts';
import { fixture, reportFor, tempDir } from './test-helpers.ts';

const CH =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

function line(
  ip: string,
  time: string,
  path: string,
  referrer: string,
  ua: string,
  status = 200,
): string {
  return `${ip} - - [02/Nov/2026:${time} +0000] "GET ${path} HTTP/1.1" ${status} 1000 "${referrer}" "${ua}"\n`;
}

describe('malformed input', () => {
  test('binary, truncated, garbled and gigantic lines are invalid, with their line numbers', async () => {
    const dir = tempDir();
    const file = join(dir, 'mixed.log');
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i).filter((b) => b !== 10));
    writeFileSync(
      file,
      Buffer.concat([
        readFileSync(fixture('malformed.log')),
        binary,
        Buffer.from('\n'),
        Buffer.alloc(1024 * 1024, 'x'),
        Buffer.from('\n'),
        Buffer.alloc(100 * 1024, 'a'),
        Buffer.from('\n'),
        Buffer.from(line('192.0.2.15', '10:02:00', '/b', '-', CH)),
        Buffer.from(
          '192.0.2.16 - - [02/Nov/2026:10:03:00 +0000] "GET /c HTTP/1.1" 200 1 "-" "Mozi',
        ),
      ]),
    );
    const r = await reportFor([file], { siteHosts: ['www.example.com'] });
    expect(r.lines).toBe(11);
    expect(r.invalid).toBe(8);
    expect(r.invalid_examples.map((e) => [e.line, e.reason])).toEqual([
      [2, 'truncated user agent'],
      [3, 'bad timestamp'],
      [4, 'no [timestamp]'],
      [7, 'no [timestamp]'],
      [8, 'binary data'],
    ]);
    expect(r.invalid_examples[4]?.text.startsWith('\\x00\\x01\\x02')).toBe(true);
    expect(r.by_class).toMatchObject({ search: 1, direct: 2 });
    expect(r.visits).toBe(3);
  });

  test('a gigantic line is reported with its line number, whether split off or not', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.log');
    const valid = line('192.0.2.1', '10:00:00', '/', '-', CH);
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(valid),
        Buffer.alloc(3 * 1024 * 1024, 'y'),
        Buffer.from(`\n${valid}`),
        Buffer.alloc(70 * 1024, 'z'),
        Buffer.from(`\n${valid}`),
      ]),
    );
    const r = await reportFor([file]);
    expect(r.lines).toBe(5);
    expect(r.invalid_examples.map((e) => [e.line, e.reason])).toEqual([
      [2, 'line longer than 64 KiB'],
      [4, 'line longer than 64 KiB'],
    ]);
    expect(r.page_views).toBe(3);
  });

  test('memory stays bounded: pages past the cap are counted as "(other pages)"', async () => {
    const file = join(tempDir(), 'many-pages.log');
    const lines: string[] = [];
    for (let i = 0; i < 100_010; i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      lines.push(line(ip, '10:00:00', `/p/${i}/x`, '-', IPHONE));
    }
    writeFileSync(file, lines.join(''));
    const r = await reportFor([file], { top: 1 });
    expect(r.visits).toBe(100_010);
    expect(r.top_dark_pages).toEqual([
      {
        page: '(other pages)',
        dark_social_visits: 11,
        visits: 11,
        share: 1,
        by_channel: { unknown: 11 },
      },
    ]);
  });

  test('an empty file is fine', async () => {
    const file = join(tempDir(), 'empty.log');
    writeFileSync(file, '');
    const r = await reportFor([file]);
    expect(r.lines).toBe(0);
    expect(r.dark_social_share).toBeNull();
  });
});

describe('compressed, piped and rotated input', () => {
  test('gzip on stdin gives the same counts as the plain file', async () => {
    const plain = await reportFor([fixture('combined.log')], { siteHosts: ['www.example.com'] });
    const piped = await reportFor(['-'], {
      siteHosts: ['www.example.com'],
      stdin: gzipSync(readFileSync(fixture('combined.log'))),
    });
    expect(piped.files).toEqual([
      { name: 'stdin', format: 'combined', compressed: true, lines: 29, invalid: 0 },
    ]);
    expect({ ...piped, files: [] }).toEqual({ ...plain, files: [] });
  });

  test('a rotated set is read oldest first, whatever the order given', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'access.log.2.gz'),
      gzipSync(
        line('192.0.2.10', '09:40:00', '/a', 'https://www.google.com/', CH) +
          line('192.0.2.20', '09:45:00', '/b/c/d', '-', IPHONE),
      ),
    );
    writeFileSync(
      join(dir, 'access.log.1'),
      line('192.0.2.10', '09:55:00', '/e', 'https://www.example.com/a', CH) +
        line('192.0.2.30', '09:58:00', '/', '-', CH),
    );
    writeFileSync(
      join(dir, 'access.log'),
      `${line('192.0.2.10', '10:10:00', '/f', 'https://www.example.com/e', CH)}not a log line\n${line('192.0.2.40', '10:20:00', '/f', '-', 'WhatsApp/2.23.20.0 A')}`,
    );
    const r = await reportFor(
      ['access.log', 'access.log.2.gz', 'access.log.1'].map((name) => join(dir, name)),
      { siteHosts: ['www.example.com'] },
    );
    expect(r.files.map((f) => [f.name.slice(dir.length + 1), f.compressed, f.lines])).toEqual([
      ['access.log.2.gz', true, 2],
      ['access.log.1', false, 2],
      ['access.log', false, 3],
    ]);
    expect(r.invalid_examples).toEqual([
      { file: join(dir, 'access.log'), line: 2, reason: 'no [timestamp]', text: 'not a log line' },
    ]);
    // 192.0.2.10's page views in three files are one visit.
    expect(r.visits).toBe(3);
    expect(r.visits_by_class).toMatchObject({ search: 1, dark_social: 1, direct: 1 });
    expect(r.page_views).toBe(5);
    expect(r.previews.fetches).toBe(1);
  });

  test('a truncated gzip file keeps what came before and warns', async () => {
    const file = join(tempDir(), 'cut.log.gz');
    const body = Buffer.from(
      Array.from({ length: 3000 }, (_, i) =>
        line(
          `192.0.2.${i % 200}`,
          `10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:00`,
          `/p/${i}/x`,
          '-',
          CH,
        ),
      ).join(''),
    );
    const gz = gzipSync(body);
    writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
    const r = await reportFor([file]);
    expect(r.lines).toBeGreaterThan(100);
    expect(r.lines).toBeLessThan(3000);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('gzip data ends early or is damaged');
  });

  test('unreadable inputs are clear errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.log.bz2'), Buffer.from('BZh91AY&SY'));
    await expect(reportFor([join(dir, 'x.log.bz2')])).rejects.toThrow(/bzip2-compressed.*bzcat/);
    await expect(reportFor([join(dir, 'missing.log')])).rejects.toThrow(/no such file/);
    await expect(reportFor([dir])).rejects.toThrow(/is a directory/);
    await expect(reportFor(['-', '-'])).rejects.toBeInstanceOf(LogsInputError);
    writeFileSync(join(dir, 'prose.txt'), 'Once upon a time\nthere was a log\n');
    await expect(reportFor([join(dir, 'prose.txt')])).rejects.toThrow(
      /unknown log format.*--format/,
    );
  });
});
