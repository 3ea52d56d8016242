import { STORED_EVENT_COLUMNS, type StoredEvent } from '../stored-event.ts';
import type { ClickHouseExecutor } from './clickhouse-executor.ts';

/**
 * Appends a validated batch, then moves the stream's checkpoint. ClickHouse has no transaction
 * to hold both, so the guarantee DuckDB gets from one COMMIT comes from ordering plus
 * idempotence instead:
 *
 * 1. The checkpoint row is written only after the events insert succeeded. A crash in between
 *    leaves the checkpoint behind the rows, never ahead, so nothing is lost.
 * 2. The collector then replays from the old checkpoint, and the replayed events are already
 *    stored. Before inserting, we ask which of the batch's ids the table already holds and skip
 *    them, so counts never double. The lookup is cheap: it is bounded by the batch's sites and
 *    time span, which the primary key (site_id, toDate(ts), …) prunes to a few granules.
 * 3. Should a duplicate slip in anyway (an insert that failed after writing some parts, retried
 *    by hand), the ReplacingMergeTree collapses rows with the same key when parts merge.
 *
 * The one queue in front of this (the store's write queue) keeps two batches of one process from
 * racing on the same ids; across instances ids are unique (each collector has its own log).
 */
export async function appendClickHouseEvents(
  executor: ClickHouseExecutor,
  events: readonly StoredEvent[],
  checkpoint: { stream: string; position: number } | undefined,
): Promise<void> {
  if (events.length > 0) {
    const stored = await storedIds(executor, events);
    const fresh = stored.size
      ? events.filter((event) => !stored.has(wellFormed(event.id)))
      : events;
    await executor.insertRows('events', COLUMNS, fresh.map(toRow));
  }
  if (checkpoint) {
    await executor.insertRows(
      'ingest_checkpoints',
      ['stream', 'position'],
      [[checkpoint.stream, checkpoint.position]],
    );
  }
}

const COLUMNS = STORED_EVENT_COLUMNS.map(([column]) => column);

/**
 * The row's values in column order (a caller's object may carry more keys; they are dropped);
 * ts goes in as epoch ms, the raw ticks of DateTime64(3).
 */
function toRow(event: StoredEvent): unknown[] {
  return COLUMNS.map((column) => {
    const value = event[column];
    return typeof value === 'string' ? wellFormed(value) : value;
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * ClickHouse's JSON parser refuses a lone UTF-16 surrogate (`\uD800` with no pair) and would
 * fail the whole batch; it cannot be stored as UTF-8 anyway, so it becomes U+FFFD, as DuckDB's
 * UTF-8 strings do.
 */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

async function storedIds(
  executor: ClickHouseExecutor,
  events: readonly StoredEvent[],
): Promise<Set<string>> {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    from = Math.min(from, event.ts);
    to = Math.max(to, event.ts);
  }
  const { rows } = await executor.query(
    `SELECT id FROM events
     WHERE site_id IN {sites:Array(String)}
       AND ts BETWEEN fromUnixTimestamp64Milli({from:Int64}, 'UTC')
                  AND fromUnixTimestamp64Milli({to:Int64}, 'UTC')
       AND id IN {ids:Array(String)}`,
    {
      sites: [...new Set(events.map((event) => wellFormed(event.site_id)))],
      ids: events.map((event) => wellFormed(event.id)),
      from,
      to,
    },
  );
  return new Set(rows.map((row) => String(row[0])));
}
