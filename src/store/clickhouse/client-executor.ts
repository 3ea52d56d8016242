import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { StoreError } from '../store-error.ts';
import {
  CLICKHOUSE_READ_SETTINGS,
  type ClickHouseExecutor,
  type ClickHouseResult,
  DATABASE_NAME,
} from './clickhouse-executor.ts';

export interface ClickHouseClientExecutorOptions {
  /** `http(s)://user:password@host:8123`; the path, if any, is ignored. */
  url: string;
  database: string;
}

/**
 * Splits `http://user:pw@host:8123/analytics` into the server URL and the database name
 * (`penumbra` when the URL has no path), so one setting names both.
 */
export function clickHouseTarget(url: string): ClickHouseClientExecutorOptions {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\/+|\/+$/g, '')) || 'penumbra';
  parsed.pathname = '/';
  return { url: parsed.toString(), database };
}

interface JsonCompact {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

/**
 * An executor over a real ClickHouse server through the official client (HTTP). Needs a server
 * with query parameters (ClickHouse 21+); Debian's 18.16 package is too old for this adapter.
 */
export function createClickHouseClientExecutor(
  options: ClickHouseClientExecutorOptions,
): ClickHouseExecutor {
  const { database } = options;
  if (!DATABASE_NAME.test(database)) {
    throw new StoreError('invalid', `invalid ClickHouse database name ${JSON.stringify(database)}`);
  }
  // The client logs every failed request to the console itself; every failure reaches our
  // caller as an error anyway (and the server's logger), so keep it quiet.
  const log = { level: ClickHouseLogLevel.OFF };
  // The database may not exist yet: the bootstrap client creates it, the main one works in it.
  const bootstrap = createClient({ url: options.url, log });
  const client = createClient({
    url: options.url,
    database,
    log,
    clickhouse_settings: { ...CLICKHOUSE_READ_SETTINGS },
  });
  return {
    database,
    async ensureDatabase() {
      try {
        await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
      } catch (cause) {
        // The first call of every start: say which server, and how it failed, in one line.
        const reason = cause instanceof Error ? cause.message : String(cause);
        const { host } = new URL(options.url);
        throw new StoreError('invalid', `cannot reach ClickHouse at ${host}: ${reason}`, {
          cause,
        });
      }
    },
    async command(sql) {
      await client.command({ query: sql });
    },
    async insertRows(table, columns, rows) {
      if (rows.length === 0) return;
      await client.insert({
        table,
        values: rows.map((row) => [...row]),
        format: 'JSONCompactEachRow',
        columns: [...columns] as [string, ...string[]],
      });
    },
    async query(sql, params = {}): Promise<ClickHouseResult> {
      const result = await client.query({
        query: sql,
        query_params: params,
        format: 'JSONCompact',
      });
      const parsed = (await result.json()) as unknown as JsonCompact;
      return { types: parsed.meta.map((column) => column.type), rows: parsed.data };
    },
    async close() {
      await Promise.all([client.close(), bootstrap.close()]);
    },
  };
}
