import type { Dialect } from '../dialect.ts';
import { Params } from '../params.ts';

/**
 * The share-specific reads the stats compiler does not express (raw edges and previews, for
 * depth and latency). Written once around the dialect's hooks, like
 * the compiler, so DuckDB and ClickHouse run the same text.
 */

interface Range {
  siteId: string;
  from: number;
  to: number;
}

const base = (params: Params, range: Range) =>
  `e.site_id = ${params.add(range.siteId, 'string')} AND e.ts >= ${params.add(range.from, 'epoch_ms')} AND e.ts < ${params.add(range.to, 'epoch_ms')}`;

/** Share edges (parent → child token) landing on `paths`, oldest first. */
export function edgesSql(dialect: Dialect, range: Range, paths: string[], limit: number) {
  const params = new Params(dialect);
  const where = base(params, range);
  const inList = paths.map((path) => params.add(path, 'string')).join(', ');
  const sql =
    `SELECT e.parent_token, e.view_token, e.path, e.ts FROM events e ` +
    `WHERE ${where} AND e.parent_token <> '' AND e.view_token <> '' ` +
    `AND e.name IN ('pageview', 'click') AND e.path IN (${inList}) ` +
    `ORDER BY e.ts LIMIT ${params.add(limit, 'integer')}`;
  return { sql, params: params.values };
}

/** The latest previews and share arrivals (path, channel, time) for preview→click latency. */
export function previewPairsSql(dialect: Dialect, range: Range, limit: number) {
  const params = new Params(dialect);
  const where = base(params, range);
  const sql =
    `SELECT e.name, e.path, e.channel, e.ts FROM events e WHERE ${where} ` +
    "AND (e.name = 'preview' OR (e.name = 'pageview' AND e.parent_token <> '')) " +
    `ORDER BY e.ts DESC LIMIT ${params.add(limit, 'integer')}`;
  return { sql, params: params.values };
}
