import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig, loadStoreSelection } from './config.ts';
import { instanceId } from './open-stores.ts';

describe('store selection', () => {
  it('defaults to the embedded stores', () => {
    expect(loadStoreSelection({}, {})).toEqual({ events: 'duckdb', state: 'sqlite' });
    expect(loadServerConfig({}, {})).toMatchObject({ events: 'duckdb', state: 'sqlite' });
  });

  it('reads engines and URLs from the environment, flags first', () => {
    const env = {
      PENUMBRA_EVENTS: 'clickhouse',
      PENUMBRA_CLICKHOUSE_URL: 'http://default:pw@ch.internal:8123/analytics',
      PENUMBRA_STATE: 'postgres',
      PENUMBRA_POSTGRES_URL: 'postgres://penumbra:pw@db.internal:5432/penumbra',
    };
    expect(loadStoreSelection({}, env)).toEqual({
      events: 'clickhouse',
      clickhouseUrl: 'http://default:pw@ch.internal:8123/analytics',
      state: 'postgres',
      postgresUrl: 'postgres://penumbra:pw@db.internal:5432/penumbra',
    });
    expect(loadStoreSelection({ events: 'duckdb' }, env).events).toBe('duckdb');
  });

  it('names the setting to fix, for serve and the other commands alike', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { PENUMBRA_EVENTS: 'clickhouse' },
        /clickhouseUrl \(flag --clickhouse-url or PENUMBRA_CLICKHOUSE_URL\): is required with --events clickhouse/,
      ],
      [
        { PENUMBRA_STATE: 'postgres' },
        /postgresUrl .*PENUMBRA_POSTGRES_URL\): is required with --state postgres/,
      ],
      [{ PENUMBRA_STATE: 'mysql' }, /state \(flag --state or PENUMBRA_STATE\)/],
      [
        { PENUMBRA_EVENTS: 'clickhouse', PENUMBRA_CLICKHOUSE_URL: 'tcp://ch:9000' },
        /use an http\(s\):\/\/ URL/,
      ],
      [
        { PENUMBRA_STATE: 'postgres', PENUMBRA_POSTGRES_URL: 'mysql://db/x' },
        /use a postgres:\/\/ URL/,
      ],
    ];
    for (const [env, message] of cases) {
      expect(() => loadStoreSelection({}, env)).toThrow(ConfigError);
      expect(() => loadStoreSelection({}, env)).toThrow(message);
      expect(() => loadServerConfig({}, env)).toThrow(message);
    }
  });
});

describe('DuckDB threads', () => {
  it('leaves one core to the request path by default, and takes PENUMBRA_DUCKDB_THREADS', () => {
    expect(loadServerConfig({}, {}).duckdbThreads).toBe(Math.max(1, availableParallelism() - 1));
    expect(loadServerConfig({}, { PENUMBRA_DUCKDB_THREADS: '3' }).duckdbThreads).toBe(3);
    expect(() => loadServerConfig({}, { PENUMBRA_DUCKDB_THREADS: '0' })).toThrow(
      /PENUMBRA_DUCKDB_THREADS must be at least 1/,
    );
  });
});

describe('instance id', () => {
  it('is made once per data directory and kept', () => {
    const a = mkdtempSync(join(tmpdir(), 'penumbra-id-'));
    const b = mkdtempSync(join(tmpdir(), 'penumbra-id-'));
    try {
      const first = instanceId(a);
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(instanceId(a)).toBe(first);
      expect(instanceId(b)).not.toBe(first);
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
