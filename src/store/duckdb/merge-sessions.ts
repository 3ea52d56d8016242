import type { DuckDBConnection } from '@duckdb/node-api';
import { forgetRolledUpDays } from './daily-rollups.ts';

/**
 * The visit-scoped dimensions a session keeps from its entry (first) page view, as
 * `[sessions column, events column]`: the stats compiler reads `v.visit_<dimension>`.
 */
export const SESSION_ENTRY_COLUMNS = [
  ['visit_class', 'class'],
  ['visit_channel', 'channel'],
  ['visit_confidence', 'confidence'],
  ['visit_entry_page', 'path'],
  ['visit_referrer_host', 'referrer_host'],
  ['visit_utm_source', 'utm_source'],
  ['visit_utm_medium', 'utm_medium'],
  ['visit_utm_campaign', 'utm_campaign'],
  ['visit_device', 'device'],
  ['visit_browser', 'browser'],
  ['visit_os', 'os'],
  ['visit_country', 'country'],
  ['visit_ga4', 'ga4'],
] as const;

// A session is looked for among those that started up to a day before the batch's earliest page
// view: the collector ends a session after 30 idle minutes, so one day covers any real session
// without scanning the whole table for every batch.
const LOOKBACK = "INTERVAL '1 day'";

/** One row per session of the page views in `relation` (any relation with the events columns). */
export function sessionsOf(relation: string): string {
  const entries = SESSION_ENTRY_COLUMNS.map(
    ([column, source]) => `arg_min(${source}, ts) AS ${column}`,
  ).join(', ');
  return (
    'SELECT site_id, session_id, min(ts) AS visit_start, max(ts) AS visit_end, ' +
    `count(*) AS visit_pageviews, arg_min(visitor_id, ts) AS visitor_id, ${entries} ` +
    `FROM ${relation} WHERE name = 'pageview' AND session_id <> '' GROUP BY site_id, session_id`
  );
}

/** Merges partial rows of the same session: earliest entry, widest span, summed page views. */
function mergedSessions(relation: string): string {
  const entries = SESSION_ENTRY_COLUMNS.map(
    ([column]) => `arg_min(${column}, visit_start) AS ${column}`,
  ).join(', ');
  return (
    'SELECT site_id, session_id, min(visit_start) AS visit_start, max(visit_end) AS visit_end, ' +
    'sum(visit_pageviews) AS visit_pageviews, arg_min(visitor_id, visit_start) AS visitor_id, ' +
    `${entries} FROM (${relation}) GROUP BY site_id, session_id`
  );
}

/**
 * Folds the page views of a batch just inserted into `events` (readable as `batch`, a relation)
 * into the `sessions` table, on the caller's open transaction: the stats read one row per visit
 * from there instead of grouping every page view by session for every panel (issue 6). A
 * session already stored (an earlier batch) is replaced by the merge of its row and the batch's.
 */
export async function mergeSessions(connection: DuckDBConnection, batch: string): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE batch_sessions AS ${sessionsOf(batch)}`);
  const pending = await connection.runAndReadAll('SELECT count(*) FROM batch_sessions');
  if (Number(pending.getRows()[0]?.[0] ?? 0) > 0) {
    const known =
      'SELECT s.* FROM sessions s SEMI JOIN batch_sessions b ' +
      'ON s.site_id = b.site_id AND s.session_id = b.session_id ' +
      `WHERE s.visit_start >= (SELECT min(visit_start) - ${LOOKBACK} FROM batch_sessions)`;
    await connection.run(`CREATE OR REPLACE TEMP TABLE known_sessions AS ${known}`);
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE merged_sessions AS ${mergedSessions(
        'SELECT * FROM known_sessions UNION ALL BY NAME SELECT * FROM batch_sessions',
      )}`,
    );
    await forgetRolledUpDays(
      connection,
      "SELECT DISTINCT epoch_ms(date_trunc('day', visit_start)) FROM known_sessions",
    );
    await connection.run(
      `DELETE FROM sessions s WHERE s.visit_start >= (SELECT min(visit_start) - ${LOOKBACK} FROM batch_sessions)
        AND EXISTS (SELECT 1 FROM batch_sessions b WHERE b.site_id = s.site_id AND b.session_id = s.session_id)`,
    );
    await connection.run('INSERT INTO sessions BY NAME SELECT * FROM merged_sessions');
    // A visit counts on the day it began: before any event of this batch when the batch goes on
    // with it, and a late first page view moves it from the day it was counted on (above).
    await forgetRolledUpDays(
      connection,
      "SELECT DISTINCT epoch_ms(date_trunc('day', visit_start)) FROM merged_sessions",
    );
    await connection.run('DROP TABLE merged_sessions');
    await connection.run('DROP TABLE known_sessions');
  }
  await connection.run('DROP TABLE batch_sessions');
}
