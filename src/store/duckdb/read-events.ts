import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { EventFilter, ShareEdge, SummaryRow } from '../event-store.ts';
import { STORED_EVENT_COLUMNS, type StoredEvent } from '../stored-event.ts';

// ts goes out as epoch milliseconds, the unit StoredEvent uses.
const SELECT_COLUMNS = STORED_EVENT_COLUMNS.map(([column, kind]) =>
  kind === 'timestamp_ms' ? `epoch_ms(${column}) AS ${column}` : column,
).join(', ');

/** The WHERE clause and parameters of an event filter ('' when it has none). */
function where(filter: EventFilter): { sql: string; values: string[] } {
  const clauses: string[] = [];
  const values: string[] = [];
  if (filter.siteId !== undefined) {
    values.push(filter.siteId);
    clauses.push(`site_id = $${values.length}`);
  }
  if (filter.name !== undefined) {
    values.push(filter.name);
    clauses.push(`name = $${values.length}`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

export async function countEvents(
  connection: DuckDBConnection,
  filter: EventFilter,
): Promise<number> {
  const { sql, values } = where(filter);
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM events ${sql}`, values);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

/** Events in time order; `id` breaks ties so every engine returns the same order. */
export async function listEvents(
  connection: DuckDBConnection,
  filter: EventFilter,
  limit: number,
): Promise<StoredEvent[]> {
  const { sql, values } = where(filter);
  const reader = await connection.runAndReadAll(
    `SELECT ${SELECT_COLUMNS} FROM events ${sql} ORDER BY ts, id LIMIT ${limit}`,
    values,
  );
  return reader.getRows().map(toStoredEvent);
}

function toStoredEvent(row: readonly DuckDBValue[]): StoredEvent {
  const event: Record<string, string | number> = {};
  STORED_EVENT_COLUMNS.forEach(([column, kind], index) => {
    const value = row[index];
    event[column] = kind === 'string' ? String(value) : Number(value);
  });
  // Every column of StoredEvent was set above, with the type its kind says.
  return event as unknown as StoredEvent;
}

export async function listEdges(
  connection: DuckDBConnection,
  siteId: string,
): Promise<ShareEdge[]> {
  const reader = await connection.runAndReadAll(
    `SELECT parent_token, view_token, channel, path, epoch_ms(ts)
     FROM events
     WHERE site_id = $1 AND name = 'pageview' AND parent_token <> ''
     ORDER BY ts, id`,
    [siteId],
  );
  return reader.getRows().map(([parent, child, channel, path, ts]) => ({
    parent_token: String(parent),
    child_token: String(child),
    channel: String(channel),
    path: String(path),
    ts: Number(ts),
  }));
}

export async function summarizeEvents(
  connection: DuckDBConnection,
  siteId: string,
): Promise<SummaryRow[]> {
  const reader = await connection.runAndReadAll(
    `SELECT name, class, channel, count(*), count(DISTINCT NULLIF(visitor_id, ''))
     FROM events WHERE site_id = $1
     GROUP BY name, class, channel ORDER BY name, class, channel`,
    [siteId],
  );
  return reader.getRows().map(([name, klass, channel, events, visitors]) => ({
    name: String(name),
    class: String(klass),
    channel: String(channel),
    events: Number(events),
    visitors: Number(visitors),
  }));
}

export async function readCheckpoint(
  connection: DuckDBConnection,
  stream: string,
): Promise<number> {
  const reader = await connection.runAndReadAll(
    'SELECT position FROM ingest_checkpoints WHERE stream = $1',
    [stream],
  );
  return Number(reader.getRows()[0]?.[0] ?? 0);
}
