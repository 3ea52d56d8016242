import type { StoredEvent } from './stored-event.ts';

export interface MigrationReport {
  /** Versions applied by this call, in order (empty when already up to date). */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

/** A share edge: the page view `child_token` arrived carrying `parent_token`. */
export interface ShareEdge {
  parent_token: string;
  child_token: string;
  /** Channel the child arrived through (the child's classification). */
  channel: string;
  path: string;
  ts: number;
}

/** Events of one site grouped by name, class and channel (the home page and `/summary`). */
export interface SummaryRow {
  name: string;
  class: string;
  channel: string;
  events: number;
  /** Distinct non-empty visitor ids. */
  visitors: number;
}

/** A value of a compiled query's result: text, a number (counts, averages, epoch ms) or null. */
export type SqlValue = string | number | null;

/** The additive metric parts a rollup row keeps, after site_id, rollup, day, k0 and k1. */
export const ROLLUP_VALUE_COLUMNS = [
  'visitors',
  'visits',
  'bounces',
  'visit_seconds',
  'dark_visits',
  'pageviews',
  'shares',
  'previews',
  'clicks',
  'active_visitors',
  'conversions',
  'revenue',
  'sharers',
  'referred_visitors',
] as const;
export type RollupValueColumn = (typeof ROLLUP_VALUE_COLUMNS)[number];

/**
 * One rollup's rows for whole UTC days `[fromDay, toDay)` (epoch ms of day starts): `rows` is a
 * SELECT in the store's dialect, parameters numbered from 1, returning `rollup_rows`' columns
 * in order (site_id, rollup, day, k0, k1, then the additive metric parts; docs/stats.md).
 */
export interface RollupFill {
  siteId: string;
  rollup: string;
  fromDay: number;
  toDay: number;
  rows: { sql: string; params: readonly (string | number)[] };
}

export interface EventFilter {
  siteId?: string;
  name?: string;
}

/**
 * Append-only analytics events. One adapter per engine (DuckDB embedded now, ClickHouse at
 * scale); every adapter passes `runEventStoreConformance`.
 */
export interface EventStore {
  readonly dialect: 'duckdb' | 'clickhouse';
  /** Applies pending versioned migrations, each in its own transaction. Idempotent. */
  migrate(): Promise<MigrationReport>;
  /**
   * Appends a batch atomically. With a checkpoint, the stream's position is stored in the same
   * transaction, so a crash can never leave events stored but the position behind (or ahead).
   */
  append(
    events: readonly StoredEvent[],
    checkpoint?: { stream: string; position: number },
  ): Promise<void>;
  /**
   * Appends every record of a file of newline-delimited JSON `StoredEvent`s (a sealed segment of
   * the collector's log) with the checkpoint, atomically, as `append` would. Throws a
   * `StoreError` `invalid` when a record does not fit, and then stores nothing.
   */
  appendJsonLines(path: string, checkpoint: { stream: string; position: number }): Promise<void>;
  /** Last position stored for a stream by `append`, or 0. */
  checkpoint(stream: string): Promise<number>;
  count(filter?: EventFilter): Promise<number>;
  /** Events of a site in time order (tests, exports); `limit` defaults to 10,000. */
  list(siteId: string, options?: { name?: string; limit?: number }): Promise<StoredEvent[]>;
  /** Share edges of a site, oldest first. */
  edges(siteId: string): Promise<ShareEdge[]>;
  /** Per (name, class, channel) counts of a site, ordered by name, class, channel. */
  summarize(siteId: string): Promise<SummaryRow[]>;
  /**
   * Runs a read-only SELECT produced by a query compiler for this store's `dialect` (the stats
   * compiler): every value arrives in `params` (positional, numbered as the dialect's placeholders
   * say), never in the text. Rows come back as arrays in column order; integers and timestamps as
   * numbers (timestamps in epoch ms).
   */
  selectRows(sql: string, params: readonly (string | number)[]): Promise<SqlValue[][]>;
  /**
   * Stores a rollup's rows for whole days and lists the days as rolled up (`rollup_days`), so
   * the dashboard reads a day's answer instead of its events; every later load unlists the days
   * it adds events to. Stores without rollup tables (ClickHouse, fast enough without) leave it
   * out and the stats read events.
   */
  fillRollup?(fill: RollupFill): Promise<void>;
  close(): Promise<void>;
}
