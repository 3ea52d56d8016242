import type { DuckDBConnection } from '@duckdb/node-api';
import { CLICK_VARIANT_COLUMNS } from '../log-lines.ts';
import { StoreError } from '../store-error.ts';
import { STORED_EVENT_COLUMNS } from '../stored-event.ts';
import { UPSERT_CHECKPOINT } from './append-events.ts';
import { forgetRolledUpDays } from './daily-rollups.ts';
import { rollbackQuietly } from './duckdb-session.ts';
import { mergeSessions } from './merge-sessions.ts';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

// Every key a log line may have (log-lines.ts): a whole event's, a click variant's, a click's.
// The log's records hold `ts` as epoch milliseconds; the tables keep a TIMESTAMP (microseconds).
const LINE_TYPES = [
  ...STORED_EVENT_COLUMNS.map(
    ([name, kind]) => `${name}: '${kind === 'string' ? 'VARCHAR' : 'BIGINT'}'`,
  ),
  "click_variant: 'VARCHAR'",
  "props_unique: 'VARCHAR'",
  "props_repeat: 'VARCHAR'",
  "click: 'VARCHAR'",
  "is_unique: 'BOOLEAN'",
].join(', ');
const EVENT_SELECT = STORED_EVENT_COLUMNS.map(([name, kind]) =>
  kind === 'timestamp_ms' ? `make_timestamp(${name} * 1000) AS ${name}` : name,
).join(', ');
const VARIANT_SELECT = ['click_variant', ...CLICK_VARIANT_COLUMNS, 'props_unique', 'props_repeat']
  .map((name) => `l.${name}`)
  .join(', ');

const readLines = (path: string) =>
  `read_json(${quote(path)}, format = 'newline_delimited', records = true,
    columns = {${LINE_TYPES}})`;
const WHOLE_EVENTS = `(SELECT ${EVENT_SELECT} FROM batch_lines WHERE click IS NULL AND click_variant IS NULL)`;
const DAY_MS = 86_400_000;

/**
 * Loads a file of log lines (log-lines.ts) with DuckDB's own reader (C++; no row crosses into
 * JavaScript): whole events into `event_rows` and `sessions`, click variants and clicks into
 * their narrow tables, and moves the checkpoint, in one transaction. A line that does not fit
 * (a missing column, a null, text where a number goes, a click whose variant is nowhere) fails
 * the load: nothing is stored and the error is a StoreError `invalid`, so the caller can fall
 * back to record-by-record appends that set the bad record aside.
 */
export async function appendJsonLines(
  connection: DuckDBConnection,
  path: string,
  checkpoint: { stream: string; position: number },
): Promise<void> {
  // Parsed once into a temporary table, then split: whole events, click variants, clicks, the
  // sessions merge and the days to forget each read the staged rows, not the file. Re-reading
  // the file for each cost more: 1.7 µs of CPU per click against 1.2 (bench/links/load-cost.ts),
  // and page views paid a third read once rollups needed the batch's days.
  await connection.run('BEGIN TRANSACTION');
  try {
    try {
      await connection.run(
        `CREATE OR REPLACE TEMP TABLE batch_lines AS SELECT * FROM ${readLines(path)}`,
      );
      await connection.run(`INSERT INTO event_rows SELECT * FROM ${WHOLE_EVENTS}`);
      await storeClicks(connection, path);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('invalid', `${path}: ${(error as Error).message}`);
    }
    await mergeSessions(connection, WHOLE_EVENTS);
    await forgetRolledUpDays(
      connection,
      `SELECT DISTINCT ts // ${DAY_MS} * ${DAY_MS} FROM batch_lines WHERE ts IS NOT NULL`,
    );
    await connection.run('DROP TABLE batch_lines');
    await connection.run(UPSERT_CHECKPOINT, [checkpoint.stream, BigInt(checkpoint.position)]);
    await connection.run('COMMIT');
  } catch (error) {
    await rollbackQuietly(connection);
    throw error;
  }
}

/** The staged lines' click variants (new ones) and clicks, each click's variant checked. */
async function storeClicks(connection: DuckDBConnection, path: string): Promise<void> {
  await connection.run(
    `INSERT INTO click_variants SELECT DISTINCT ${VARIANT_SELECT} FROM batch_lines l
     WHERE l.click_variant IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM click_variants v WHERE v.variant = l.click_variant)`,
  );
  const orphans = await connection.runAndReadAll(
    `SELECT any_value(l.click) FROM batch_lines l WHERE l.click IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM click_variants v WHERE v.variant = l.click)`,
  );
  const orphan = orphans.getRows()[0]?.[0];
  if (orphan !== null && orphan !== undefined)
    throw new StoreError(
      'invalid',
      `${path}: a click refers to unknown click variant ${String(orphan)}`,
    );
  await connection.run(
    `INSERT INTO click_rows SELECT id, make_timestamp(ts * 1000), visitor_id, view_token,
       is_unique, click FROM batch_lines WHERE click IS NOT NULL`,
  );
}
