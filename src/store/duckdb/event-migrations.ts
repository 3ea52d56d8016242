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
  {
    // Share-link clicks in a narrow table: per click only its id, time, visitor, token and
    // uniqueness; the columns every click of one link by one kind of browser shares live once in
    // click_variants. Loading a click into the 26-column table cost ~4 µs of CPU, into this one
    // under 1 µs (bench/links). Readers keep reading `events`, now a view over both; writers
    // write `event_rows` (whole events) or the two click tables (log-lines.ts).
    version: 3,
    name: 'narrow_click_rows',
    statements: [
      'ALTER TABLE events RENAME TO event_rows',
      `CREATE TABLE click_variants (
        variant VARCHAR NOT NULL,
        site_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        hostname VARCHAR NOT NULL,
        path VARCHAR NOT NULL,
        referrer_host VARCHAR NOT NULL,
        class VARCHAR NOT NULL,
        channel VARCHAR NOT NULL,
        confidence VARCHAR NOT NULL,
        rule VARCHAR NOT NULL,
        ga4 VARCHAR NOT NULL,
        session_id VARCHAR NOT NULL,
        parent_token VARCHAR NOT NULL,
        share_channel VARCHAR NOT NULL,
        engaged_ms BIGINT NOT NULL,
        device VARCHAR NOT NULL,
        browser VARCHAR NOT NULL,
        os VARCHAR NOT NULL,
        country VARCHAR NOT NULL,
        utm_source VARCHAR NOT NULL,
        utm_medium VARCHAR NOT NULL,
        utm_campaign VARCHAR NOT NULL,
        props_unique VARCHAR NOT NULL,
        props_repeat VARCHAR NOT NULL
      )`,
      `CREATE TABLE click_rows (
        id VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        visitor_id VARCHAR NOT NULL,
        view_token VARCHAR NOT NULL,
        is_unique BOOLEAN NOT NULL,
        variant VARCHAR NOT NULL
      )`,
      `CREATE VIEW events AS
        SELECT id, site_id, ts, name, hostname, path, referrer_host, class, channel, confidence, rule, ga4,
        visitor_id, session_id, view_token, parent_token, share_channel, engaged_ms, device, browser,
        os, country, utm_source, utm_medium, utm_campaign, props FROM event_rows
        UNION ALL
        SELECT c.id, v.site_id, c.ts, v.name, v.hostname, v.path, v.referrer_host, v.class,
          v.channel, v.confidence, v.rule, v.ga4, c.visitor_id, v.session_id, c.view_token,
          v.parent_token, v.share_channel, v.engaged_ms, v.device, v.browser, v.os, v.country,
          v.utm_source, v.utm_medium, v.utm_campaign,
          CASE WHEN c.is_unique THEN v.props_unique ELSE v.props_repeat END AS props
        FROM click_rows c JOIN click_variants v ON c.variant = v.variant`,
    ],
  },
  {
    // Daily rollups of the dashboard's questions (src/stats/rollups): per site, rollup and UTC day
    // (epoch ms of its start), one row per group with the additive parts of each metric. A day is
    // answered from here only while rollup_days lists it; every load unlists the days it touches.
    version: 4,
    name: 'daily_rollups',
    statements: [
      `CREATE TABLE rollup_days (
        site_id VARCHAR NOT NULL,
        rollup VARCHAR NOT NULL,
        day BIGINT NOT NULL
      )`,
      `CREATE TABLE rollup_rows (
        site_id VARCHAR NOT NULL,
        rollup VARCHAR NOT NULL,
        day BIGINT NOT NULL,
        k0 VARCHAR,
        k1 VARCHAR,
        visitors DOUBLE,
        visits DOUBLE,
        bounces DOUBLE,
        visit_seconds DOUBLE,
        dark_visits DOUBLE,
        pageviews DOUBLE,
        shares DOUBLE,
        previews DOUBLE,
        clicks DOUBLE,
        active_visitors DOUBLE,
        conversions DOUBLE,
        revenue DOUBLE,
        sharers DOUBLE,
        referred_visitors DOUBLE
      )`,
    ],
  },
];
