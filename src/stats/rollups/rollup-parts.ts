import { createHash } from 'node:crypto';
import type { RollupValueColumn } from '../../store/index.ts';
import type { Metric, StatsQuery } from '../query-spec.ts';

/**
 * Bump when a metric's meaning changes in the compiler: rollups stored under the old version are
 * then never read again, and every day is computed anew from its events.
 */
const ROLLUP_VERSION = 1;

/**
 * How each metric is kept per day and summed back over a range: the metrics the per-day query
 * asks for, the additive parts stored from its columns, and the metric from the parts' sums.
 * Rates are kept as their numerator next to `visits`, so a range's rate weighs each day by its
 * visits, as one query over the range would. Distinct visitor counts add up over days because
 * visitor ids are salted per UTC day: nobody is the same visitor on two days (docs/stats.md).
 */
interface MetricParts {
  asks: Metric[];
  parts: Partial<Record<RollupValueColumn, string>>;
  fromSums: string;
}

const sum = (part: RollupValueColumn) => `coalesce(sum(${part}), 0)`;
const ratio = (part: RollupValueColumn) =>
  `CASE WHEN sum(visits) > 0 THEN sum(${part}) / sum(visits) ELSE 0 END`;
const counted = (metric: Metric & RollupValueColumn): MetricParts => ({
  asks: [metric],
  parts: { [metric]: metric },
  fromSums: sum(metric),
});

// A generation depends on the cascade's earlier days, which a load can change without touching
// the day itself: queries by generation, and cascade depth, are always read from the events.
type RolledUpMetric = Exclude<Metric, 'cascade_depth'>;

const METRIC_PARTS: Record<RolledUpMetric, MetricParts> = {
  visitors: counted('visitors'),
  visits: counted('visits'),
  dark_visits: counted('dark_visits'),
  pageviews: counted('pageviews'),
  shares: counted('shares'),
  previews: counted('previews'),
  clicks: counted('clicks'),
  active_visitors: counted('active_visitors'),
  sharers: counted('sharers'),
  referred_visitors: counted('referred_visitors'),
  conversions: counted('conversions'),
  revenue: counted('revenue'),
  bounce_rate: {
    asks: ['bounce_rate', 'visits'],
    parts: { bounces: 'bounce_rate * visits', visits: 'visits' },
    fromSums: ratio('bounces'),
  },
  visit_duration: {
    asks: ['visit_duration', 'visits'],
    parts: { visit_seconds: 'visit_duration * visits', visits: 'visits' },
    fromSums: ratio('visit_seconds'),
  },
  k_factor: {
    asks: ['sharers', 'referred_visitors'],
    parts: { sharers: 'sharers', referred_visitors: 'referred_visitors' },
    fromSums:
      'CASE WHEN sum(sharers) > 0 THEN sum(referred_visitors) * 1.0 / sum(sharers) ELSE 0 END',
  },
  conversion_rate: {
    asks: ['conversions', 'visits'],
    parts: { conversions: 'conversions', visits: 'visits' },
    fromSums: ratio('conversions'),
  },
};

/** What a rolled-up query stores per day: the per-day metrics and the parts made of them. */
export interface RollupShape {
  /** Names this rollup among a site's: the same question always gets the same key. */
  key: string;
  /** The metrics the per-day query asks for. */
  asks: Metric[];
  /** Stored part → SQL over the per-day query's metric columns. */
  parts: Map<RollupValueColumn, string>;
}

const isRolledUp = (metric: Metric): metric is RolledUpMetric => metric !== 'cascade_depth';

/** Whether `query` can be answered from daily rollups at all (see RolledUpMetric). */
export const canRollUp = (query: StatsQuery): boolean =>
  query.metrics.every(isRolledUp) &&
  !query.dimensions.includes('generation') &&
  !query.filters.some((filter) => filter.dimension === 'generation');

/** The rollup of `query`, which `canRollUp`. */
export function rollupShape(query: StatsQuery): RollupShape {
  const asks = new Set<Metric>();
  const parts = new Map<RollupValueColumn, string>();
  for (const metric of query.metrics.filter(isRolledUp)) {
    for (const asked of METRIC_PARTS[metric].asks) asks.add(asked);
    for (const [part, sql] of Object.entries(METRIC_PARTS[metric].parts)) {
      parts.set(part as RollupValueColumn, sql);
    }
  }
  const sortedAsks = [...asks].sort();
  const question = JSON.stringify({
    version: ROLLUP_VERSION,
    asks: sortedAsks,
    dimensions: query.dimensions,
    filters: query.filters,
    goal: query.goal ?? null,
  });
  const key = createHash('sha256').update(question).digest('base64url').slice(0, 22);
  return { key, asks: sortedAsks, parts };
}

/** `metric` over the summed parts of a group. */
export function metricFromSums(metric: Metric): string {
  if (!isRolledUp(metric)) throw new Error(`${metric} is never rolled up (canRollUp)`);
  return METRIC_PARTS[metric].fromSums;
}
