import { dialectFor } from '../../stats/run-stats-query.ts';
import type { EventStore, StoredEvent } from '../../store/index.ts';
import { STORED_EVENT_COLUMNS } from '../../store/index.ts';
import { isStateTable, STATE_TABLES, type StateTable } from '../../store/postgres/state-tables.ts';
import type { StateRows } from './state-rows.ts';

/**
 * The export file: JSON Lines. A header line, then one line per row: `{"table": …, "row": …}`,
 * state tables first (parents before children), then events in (ts, id) order, then the ingest
 * checkpoints. One line per row keeps both ends streaming: neither side holds the file in memory.
 */
export const EXPORT_FORMAT = 'penumbra-export';
export const EXPORT_VERSION = 1;
const PAGE = 10_000;

export interface RecordCounts {
  [table: string]: number;
}

type WriteLine = (line: string) => Promise<void>;

/** Bytes (raw webhook bodies) travel as `{"$bytes": base64}`: JSON has no binary type. */
const encodeBytes = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      Buffer.isBuffer(value) || value instanceof Uint8Array
        ? { $bytes: Buffer.from(value).toString('base64') }
        : value,
    ]),
  );

const decodeBytes = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      const bytes = (value as { $bytes?: unknown } | null)?.$bytes;
      return [key, typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : value];
    }),
  );

/** Writes every state row, every event and the given checkpoints. */
export async function exportRecords(
  write: WriteLine,
  sources: { state?: StateRows; events?: EventStore; streams?: readonly string[] },
): Promise<RecordCounts> {
  const counts: RecordCounts = {};
  const emit = async (table: string, row: unknown) => {
    counts[table] = (counts[table] ?? 0) + 1;
    await write(`${JSON.stringify({ table, row })}\n`);
  };
  await write(
    `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: Date.now() })}\n`,
  );
  if (sources.state) {
    for (const table of STATE_TABLES) {
      for await (const row of sources.state.read(table)) await emit(table, encodeBytes(row));
    }
  }
  if (sources.events) {
    for await (const event of readAllEvents(sources.events)) await emit('events', event);
    for (const stream of sources.streams ?? []) {
      const position = await sources.events.checkpoint(stream);
      if (position > 0) await emit('ingest_checkpoints', { stream, position });
    }
  }
  return counts;
}

/**
 * Every event in (ts, id) order, a page at a time. Keyset paging (after the last ts and id seen)
 * keeps each page as cheap as the first, where OFFSET would rescan; placeholders come from the
 * store's stats dialect, so the same code pages DuckDB and ClickHouse.
 */
async function* readAllEvents(store: EventStore): AsyncGenerator<StoredEvent> {
  const dialect = dialectFor(store);
  const columns = STORED_EVENT_COLUMNS.map(([name]) => name).join(', ');
  const after =
    `WHERE ts > ${dialect.param(1, 'epoch_ms')} ` +
    `OR (ts = ${dialect.param(2, 'epoch_ms')} AND id > ${dialect.param(3, 'string')}) `;
  let last: StoredEvent | undefined;
  for (;;) {
    const rows = last
      ? await store.selectRows(
          `SELECT ${columns} FROM events ${after}ORDER BY ts, id LIMIT ${dialect.param(4, 'integer')}`,
          [last.ts, last.ts, last.id, PAGE],
        )
      : await store.selectRows(
          `SELECT ${columns} FROM events ORDER BY ts, id LIMIT ${dialect.param(1, 'integer')}`,
          [PAGE],
        );
    for (const row of rows) {
      const event: Record<string, string | number> = {};
      STORED_EVENT_COLUMNS.forEach(([name, kind], index) => {
        event[name] = kind === 'string' ? String(row[index] ?? '') : Number(row[index] ?? 0);
      });
      // Every column of StoredEvent was set above, with the type its kind says.
      last = event as unknown as StoredEvent;
      yield last;
    }
    if (rows.length < PAGE) return;
  }
}

/** Where an import goes: an event store, and a migrated state store's tables (optional). */
export interface ImportTargets {
  events: EventStore;
  state?: StateRows;
}

/**
 * Reads an export and writes it into the targets, in batches. Safe to repeat on ClickHouse and
 * PostgreSQL: the ClickHouse adapter skips event ids it has and state rows skip existing keys.
 */
export async function importRecords(
  lines: AsyncIterable<string>,
  targets: ImportTargets,
): Promise<RecordCounts> {
  const counts: RecordCounts = {};
  let header = false;
  let events: StoredEvent[] = [];
  let stateBatch: { table: StateTable; rows: Record<string, unknown>[] } | undefined;
  const checkpoints: { stream: string; position: number }[] = [];
  const flushEvents = async () => {
    if (events.length) await targets.events.append(events);
    events = [];
  };
  const flushState = async () => {
    if (stateBatch && targets.state) await targets.state.write(stateBatch.table, stateBatch.rows);
    stateBatch = undefined;
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { table?: string; row?: unknown; format?: string };
    if (!header) {
      if (record.format !== EXPORT_FORMAT) throw new Error('not a penumbra export file');
      header = true;
      continue;
    }
    const { table = '', row } = record;
    counts[table] = (counts[table] ?? 0) + 1;
    if (table === 'events') {
      await flushState();
      events.push(row as StoredEvent);
      if (events.length >= PAGE) await flushEvents();
    } else if (table === 'ingest_checkpoints') {
      checkpoints.push(row as { stream: string; position: number });
    } else if (isStateTable(table)) {
      if (!targets.state)
        throw new Error('the export holds state rows and no state store was given');
      if (stateBatch?.table !== table || stateBatch.rows.length >= 1000) await flushState();
      stateBatch ??= { table, rows: [] };
      stateBatch.rows.push(decodeBytes(row as Record<string, unknown>));
    } else {
      throw new Error(`line ${lineNumber}: unknown table ${JSON.stringify(table)}`);
    }
  }
  if (!header) throw new Error('empty file: not a penumbra export');
  await flushState();
  await flushEvents();
  // Last, so a target never claims a log position whose events it does not hold yet.
  for (const checkpoint of checkpoints) await targets.events.append([], checkpoint);
  return counts;
}
