import type { Migration } from '../migrations/migration.ts';

/**
 * The ClickHouse event store's schema history, with the same versions and names as the DuckDB
 * list (duckdb/event-migrations.ts). Written out, never generated from STORED_EVENT_COLUMNS, for
 * the same reason as there; `checkClickHouseEventsTable` catches a forgotten migration.
 *
 * ClickHouse has no transactional DDL, so every statement is idempotent (`IF NOT EXISTS`): a
 * migration cut short is simply run again whole.
 *
 * - `ReplacingMergeTree` keyed by the full sort key, which ends in `id`: two copies of one event
 *   (same site, time, name and id) collapse when parts merge. Appends also skip ids already
 *   stored (append-events.ts), so counts are exact at once; the engine is the safety net.
 * - `ORDER BY (site_id, toDate(ts), name, id)`: every stats query filters one site and a time
 *   range, so the primary index skips other sites and days; `name` next, since most metrics
 *   count one event name.
 * - `PARTITION BY toYYYYMM(ts)`: months, so retention drops a partition and merges stay small.
 * - Low-cardinality text (channel, class, device…) as `LowCardinality(String)`: dictionary
 *   encoded, several times smaller and faster to group by.
 * - The checkpoint table keeps, per stream, the row with the highest position on merge; reads
 *   take `max(position)`, so a lower position never moves it back.
 */
export const CLICKHOUSE_EVENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_events',
    statements: [
      `CREATE TABLE IF NOT EXISTS events (
        id String,
        site_id String,
        ts DateTime64(3, 'UTC'),
        name LowCardinality(String),
        hostname String,
        path String,
        referrer_host String,
        class LowCardinality(String),
        channel LowCardinality(String),
        confidence LowCardinality(String),
        rule LowCardinality(String),
        ga4 LowCardinality(String),
        visitor_id String,
        session_id String,
        view_token String,
        parent_token String,
        share_channel LowCardinality(String),
        engaged_ms Int64,
        device LowCardinality(String),
        browser LowCardinality(String),
        os LowCardinality(String),
        country LowCardinality(String),
        utm_source String,
        utm_medium String,
        utm_campaign String,
        props String
      ) ENGINE = ReplacingMergeTree
      PARTITION BY toYYYYMM(ts)
      ORDER BY (site_id, toDate(ts), name, id)`,
      `CREATE TABLE IF NOT EXISTS ingest_checkpoints (stream String, position Int64)
      ENGINE = ReplacingMergeTree(position) ORDER BY stream`,
    ],
  },
];
