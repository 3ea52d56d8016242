import { describe, expect, it } from 'vitest';
import { compileDuckDb } from './compile-duckdb.ts';
import { compileStatsQuery } from './compile-stats-query.ts';
import type { Dialect } from './dialect.ts';
import { parseStatsQuery } from './query-spec.ts';

const HOSTILE = "x' OR 1=1 --";
const query = parseStatsQuery({
  siteId: "site'a",
  metrics: ['visitors', 'bounce_rate', 'pageviews', 'clicks'],
  dimensions: ['channel', 'page'],
  filters: [
    { dimension: 'utm_source', op: 'contains', value: HOSTILE },
    { dimension: 'page', op: 'is_not', value: '/admin' },
  ],
  from: 1_000,
  to: 2_000,
  interval: 'week',
  limit: 7,
});

describe('compileDuckDb', () => {
  it('passes every user value as a parameter, in order', () => {
    const { sql, params } = compileDuckDb(query);
    expect(params).toEqual(["site'a", 1_000, 2_000, HOSTILE, '/admin', 7]);
    for (const value of ["site'a", HOSTILE, '/admin']) expect(sql).not.toContain(value);
    expect(sql).toContain('LIMIT CAST($6 AS BIGINT)');
  });

  it('names the result columns: dimensions, bucket, then metrics as asked', () => {
    expect(compileDuckDb(query).columns.map((column) => column.name)).toEqual([
      'channel',
      'page',
      'bucket',
      'visitors',
      'bounce_rate',
      'pageviews',
      'clicks',
    ]);
  });
});

describe('compileStatsQuery', () => {
  // Marks every dialect hook, to prove the compiler writes nothing engine-specific itself:
  // this is the seam a ClickHouse dialect plugs into.
  const marked: Dialect = {
    name: 'clickhouse',
    visitsFrom: 'events',
    param: (index, type) => `{p${index}:${type.toUpperCase()}}`,
    argMin: (value, order) => `ARGMIN(${value}, ${order})`,
    countDistinct: (expression) => `UNIQ(${expression})`,
    countIf: (condition) => `COUNTIF(${condition})`,
    bucket: (ts, interval) => `BUCKET_${interval}(${ts})`,
    timestamp: (epochMs) => `TIMESTAMP_MS(${epochMs})`,
    secondsBetween: (from, to) => `SECONDS(${from}, ${to})`,
    contains: (haystack, needle) => `CONTAINS(${haystack}, ${needle})`,
    like: (haystack, pattern) => `LIKE_ESC(${haystack}, ${pattern})`,
    jsonNumber: (json, key) => `JSON_NUMBER(${json}, '${key}')`,
  };

  it('leaves goal matching and revenue to the dialect too', () => {
    const goal = compileStatsQuery(
      parseStatsQuery({
        siteId: 's',
        metrics: ['conversions', 'revenue'],
        from: 0,
        to: 86_400_000,
        goal: { kind: 'page', value: '/pricing*' },
      }),
      marked,
    );
    expect(goal.sql).toContain("JSON_NUMBER(e.props, 'revenue')");
    expect(goal.sql).toContain('LIKE_ESC(e.path, {p4:STRING})');
    expect(goal.params[3]).toBe('/pricing%');
  });

  it('leaves every engine-specific construct to the dialect', () => {
    const { sql } = compileStatsQuery(query, marked);
    for (const duckdbOnly of ['arg_min', 'date_trunc', 'epoch_ms', 'FILTER', '$1', 'DISTINCT']) {
      expect(sql).not.toContain(duckdbOnly);
    }
    for (const hook of ['ARGMIN(', 'UNIQ(', 'COUNTIF(', 'BUCKET_week(', 'SECONDS(', 'CONTAINS(']) {
      expect(sql).toContain(hook);
    }
    expect(sql).toContain('{p1:STRING}');
    expect(sql).toContain('{p2:EPOCH_MS}');
  });
});
