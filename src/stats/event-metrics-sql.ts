import { type Context, groupBy } from './compile-context.ts';
import { GENERATION_SQL } from './generations-sql.ts';
import { EVENT_METRICS, type Metric } from './query-spec.ts';

export type EventMetric = (typeof EVENT_METRICS)[number];

const SHARER_ROWS = "e.name = 'share' AND e.visitor_id <> ''";
const REFERRED_ROWS = "e.name = 'pageview' AND e.parent_token <> '' AND e.visitor_id <> ''";

/** The event rows each event-level metric counts; names are constants, never user input. */
const EVENT_METRIC_SQL: Record<EventMetric, string> = {
  pageviews: "e.name = 'pageview'",
  shares: "e.name = 'share'",
  previews: "e.name = 'preview'",
  // Clicks by crawlers and scanners are not people following a link.
  clicks: "e.name = 'click' AND e.class <> 'bot'",
  active_visitors: "e.name IN ('pageview', 'engagement')",
  sharers: SHARER_ROWS,
  referred_visitors: REFERRED_ROWS,
  k_factor: `(${SHARER_ROWS}) OR (${REFERRED_ROWS})`,
  cascade_depth: "e.parent_token <> '' AND e.name IN ('pageview', 'click')",
};
/** Event metrics that count distinct visitors among their rows, not the rows. */
const DISTINCT_VISITOR_METRICS: readonly EventMetric[] = [
  'active_visitors',
  'sharers',
  'referred_visitors',
];

export const isEventMetric = (metric: Metric): metric is EventMetric =>
  (EVENT_METRICS as readonly Metric[]).includes(metric);

/** Counts of event rows; an event in a visit takes the visit's dimensions (left join). */
export function eventMetricsCte(context: Context, metrics: EventMetric[]): string {
  const { dialect, query } = context;
  const bucket = query.interval ? `${dialect.bucket('e.ts', query.interval)} AS bucket, ` : '';
  const distinctVisitors = (metric: EventMetric) =>
    dialect.countDistinct(`CASE WHEN ${EVENT_METRIC_SQL[metric]} THEN e.visitor_id END`);
  const aggregate = (metric: EventMetric) => {
    if (DISTINCT_VISITOR_METRICS.includes(metric)) return distinctVisitors(metric);
    if (metric === 'k_factor') {
      const [brought, sharers] = [
        distinctVisitors('referred_visitors'),
        distinctVisitors('sharers'),
      ];
      return `CASE WHEN ${sharers} > 0 THEN ${brought} * 1.0 / ${sharers} ELSE 0 END`;
    }
    if (metric === 'cascade_depth') {
      return `coalesce(max(CASE WHEN ${EVENT_METRIC_SQL[metric]} THEN ${GENERATION_SQL} END), 0)`;
    }
    return dialect.countIf(EVENT_METRIC_SQL[metric]);
  };
  const counts = metrics.map((metric) => `${aggregate(metric)} AS ${metric}`);
  // Only rows some asked metric counts, so a group of bot clicks alone yields no all-zero row.
  const counted = metrics.map((metric) => `(${EVENT_METRIC_SQL[metric]})`);
  // Joined only when a key or filter needs the visit's value (the join tripled the pages panel).
  const join = context.eventsNeedVisits ? ' LEFT JOIN visits v ON e.session_id = v.session_id' : '';
  return (
    `event_metrics AS (SELECT ${context.keySelect}${bucket}${counts.join(', ')} ` +
    `FROM ${context.events}${join} WHERE ${context.where} AND (${counted.join(' OR ')})` +
    `${groupBy(context.groupAliases)})`
  );
}
