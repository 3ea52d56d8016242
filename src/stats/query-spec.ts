import { z } from 'zod';

/** Counted per visit (a session's page views); see docs/stats.md. */
export const VISIT_METRICS = [
  'visitors',
  'visits',
  'bounce_rate',
  'visit_duration',
  // Visits whose entry is dark social: a table's dark share without a second query.
  'dark_visits',
] as const;
/** Counted per visit against the query's `goal`: visits that reached it, their share, revenue. */
export const GOAL_METRICS = ['conversions', 'conversion_rate', 'revenue'] as const;
/**
 * Counted per event row. `active_visitors`: distinct visitors with a page view or engagement in
 * the range, whenever their visit began (the realtime panel's "who is here now"). `sharers`:
 * distinct visitors who shared; `referred_visitors`: distinct visitors who arrived through a
 * share (a view carrying a parent token); `k_factor` is their ratio, the dark-social k-factor
 * (0 without sharers). `cascade_depth`: the deepest generation among the group's share arrivals
 * (generations-sql.ts).
 */
export const EVENT_METRICS = [
  'pageviews',
  'shares',
  'previews',
  'clicks',
  'active_visitors',
  'sharers',
  'referred_visitors',
  'k_factor',
  'cascade_depth',
] as const;
/** The everyday numbers of a site: the headline's totals, and what most tests check at once. */
export const TOTAL_METRICS = [
  'visitors',
  'visits',
  'pageviews',
  'bounce_rate',
  'visit_duration',
  'shares',
  'previews',
  'clicks',
] as const;
export const METRICS = [...VISIT_METRICS, ...GOAL_METRICS, ...EVENT_METRICS] as const;
export type Metric = (typeof METRICS)[number];

export const DIMENSIONS = [
  'class',
  'channel',
  'confidence',
  'page',
  'entry_page',
  'referrer_host',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'device',
  'browser',
  'os',
  'country',
  'share_channel',
  'ga4',
  'generation',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const FILTER_OPS = ['is', 'is_not', 'contains'] as const;
export const INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 400;
export const MAX_DIMENSIONS = 2;
export const MAX_FILTERS = 10;

const oneOf = (what: string, values: readonly string[]) => () =>
  `${what} must be one of ${values.join(', ')}`;

const distinct = (values: readonly string[]) => new Set(values).size === values.length;

const goalSchema = z.object({
  kind: z.enum(['page', 'event'], { error: 'a goal kind is page or event' }),
  // A path (with `*` wildcards) or a custom event name.
  value: z.string({ error: 'a goal value must be text' }).min(1).max(500),
});

const filterSchema = z.object({
  dimension: z.enum(DIMENSIONS, { error: oneOf('a filter dimension', DIMENSIONS) }),
  op: z.enum(FILTER_OPS, { error: oneOf('a filter op', FILTER_OPS) }),
  // Bounded so a filter cannot smuggle megabytes into every query.
  value: z.string({ error: 'a filter value must be text' }).max(500, {
    error: 'a filter value must be at most 500 characters',
  }),
});

/**
 * A stats question, independent of any SQL dialect: the compilers (compile-duckdb.ts, and a
 * ClickHouse one later) turn this one model into SQL. Times are epoch ms, `[from, to)`.
 */
export const statsQuerySchema = z
  .object({
    siteId: z.string({ error: 'siteId is required' }).min(1, { error: 'siteId is required' }),
    metrics: z
      .array(z.enum(METRICS, { error: oneOf('a metric', METRICS) }), {
        error: 'metrics must be a list',
      })
      .min(1, { error: 'ask for at least one metric' })
      .refine(distinct, { error: 'a metric is listed twice' }),
    dimensions: z
      .array(z.enum(DIMENSIONS, { error: oneOf('a dimension', DIMENSIONS) }), {
        error: 'dimensions must be a list',
      })
      .max(MAX_DIMENSIONS, { error: `group by at most ${MAX_DIMENSIONS} dimensions` })
      .refine(distinct, { error: 'a dimension is listed twice' })
      .default([]),
    filters: z
      .array(filterSchema, { error: 'filters must be a list' })
      .max(MAX_FILTERS, { error: `at most ${MAX_FILTERS} filters` })
      .default([]),
    from: z
      .number({ error: 'from must be epoch milliseconds' })
      .int({ error: 'from must be whole epoch milliseconds' })
      .nonnegative({ error: 'from must not be before 1970' }),
    to: z
      .number({ error: 'to must be epoch milliseconds' })
      .int({ error: 'to must be whole epoch milliseconds' }),
    interval: z.enum(INTERVALS, { error: oneOf('interval', INTERVALS) }).optional(),
    goal: goalSchema.optional(),
    limit: z
      .number({ error: 'limit must be a number' })
      .int({ error: 'limit must be a whole number' })
      .min(1, { error: 'limit must be at least 1' })
      .max(1000, { error: 'limit must be at most 1000' })
      .default(100),
  })
  .superRefine((query, ctx) => {
    const goalMetric = query.metrics.find((metric) =>
      (GOAL_METRICS as readonly string[]).includes(metric),
    );
    if (goalMetric && !query.goal) {
      ctx.addIssue({ code: 'custom', path: ['goal'], message: `${goalMetric} needs a goal` });
    }
    if (query.to <= query.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    } else if (query.to - query.from > MAX_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the date range must be at most ${MAX_RANGE_DAYS} days`,
      });
    }
  });

export type StatsQuery = z.output<typeof statsQuerySchema>;
export type StatsQueryInput = z.input<typeof statsQuerySchema>;
export type StatsFilter = StatsQuery['filters'][number];
export type StatsGoal = NonNullable<StatsQuery['goal']>;

/** A query that failed validation; `message` lists every problem, one per line. */
export class StatsQueryError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'StatsQueryError';
  }
}

/** Validates untrusted input (the stats API) into a `StatsQuery`, or throws `StatsQueryError`. */
export function parseStatsQuery(input: unknown): StatsQuery {
  const result = statsQuerySchema.safeParse(input);
  if (result.success) return result.data;
  throw new StatsQueryError(
    result.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  );
}
