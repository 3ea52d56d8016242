import { describe, expect, test } from 'vitest';
import { daysFromCivil, parseClfTime } from './clf-time.ts';
import { closingQuote, parseCombinedLine } from './parse-combined.ts';
import { completeLine, createParsedLine, type ParsedLine } from './parsed-line.ts';

function parse(line: string, requireAgent = true): ParsedLine | string {
  const out = createParsedLine();
  const reason = parseCombinedLine(line, out, requireAgent);
  if (reason !== null) return reason;
  completeLine(out);
  return out;
}

describe('parseClfTime', () => {
  test('reads the zone offset', () => {
    expect(parseClfTime('10/Oct/2000:13:55:36 -0700', 0)).toBe(
      Date.UTC(2000, 9, 10, 20, 55, 36) / 1000,
    );
    expect(parseClfTime('[02/Nov/2026:12:18:00 +0200]', 1)).toBe(
      Date.UTC(2026, 10, 2, 10, 18) / 1000,
    );
    expect(parseClfTime('29/Feb/2024:00:00:00 +0000', 0)).toBe(Date.UTC(2024, 1, 29) / 1000);
  });

  test('rejects anything else', () => {
    for (const bad of [
      '32/Oct/2000:13:55:36 -0700',
      '10/Foo/2000:13:55:36 -0700',
      '10/Oct/2000:24:00:00 +0000',
      '10/Oct/2000:13:55:36 0700',
      '10/Oct/2000:13:55',
      '2000-10-10T13:55:36Z',
    ]) {
      expect(parseClfTime(bad, 0), bad).toBeNaN();
    }
  });

  test('days from civil agrees with Date.UTC across centuries', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1900, 3, 1],
      [2000, 2, 29],
      [2100, 12, 31],
      [2026, 11, 2],
    ] as const) {
      expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });
});

describe('parseCombinedLine', () => {
  const ua = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0';

  test('reads every field of a combined line', () => {
    const line = `203.0.113.5 - alice [02/Nov/2026:10:00:00 +0000] "GET /a/b?x=1 HTTP/2.0" 200 512 "https://example.org/" "${ua}"`;
    expect(parse(line)).toMatchObject({
      ip: '203.0.113.5',
      time: Date.UTC(2026, 10, 2, 10) / 1000,
      method: 'GET',
      target: '/a/b?x=1',
      status: 200,
      referrer: 'https://example.org/',
      userAgent: ua,
    });
  });

  test('common lines have no referrer or user agent; combined requires them', () => {
    const line = '2001:db8::1 - - [02/Nov/2026:10:00:00 +0000] "HEAD / HTTP/1.0" 304 -';
    expect(parse(line, false)).toMatchObject({
      ip: '2001:db8::1',
      method: 'HEAD',
      status: 304,
      referrer: null,
      userAgent: null,
    });
    expect(parse(line, true)).toBe('truncated line (no referrer and user agent)');
  });

  test('escaped quotes (Apache), extra fields (nginx) and odd requests', () => {
    const escaped = `192.0.2.1 - - [02/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "Evil \\"quoted\\" agent"`;
    expect(parse(escaped)).toMatchObject({ userAgent: 'Evil \\"quoted\\" agent' });
    const extras = `192.0.2.1 - - [02/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "${ua}" "198.51.100.7" rt=0.001`;
    expect(parse(extras)).toMatchObject({ userAgent: ua, referrer: '-' });
    const empty = `192.0.2.1 - - [02/Nov/2026:10:00:00 +0000] "-" 400 0 "-" "-"`;
    expect(parse(empty)).toMatchObject({ method: '-', target: '', status: 400 });
    const http09 = `192.0.2.1 - - [02/Nov/2026:10:00:00 +0000] "GET /" 200 5 "-" "-"`;
    expect(parse(http09)).toMatchObject({ method: 'GET', target: '/' });
  });

  test('names what is wrong with a broken line', () => {
    const good = `192.0.2.1 - - [02/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "https://r.example/" "${ua}"`;
    const cases: Array<[string, string]> = [
      ['', 'not an access-log line'],
      ['garbage', 'not an access-log line'],
      ['192.0.2.1 - - 02/Nov/2026', 'no [timestamp]'],
      [good.replace('02/Nov', '02/Nox'), 'bad timestamp'],
      [good.replace('"GET', 'GET'), 'no "request"'],
      [good.slice(0, good.indexOf(' HTTP/1.1')), 'truncated request'],
      [good.replace(' 200 ', ' 2x0 '), 'bad status'],
      [good.slice(0, good.indexOf(' 5 ')), 'truncated line (no size)'],
      [good.replace('"https', 'https'), 'no "referrer"'],
      [good.slice(0, good.indexOf('r.example')), 'truncated referrer'],
      [good.slice(0, good.lastIndexOf(' "')), 'truncated line (no user agent)'],
      [good.slice(0, -5), 'truncated user agent'],
    ];
    for (const [line, reason] of cases) expect(parse(line), line).toBe(reason);
  });

  test('closingQuote skips quotes escaped by an odd number of backslashes', () => {
    expect(closingQuote('a\\"b"', 0)).toBe(4);
    expect(closingQuote('a\\\\"b', 0)).toBe(3);
    expect(closingQuote('no quote', 0)).toBe(-1);
  });
});
