import { type DuckDBAppender, type DuckDBConnection, timestampValue } from '@duckdb/node-api';
import { STORED_EVENT_COLUMNS, type StoredEvent } from '../stored-event.ts';
import { forgetRolledUpDays } from './daily-rollups.ts';
import { rollbackQuietly } from './duckdb-session.ts';
import { mergeSessions } from './merge-sessions.ts';

type AppendColumn = (appender: DuckDBAppender, event: StoredEvent) => void;

/** Appends one column of one event, by its kind (values were validated beforehand). */
function appendColumn(column: keyof StoredEvent, kind: string): AppendColumn {
  if (kind === 'string') {
    return (appender, event) => appender.appendVarchar(event[column] as string);
  }
  if (kind === 'integer') {
    return (appender, event) => appender.appendBigInt(BigInt(event[column]));
  }
  // TIMESTAMP counts microseconds.
  return (appender, event) =>
    appender.appendTimestamp(timestampValue(BigInt(event[column]) * 1000n));
}

// Built once from the column list, in table order (the appender is positional).
const APPEND_COLUMNS: readonly AppendColumn[] = STORED_EVENT_COLUMNS.map(([column, kind]) =>
  appendColumn(column, kind),
);

export const UPSERT_CHECKPOINT = `INSERT INTO ingest_checkpoints (stream, position) VALUES ($1, $2)
  ON CONFLICT (stream) DO UPDATE SET position = greatest(ingest_checkpoints.position, excluded.position)`;

/**
 * Appends a validated batch and moves the stream's checkpoint in ONE transaction. The Appender
 * joins the connection's open transaction (checked against DuckDB 1.5.6: its rows are visible
 * only to that connection until COMMIT, and ROLLBACK discards them), so a crash or an error
 * anywhere leaves both the rows and the checkpoint as they were. The checkpoint only moves
 * forward: a lower position leaves it where it is.
 */
export async function appendEvents(
  connection: DuckDBConnection,
  events: readonly StoredEvent[],
  checkpoint: { stream: string; position: number } | undefined,
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  let appender: DuckDBAppender | undefined;
  try {
    if (events.length > 0) {
      // Staged in a temporary table, so the batch can be both stored and folded into sessions.
      await connection.run(
        'CREATE OR REPLACE TEMP TABLE batch_events AS SELECT * FROM event_rows LIMIT 0',
      );
      appender = await connection.createAppender('batch_events', null, 'temp');
      for (const event of events) {
        for (const append of APPEND_COLUMNS) append(appender, event);
        appender.endRow();
      }
      // Flushes into the open transaction, not into the table.
      appender.closeSync();
      appender = undefined;
      await connection.run('INSERT INTO event_rows SELECT * FROM batch_events');
      await mergeSessions(connection, 'batch_events');
      await forgetRolledUpDays(
        connection,
        "SELECT DISTINCT epoch_ms(date_trunc('day', ts)) FROM batch_events",
      );
      await connection.run('DROP TABLE batch_events');
    }
    if (checkpoint) {
      await connection.run(UPSERT_CHECKPOINT, [checkpoint.stream, BigInt(checkpoint.position)]);
    }
    await connection.run('COMMIT');
  } catch (error) {
    // Drop the rows still buffered in the appender before rolling back: a flush after ROLLBACK
    // would land in autocommit mode, outside the transaction, and a half-written row would make
    // the close fail.
    if (appender) discard(appender);
    await rollbackQuietly(connection);
    throw error;
  }
}

function discard(appender: DuckDBAppender): void {
  try {
    appender.clear();
    appender.closeSync();
  } catch {
    // The appender already failed; the rollback that follows is what matters.
  }
}
