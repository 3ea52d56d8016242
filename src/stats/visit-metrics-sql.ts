import { type Context, groupBy, type VisitMetric } from './compile-context.ts';

/**
 * One row per (keys, visit) first, so a visit counts once per group even when grouped by a page
 * it viewed three times; then the per-visit values are averaged per group. A visit falls in the
 * bucket where it started. When every dimension and filter is the visit's own, the rows come
 * from the visits alone; otherwise each page view is joined to its visit.
 */
export function visitMetricsCtes(context: Context, metrics: VisitMetric[]): string[] {
  const { dialect, query, groupAliases } = context;
  const bucket = query.interval
    ? `${dialect.bucket('v.visit_start', query.interval)} AS bucket, `
    : '';
  const perVisit = [
    'v.session_id',
    'v.visitor_id',
    'v.visit_pageviews',
    ...(metrics.includes('dark_visits') ? ['v.visit_class'] : []),
  ];
  // A visit converted when its session has a row in goal_visits (NULL-extended otherwise).
  const goal = context.goalMatch
    ? ', CASE WHEN g.session_id IS NULL THEN 0 ELSE 1 END AS converted, coalesce(g.goal_revenue, 0) AS goal_revenue'
    : '';
  const goalJoin = context.goalMatch
    ? 'LEFT JOIN goal_visits g ON g.session_id = v.session_id '
    : '';
  const select = (keySelect: string) =>
    `SELECT ${keySelect}${bucket}` +
    perVisit.map((column) => `${column} AS ${column.slice(2)}, `).join('') +
    `${dialect.secondsBetween('v.visit_start', 'v.visit_end')} AS visit_seconds${goal} `;
  const keyAliases = groupAliases.filter((alias) => alias !== 'bucket');
  const rows = context.visitOnly
    ? `visit_rows AS (${select(context.visitKeySelect)}FROM visits v ${goalJoin}` +
      `WHERE 1 = 1${context.visitFilters})`
    : !context.eventsNeedVisits
      ? // Keys and filters are the page views' own: pair each key with its sessions first, then
        // look each pair's visit up once (a third faster than grouping the joined page views).
        `visit_rows AS (${select(keyAliases.map((alias) => `p.${alias} AS ${alias}, `).join(''))}` +
        `FROM (SELECT DISTINCT ${context.keySelect}e.session_id AS session_id FROM ${context.events} ` +
        `WHERE ${context.where} AND e.name = 'pageview') p ` +
        `JOIN visits v ON p.session_id = v.session_id ${goalJoin})`
      : `visit_rows AS (${select(context.keySelect)}` +
        `FROM ${context.events} JOIN visits v ON e.session_id = v.session_id ${goalJoin}` +
        `WHERE ${context.where} AND e.name = 'pageview'` +
        `${groupBy([
          ...groupAliases,
          ...perVisit,
          'v.visit_start',
          'v.visit_end',
          ...(context.goalMatch ? ['g.session_id', 'g.goal_revenue'] : []),
        ])})`;
  return [rows, visitMetricsSelect(context, metrics)];
}

/** Per group: the visit metrics averaged or counted over `visit_rows` (one row per visit). */
function visitMetricsSelect({ dialect, groupAliases }: Context, metrics: VisitMetric[]): string {
  const sql: Record<VisitMetric, string> = {
    visitors: dialect.countDistinct('visitor_id'),
    visits: 'count(*)',
    bounce_rate: 'avg(CASE WHEN visit_pageviews = 1 THEN 1.0 ELSE 0.0 END)',
    visit_duration: 'avg(visit_seconds)',
    dark_visits: "sum(CASE WHEN visit_class = 'dark_social' THEN 1 ELSE 0 END)",
    pageviews: 'sum(visit_pageviews)',
    conversions: 'sum(converted)',
    conversion_rate: 'avg(converted * 1.0)',
    revenue: 'sum(goal_revenue)',
  };
  const selected = metrics.map((metric) => `${sql[metric]} AS ${metric}`);
  return (
    `visit_metrics AS (SELECT ${[...groupAliases, ...selected].join(', ')} ` +
    `FROM visit_rows${groupBy(groupAliases)})`
  );
}

/** Sessions that reached the goal in the range, with the revenue their goal events carried. */
export function goalVisitsCte({ base, goalMatch, dialect }: Context): string {
  return (
    'goal_visits AS (SELECT e.session_id AS session_id, ' +
    `sum(${dialect.jsonNumber('e.props', 'revenue')}) AS goal_revenue ` +
    `FROM events e WHERE ${base} AND ${goalMatch} AND e.session_id <> '' GROUP BY e.session_id)`
  );
}
