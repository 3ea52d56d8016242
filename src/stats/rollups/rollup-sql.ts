import { ROLLUP_VALUE_COLUMNS } from '../../store/index.ts';
import { compileStatsQuery } from '../compile-stats-query.ts';
import type { Dialect } from '../dialect.ts';
import { Params } from '../params.ts';
import type { StatsQuery } from '../query-spec.ts';
import { metricFromSums, type RollupShape } from './rollup-parts.ts';
import type { Span } from './rollup-range.ts';

/** The compiler's own LIMIT, lifted: a day's every group is kept. */
const ALL_ROWS = Number.MAX_SAFE_INTEGER;

/**
 * The per-day question over `span`: the query's dimensions and filters, the rollup's metrics,
 * one row per (day, group), embedded with the outer query's parameters.
 */
function perDaySelect(
  query: StatsQuery,
  shape: RollupShape,
  span: Span,
  dialect: Dialect,
  params: Params,
): { sql: string; keys: string[] } {
  const perDay: StatsQuery = {
    ...query,
    metrics: shape.asks,
    from: span.from,
    to: span.to,
    interval: 'day',
    limit: ALL_ROWS,
  };
  const { sql } = compileStatsQuery(perDay, dialect, params);
  const keys = [0, 1].map((index) => {
    const dimension = query.dimensions[index];
    return dimension ? `"${dimension}"` : 'NULL';
  });
  return { sql, keys };
}

/** Stored parts in `rollup_rows`' order; the parts this rollup does not keep are NULL. */
const allParts = (shape: RollupShape) =>
  ROLLUP_VALUE_COLUMNS.map((part) => `${shape.parts.get(part) ?? 'NULL'} AS ${part}`);

/**
 * The rows a fill stores for `span`: `rollup_rows`' columns, from the per-day query's result
 * (its `bucket` is the day's start, epoch ms).
 */
export function fillSql(
  query: StatsQuery,
  shape: RollupShape,
  span: Span,
  dialect: Dialect,
): { sql: string; params: (string | number)[] } {
  const params = new Params(dialect);
  const site = params.add(query.siteId, 'string');
  const rollup = params.add(shape.key, 'string');
  const { sql, keys } = perDaySelect(query, shape, span, dialect, params);
  const columns = [
    `${site} AS site_id`,
    `${rollup} AS rollup`,
    '"bucket" AS day',
    `${keys[0]} AS k0`,
    `${keys[1]} AS k1`,
    ...allParts(shape),
  ];
  return { sql: `SELECT ${columns.join(', ')} FROM (${sql}) per_day`, params: params.values };
}

/**
 * The query's answer from the stored days of `days` plus the per-day rows of each edge, summed
 * per group: the same columns, order and limit as the compiled query over the whole range.
 */
export function readSql(
  query: StatsQuery,
  shape: RollupShape,
  plan: { days: Span; edges: Span[] },
  dialect: Dialect,
): { sql: string; params: (string | number)[] } {
  const params = new Params(dialect);
  const parts = [...shape.parts.keys()];
  const stored =
    `SELECT day, k0, k1, ${parts.join(', ')} FROM rollup_rows ` +
    `WHERE site_id = ${params.add(query.siteId, 'string')} ` +
    `AND rollup = ${params.add(shape.key, 'string')} ` +
    `AND day >= ${params.add(plan.days.from, 'integer')} AND day < ${params.add(plan.days.to, 'integer')}`;
  const edges = plan.edges.map((span, index) => {
    const { sql, keys } = perDaySelect(query, shape, span, dialect, params);
    const values = parts.map((part) => `${shape.parts.get(part)} AS ${part}`);
    return (
      `SELECT "bucket" AS day, ${keys[0]} AS k0, ${keys[1]} AS k1, ${values.join(', ')} ` +
      `FROM (${sql}) edge_${index}`
    );
  });
  const bucket =
    query.interval === undefined
      ? null
      : query.interval === 'day'
        ? 'day'
        : dialect.bucket(dialect.timestamp('day'), query.interval);
  const outputs = [
    ...query.dimensions.map((dimension, index) => `k${index} AS "${dimension}"`),
    ...(bucket ? [`${bucket} AS "bucket"`] : []),
    ...query.metrics.map((metric) => `${metricFromSums(metric)} AS "${metric}"`),
  ];
  const groups = [...query.dimensions.map((_, index) => `k${index}`), ...(bucket ? [bucket] : [])];
  const order = [
    ...(bucket ? ['"bucket"'] : []),
    `"${query.metrics[0]}" DESC`,
    ...query.dimensions.map((dimension) => `"${dimension}"`),
  ];
  const sql =
    `WITH parts AS (${[stored, ...edges].join(' UNION ALL ')}) ` +
    `SELECT ${outputs.join(', ')} FROM parts` +
    (groups.length ? ` GROUP BY ${groups.join(', ')}` : '') +
    ` ORDER BY ${order.join(', ')} LIMIT ${params.add(query.limit, 'integer')}`;
  return { sql, params: params.values };
}
