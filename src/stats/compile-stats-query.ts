import type { Context, VisitMetric } from './compile-context.ts';
import type { Dialect } from './dialect.ts';
import { eventMetricsCte, isEventMetric } from './event-metrics-sql.ts';
import { GENERATION_SQL, generationsCte, needsGenerations } from './generations-sql.ts';
import { Params } from './params.ts';
import {
  type Dimension,
  GOAL_METRICS,
  type Metric,
  type StatsFilter,
  type StatsGoal,
  type StatsQuery,
  VISIT_METRICS,
} from './query-spec.ts';
import { goalVisitsCte, visitMetricsCtes } from './visit-metrics-sql.ts';

/**
 * Where a dimension's value comes from. `visit` dimensions are attributed: an event that belongs
 * to a visit takes its visit's value, which is the visit's first page view's (so a visit that
 * lands from WhatsApp and then navigates stays `dark_social`, not `internal`). Events without a
 * visit (previews, link clicks) keep their own. `event` dimensions are always the event's own.
 */
const DIMENSION_SOURCES: Record<Dimension, { column: string; scope: 'visit' | 'event' }> = {
  class: { column: 'class', scope: 'visit' },
  channel: { column: 'channel', scope: 'visit' },
  confidence: { column: 'confidence', scope: 'visit' },
  page: { column: 'path', scope: 'event' },
  entry_page: { column: 'path', scope: 'visit' },
  referrer_host: { column: 'referrer_host', scope: 'visit' },
  utm_source: { column: 'utm_source', scope: 'visit' },
  utm_medium: { column: 'utm_medium', scope: 'visit' },
  utm_campaign: { column: 'utm_campaign', scope: 'visit' },
  device: { column: 'device', scope: 'visit' },
  browser: { column: 'browser', scope: 'visit' },
  os: { column: 'os', scope: 'visit' },
  country: { column: 'country', scope: 'visit' },
  share_channel: { column: 'share_channel', scope: 'event' },
  ga4: { column: 'ga4', scope: 'visit' },
  // Computed from the share edges (generations-sql.ts), not a column.
  generation: { column: 'generation', scope: 'event' },
};

export interface CompiledColumn {
  name: Dimension | Metric | 'bucket';
  kind: 'dimension' | 'bucket' | 'metric';
}

/** SQL plus its positional parameters; `columns` names the result columns in order. */
export interface CompiledStatsQuery {
  sql: string;
  params: (string | number)[];
  columns: CompiledColumn[];
}

const isVisitMetric = (metric: Metric): metric is VisitMetric =>
  (VISIT_METRICS as readonly Metric[]).includes(metric) ||
  (GOAL_METRICS as readonly Metric[]).includes(metric);
const isGoalMetric = (metric: Metric) => (GOAL_METRICS as readonly Metric[]).includes(metric);

/** A page goal's `*` wildcards as a LIKE pattern, with LIKE's own characters taken literally. */
const likePattern = (value: string) =>
  value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');

/** The events that reach a goal; the value is a parameter, the event name `pageview` a constant. */
function goalMatchSql(goal: StatsGoal, params: Params, dialect: Dialect): string {
  if (goal.kind === 'event') return `e.name = ${params.add(goal.value, 'string')}`;
  return `e.name = 'pageview' AND ${dialect.like('e.path', params.add(likePattern(goal.value), 'string'))}`;
}

/** The value of `dimension` for an event row `e` (with its visit `v` when visits are joined). */
function dimensionSql(dimension: Dimension): string {
  if (dimension === 'generation') return `CAST(${GENERATION_SQL} AS VARCHAR)`;
  const { column, scope } = DIMENSION_SOURCES[dimension];
  return scope === 'visit' ? `coalesce(v.visit_${dimension}, e.${column})` : `e.${column}`;
}

/** A filter with its value already a parameter, rendered against any column expression. */
type FilterPart = { dimension: Dimension; render: (column: string) => string };

function filterPart(filter: StatsFilter, params: Params, dialect: Dialect): FilterPart {
  const value = params.add(filter.value, 'string');
  const render = (column: string) => {
    if (filter.op === 'is') return `${column} = ${value}`;
    if (filter.op === 'is_not') return `${column} <> ${value}`;
    return dialect.contains(column, value);
  };
  return { dimension: filter.dimension, render };
}

/**
 * Compiles a validated query for `dialect`. Every user value becomes a parameter; dimension and
 * metric names only select entries of the fixed tables above, so nothing user-typed reaches the
 * SQL text. Shape: a `visits` CTE (one row per session, its first page view's dimensions), then
 * `visit_metrics` and/or `event_metrics`, joined on the grouping keys when both are asked.
 */
export function compileStatsQuery(
  query: StatsQuery,
  dialect: Dialect,
  // Shared when the query is embedded in a larger one (rollups), so placeholders stay numbered.
  params: Params = new Params(dialect),
): CompiledStatsQuery {
  const site = params.add(query.siteId, 'string');
  const from = params.add(query.from, 'epoch_ms');
  const to = params.add(query.to, 'epoch_ms');
  const base = `e.site_id = ${site} AND e.ts >= ${from} AND e.ts < ${to}`;
  const parts = query.filters.map((filter) => filterPart(filter, params, dialect));
  const filters = parts.map((part) => ` AND ${part.render(dimensionSql(part.dimension))}`);
  const keys = query.dimensions.map(
    (dimension, index) => `${dimensionSql(dimension)} AS k${index}`,
  );
  const visitDimensions = [
    ...new Set([
      ...query.dimensions,
      ...query.filters.map((filter) => filter.dimension),
      ...(query.metrics.includes('dark_visits') ? (['class'] as const) : []),
    ]),
  ].filter((dimension) => DIMENSION_SOURCES[dimension].scope === 'visit');
  const visitOnly = [...query.dimensions, ...parts.map((part) => part.dimension)].every(
    (dimension) => DIMENSION_SOURCES[dimension].scope === 'visit',
  );
  const firstVisitMetrics: VisitMetric[] = query.metrics.filter(isVisitMetric);
  // With visits at hand and no per-page grouping, a visit's page views are already counted:
  // summing them spares joining every page view to its visit.
  const pageviewsFromVisits =
    visitOnly &&
    query.metrics.includes('pageviews') &&
    (firstVisitMetrics.length > 0 || visitDimensions.length > 0);
  const visitMetrics: VisitMetric[] = pageviewsFromVisits
    ? [...firstVisitMetrics, 'pageviews']
    : firstVisitMetrics;
  const eventMetrics = query.metrics
    .filter(isEventMetric)
    .filter((metric) => !(pageviewsFromVisits && metric === 'pageviews'));
  const context: Context = {
    query,
    dialect,
    events: needsGenerations(query)
      ? 'events e LEFT JOIN generations g ON g.token = e.view_token'
      : 'events e',
    base,
    where: base + filters.join(''),
    keySelect: keys.map((key) => `${key}, `).join(''),
    groupAliases: [...keys.map((_, index) => `k${index}`), ...(query.interval ? ['bucket'] : [])],
    needsVisits: visitMetrics.length > 0 || visitDimensions.length > 0,
    eventsNeedVisits: [...query.dimensions, ...parts.map((part) => part.dimension)].some(
      (dimension) => DIMENSION_SOURCES[dimension].scope === 'visit',
    ),
    visitOnly,
    visitKeySelect: query.dimensions
      .map((dimension, index) => `v.visit_${dimension} AS k${index}, `)
      .join(''),
    visitFilters: parts.map((part) => ` AND ${part.render(`v.visit_${part.dimension}`)}`).join(''),
    goalMatch:
      query.goal && query.metrics.some(isGoalMetric)
        ? goalMatchSql(query.goal, params, dialect)
        : null,
  };
  const ctes = needsGenerations(query) ? [generationsCte(site)] : [];
  if (context.needsVisits)
    ctes.push(visitsCte(context, visitDimensions, { site, from, to, params }));
  if (context.goalMatch) ctes.push(goalVisitsCte(context));
  const sources: Source[] = [];
  if (visitMetrics.length) {
    ctes.push(...visitMetricsCtes(context, visitMetrics));
    sources.push({ alias: 'visit_metrics', metrics: visitMetrics });
  }
  if (eventMetrics.length) {
    ctes.push(eventMetricsCte(context, eventMetrics));
    sources.push({ alias: 'event_metrics', metrics: eventMetrics });
  }
  return {
    sql: `WITH ${ctes.join(',\n')}\n${finalSelect(context, sources, params)}`,
    params: params.values,
    columns: statsColumns(query),
  };
}

/** The result columns of `query`, in order: its dimensions, `bucket` with an interval, metrics. */
export function statsColumns(query: StatsQuery): CompiledColumn[] {
  return [
    ...query.dimensions.map((name) => ({ name, kind: 'dimension' as const })),
    ...(query.interval ? [{ name: 'bucket' as const, kind: 'bucket' as const }] : []),
    ...query.metrics.map((name) => ({ name, kind: 'metric' as const })),
  ];
}

const DAY_MS = 86_400_000;

/**
 * One row per visit that started in the range: its span, page view count, visitor and the entry
 * (first page view) value of each visit-scoped dimension the query uses. A visit belongs whole to
 * the range its entry falls in (as Plausible and GA count sessions): its later page views count
 * even past `to`, and a visit that began before `from` is not one of the range's. Where the store
 * keeps a `sessions` table (DuckDB), that is one row per visit already; otherwise the page views
 * are grouped by session, looking a day back for entries (the collector ends a session after 30
 * idle minutes).
 */
function visitsCte(
  { dialect, query }: Context,
  dimensions: Dimension[],
  range: { site: string; from: string; to: string; params: Params },
): string {
  const { site, from, to, params } = range;
  if (dialect.visitsFrom === 'sessions') {
    const entry = dimensions.map((d) => `, visit_${d}`).join('');
    return (
      'visits AS (SELECT session_id, visit_start, visit_end, visit_pageviews, visitor_id' +
      `${entry} FROM sessions WHERE site_id = ${site} AND visit_start >= ${from} ` +
      `AND visit_start < ${to})`
    );
  }
  const lookback = params.add(query.from - DAY_MS, 'epoch_ms');
  const entry = dimensions.map(
    (d) => `, ${dialect.argMin(`e.${DIMENSION_SOURCES[d].column}`, 'e.ts')} AS visit_${d}`,
  );
  return (
    'visits AS (SELECT e.session_id AS session_id, min(e.ts) AS visit_start, ' +
    'max(e.ts) AS visit_end, count(*) AS visit_pageviews, ' +
    `${dialect.argMin('e.visitor_id', 'e.ts')} AS visitor_id${entry.join('')} ` +
    `FROM events e WHERE e.site_id = ${site} AND e.ts >= ${lookback} AND e.name = 'pageview' ` +
    "AND e.session_id <> '' GROUP BY e.session_id " +
    `HAVING min(e.ts) >= ${from} AND min(e.ts) < ${to})`
  );
}

interface Source {
  alias: 'visit_metrics' | 'event_metrics';
  metrics: Metric[];
}

/** Joins the metric CTEs on the grouping keys and orders: time first, then the first metric. */
function finalSelect({ query, groupAliases }: Context, sources: Source[], params: Params): string {
  const [first, second] = sources;
  if (!first) throw new Error('a stats query needs at least one metric');
  const key = (alias: string) =>
    second
      ? `coalesce(${first.alias}.${alias}, ${second.alias}.${alias})`
      : `${first.alias}.${alias}`;
  const owner = (metric: Metric) => (second?.metrics.includes(metric) ? second : first).alias;
  const outputs = [
    ...query.dimensions.map((dimension, index) => `${key(`k${index}`)} AS "${dimension}"`),
    ...(query.interval ? [`${key('bucket')} AS "bucket"`] : []),
    // A group can exist on one side only (shares but no visits), and avg() of no rows is NULL.
    ...query.metrics.map((metric) => `coalesce(${owner(metric)}.${metric}, 0) AS "${metric}"`),
  ];
  let from = first.alias;
  if (second) {
    from += groupAliases.length
      ? ` FULL OUTER JOIN ${second.alias} ON ${groupAliases
          .map((alias) => `${first.alias}.${alias} = ${second.alias}.${alias}`)
          .join(' AND ')}`
      : ` CROSS JOIN ${second.alias}`;
  }
  const order = [
    ...(query.interval ? ['"bucket"'] : []),
    `"${query.metrics[0]}" DESC`,
    ...query.dimensions.map((dimension) => `"${dimension}"`),
  ];
  const limit = params.add(query.limit, 'integer');
  return `SELECT ${outputs.join(', ')} FROM ${from} ORDER BY ${order.join(', ')} LIMIT ${limit}`;
}
