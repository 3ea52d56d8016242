import type { EventFilter, ShareEdge, SqlValue, SummaryRow } from '../event-store.ts';
import { StoreError } from '../store-error.ts';
import { STORED_EVENT_COLUMNS, type StoredEvent } from '../stored-event.ts';
import type { ClickHouseExecutor, ClickHouseParams } from './clickhouse-executor.ts';

// ts goes out as epoch milliseconds, the unit StoredEvent uses.
const SELECT_COLUMNS = STORED_EVENT_COLUMNS.map(([column, kind]) =>
  kind === 'timestamp_ms' ? `toUnixTimestamp64Milli(${column}) AS ${column}` : column,
).join(', ');

function where(filter: EventFilter): { sql: string; params: ClickHouseParams } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (filter.siteId !== undefined) {
    params.site = filter.siteId;
    clauses.push('site_id = {site:String}');
  }
  if (filter.name !== undefined) {
    params.name = filter.name;
    clauses.push('name = {name:String}');
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export async function countClickHouseEvents(
  executor: ClickHouseExecutor,
  filter: EventFilter,
): Promise<number> {
  const { sql, params } = where(filter);
  const { rows } = await executor.query(`SELECT count() FROM events ${sql}`, params);
  return Number(rows[0]?.[0] ?? 0);
}

/** Events in time order; `id` breaks ties so every engine returns the same order. */
export async function listClickHouseEvents(
  executor: ClickHouseExecutor,
  filter: EventFilter,
  limit: number,
): Promise<StoredEvent[]> {
  const { sql, params } = where(filter);
  const { rows } = await executor.query(
    `SELECT ${SELECT_COLUMNS} FROM events ${sql} ORDER BY ts, id LIMIT {limit:UInt64}`,
    { ...params, limit },
  );
  return rows.map((row) => {
    const event: Record<string, string | number> = {};
    STORED_EVENT_COLUMNS.forEach(([column, kind], index) => {
      event[column] = kind === 'string' ? String(row[index]) : Number(row[index]);
    });
    // Every column of StoredEvent was set above, with the type its kind says.
    return event as unknown as StoredEvent;
  });
}

export async function listClickHouseEdges(
  executor: ClickHouseExecutor,
  siteId: string,
): Promise<ShareEdge[]> {
  const { rows } = await executor.query(
    `SELECT parent_token, view_token, channel, path, toUnixTimestamp64Milli(ts)
     FROM events
     WHERE site_id = {site:String} AND name = 'pageview' AND parent_token <> ''
     ORDER BY ts, id`,
    { site: siteId },
  );
  return rows.map(([parent, child, channel, path, ts]) => ({
    parent_token: String(parent),
    child_token: String(child),
    channel: String(channel),
    path: String(path),
    ts: Number(ts),
  }));
}

export async function summarizeClickHouseEvents(
  executor: ClickHouseExecutor,
  siteId: string,
): Promise<SummaryRow[]> {
  const { rows } = await executor.query(
    `SELECT name, class, channel, count(), uniqExactIf(visitor_id, visitor_id <> '')
     FROM events WHERE site_id = {site:String}
     GROUP BY name, class, channel ORDER BY name, class, channel`,
    { site: siteId },
  );
  return rows.map(([name, klass, channel, events, visitors]) => ({
    name: String(name),
    class: String(klass),
    channel: String(channel),
    events: Number(events),
    visitors: Number(visitors),
  }));
}

export async function readClickHouseCheckpoint(
  executor: ClickHouseExecutor,
  stream: string,
): Promise<number> {
  // max() of no rows is 0 in ClickHouse (aggregates return the type's default, not NULL).
  const { rows } = await executor.query(
    'SELECT max(position) FROM ingest_checkpoints WHERE stream = {stream:String}',
    { stream },
  );
  return Number(rows[0]?.[0] ?? 0);
}

/** Only a single SELECT (or WITH … SELECT): the method is for compiled read queries. */
const READ_ONLY = /^\s*(WITH|SELECT)\b/i;
const TIMESTAMP_TYPE = /^(Nullable\()?DateTime/;

/** Runs a compiled query whose placeholders are `{p1:Type}`, `{p2:Type}`, … */
export async function selectClickHouseRows(
  executor: ClickHouseExecutor,
  sql: string,
  params: readonly (string | number)[],
): Promise<SqlValue[][]> {
  // A `;` would let a second statement ride along (chdb runs multi-statement text).
  if (!READ_ONLY.test(sql) || sql.includes(';')) {
    throw new StoreError('invalid', 'selectRows runs one SELECT query only');
  }
  const named = Object.fromEntries(params.map((value, index) => [`p${index + 1}`, value]));
  const { types, rows } = await executor.query(sql, named);
  const timestamps = types.map((type) => TIMESTAMP_TYPE.test(type));
  return rows.map((row) =>
    row.map((value, index): SqlValue => {
      if (value === null || value === undefined) return null;
      // ISO text (date_time_output_format = 'iso'); callers speak epoch ms.
      if (timestamps[index]) return Date.parse(String(value));
      if (typeof value === 'number' || typeof value === 'string') return value;
      return typeof value === 'boolean' ? Number(value) : JSON.stringify(value);
    }),
  );
}
