import type { Migration } from '../migrations/migration.ts';

/**
 * The event store's schema history. The DDL is written out, not generated from
 * STORED_EVENT_COLUMNS: a released migration must never change, and a generated one would
 * silently grow when a column is added (then the later `ADD COLUMN` migration would fail on new
 * databases). `checkEventsTable` compares the migrated table with STORED_EVENT_COLUMNS at every
 * start, so adding a column without a migration fails loudly, in tests first.
 *
 * No indexes: DuckDB's min/max zone maps already prune by ts, and an ART index would slow the
 * appender and sit in memory.
 */
export const EVENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_events',
    statements: [
      `CREATE TABLE events (
        id VARCHAR NOT NULL DEFAULT '',
        site_id VARCHAR NOT NULL DEFAULT '',
        ts TIMESTAMP NOT NULL,
        name VARCHAR NOT NULL DEFAULT '',
        hostname VARCHAR NOT NULL DEFAULT '',
        path VARCHAR NOT NULL DEFAULT '',
        referrer_host VARCHAR NOT NULL DEFAULT '',
        class VARCHAR NOT NULL DEFAULT '',
        channel VARCHAR NOT NULL DEFAULT '',
        confidence VARCHAR NOT NULL DEFAULT '',
        rule VARCHAR NOT NULL DEFAULT '',
        ga4 VARCHAR NOT NULL DEFAULT '',
        visitor_id VARCHAR NOT NULL DEFAULT '',
        session_id VARCHAR NOT NULL DEFAULT '',
        view_token VARCHAR NOT NULL DEFAULT '',
        parent_token VARCHAR NOT NULL DEFAULT '',
        share_channel VARCHAR NOT NULL DEFAULT '',
        engaged_ms BIGINT NOT NULL DEFAULT 0,
        device VARCHAR NOT NULL DEFAULT '',
        browser VARCHAR NOT NULL DEFAULT '',
        os VARCHAR NOT NULL DEFAULT '',
        country VARCHAR NOT NULL DEFAULT '',
        utm_source VARCHAR NOT NULL DEFAULT '',
        utm_medium VARCHAR NOT NULL DEFAULT '',
        utm_campaign VARCHAR NOT NULL DEFAULT '',
        props VARCHAR NOT NULL DEFAULT ''
      )`,
      'CREATE TABLE ingest_checkpoints (stream VARCHAR PRIMARY KEY, position BIGINT NOT NULL)',
    ],
  },
  {
    // One row per visit, kept up to date by every append (merge-sessions.ts), so the stats read
    // visits instead of grouping every page view by session per panel. Filled from the events
    // already stored. Written out like every released migration; the merge's SQL may evolve.
    version: 2,
    name: 'create_sessions',
    statements: [
      `CREATE TABLE sessions (
        site_id VARCHAR NOT NULL,
        session_id VARCHAR NOT NULL,
        visit_start TIMESTAMP NOT NULL,
        visit_end TIMESTAMP NOT NULL,
        visit_pageviews BIGINT NOT NULL,
        visitor_id VARCHAR NOT NULL,
        visit_class VARCHAR NOT NULL,
        visit_channel VARCHAR NOT NULL,
        visit_confidence VARCHAR NOT NULL,
        visit_entry_page VARCHAR NOT NULL,
        visit_referrer_host VARCHAR NOT NULL,
        visit_utm_source VARCHAR NOT NULL,
        visit_utm_medium VARCHAR NOT NULL,
        visit_utm_campaign VARCHAR NOT NULL,
        visit_device VARCHAR NOT NULL,
        visit_browser VARCHAR NOT NULL,
        visit_os VARCHAR NOT NULL,
        visit_country VARCHAR NOT NULL,
        visit_ga4 VARCHAR NOT NULL
      )`,
      `INSERT INTO sessions SELECT site_id, session_id, min(ts), max(ts), count(*),
        arg_min(visitor_id, ts), arg_min(class, ts), arg_min(channel, ts), arg_min(confidence, ts),
        arg_min(path, ts), arg_min(referrer_host, ts), arg_min(utm_source, ts),
        arg_min(utm_medium, ts), arg_min(utm_campaign, ts), arg_min(device, ts),
        arg_min(browser, ts), arg_min(os, ts), arg_min(country, ts), arg_min(ga4, ts)
        FROM events WHERE name = 'pageview' AND session_id <> '' GROUP BY site_id, session_id`,
    ],
  },
];
