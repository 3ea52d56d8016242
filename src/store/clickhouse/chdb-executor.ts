import type { Session } from 'chdb';
import { StoreError } from '../store-error.ts';
import {
  CLICKHOUSE_READ_SETTINGS,
  type ClickHouseExecutor,
  type ClickHouseParams,
  type ClickHouseResult,
  DATABASE_NAME,
} from './clickhouse-executor.ts';

// chdb has no per-query database or settings argument, so each call starts with USE and SET.
// A multi-statement string is one native call, so concurrent calls for other databases sharing
// the session cannot slip in between the USE and the query (checked with 20 interleaved calls).
const SET_READ_SETTINGS = Object.entries(CLICKHOUSE_READ_SETTINGS)
  .map(([name, value]) => `SET ${name} = ${typeof value === 'string' ? `'${value}'` : value}; `)
  .join('');

interface JsonCompact {
  meta: { name: string; type: string }[];
  data: unknown[][];
}

/**
 * An executor over a chdb `Session`. chdb allows ONE data directory per process, so a process
 * opens one Session and gives each store its own database on it; closing the executor leaves the
 * shared Session open (its owner closes it).
 */
export function createChdbExecutor(session: Session, database: string): ClickHouseExecutor {
  if (!DATABASE_NAME.test(database)) {
    throw new StoreError('invalid', `invalid ClickHouse database name ${JSON.stringify(database)}`);
  }
  const use = `USE ${database}; `;
  return {
    database,
    async ensureDatabase() {
      await session.queryAsync(`CREATE DATABASE IF NOT EXISTS ${database}`);
    },
    async command(sql) {
      await session.queryAsync(use + sql);
    },
    async insertRows(table, columns, rows) {
      if (rows.length === 0) return;
      // One Buffer, parsed by the engine's parallel parser.
      const lines = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
      await session.insert({
        table: `${database}.${table}`,
        values: Buffer.from(lines, 'utf8'),
        format: 'JSONCompactEachRow',
        columns,
      });
    },
    async query(sql, params: ClickHouseParams = {}): Promise<ClickHouseResult> {
      const result = await session.queryBindAsync(use + SET_READ_SETTINGS + sql, params, {
        format: 'JSONCompact',
      });
      const text = result.text();
      if (text.trim() === '') return { types: [], rows: [] };
      const parsed = JSON.parse(text) as JsonCompact;
      return { types: parsed.meta.map((column) => column.type), rows: parsed.data };
    },
    async close() {
      // The Session is shared by every store of the process; its owner closes it.
    },
  };
}
