import { z } from 'zod';
import type { EventStore } from '../../store/index.ts';
import {
  DIMENSIONS,
  FILTER_OPS,
  type Interval,
  MAX_FILTERS,
  MAX_RANGE_DAYS,
  type StatsFilter,
} from '../query-spec.ts';
import type { Goal } from './panel-types.ts';

const DAY_MS = 86_400_000;

/** What every panel computes from: the site, the range, the filters and the site's goals. */
export interface PanelContext {
  store: EventStore;
  siteId: string;
  from: number;
  to: number;
  filters: StatsFilter[];
  compare: boolean;
  goals: Goal[];
  now: number;
}

const filtersSchema = z
  .array(
    z.object({
      dimension: z.enum(DIMENSIONS, {
        error: `a filter dimension is one of ${DIMENSIONS.join(', ')}`,
      }),
      op: z.enum(FILTER_OPS, { error: `a filter op is one of ${FILTER_OPS.join(', ')}` }),
      value: z.string().max(500),
    }),
  )
  .max(MAX_FILTERS, { error: `at most ${MAX_FILTERS} filters` });

export const panelQuerySchema = z
  .object({
    from: z.coerce.number({ error: 'from must be epoch milliseconds' }).int().nonnegative(),
    to: z.coerce.number({ error: 'to must be epoch milliseconds' }).int(),
    filters: z.string().max(10_000).optional(),
    compare: z.enum(['previous'], { error: 'compare is "previous" or absent' }).optional(),
  })
  .refine((query) => query.to > query.from, { error: 'to must be after from', path: ['to'] })
  .refine((query) => query.to - query.from <= MAX_RANGE_DAYS * DAY_MS, {
    error: `the date range must be at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

export type PanelQueryResult =
  | { ok: true; value: Omit<PanelContext, 'store' | 'siteId' | 'goals' | 'now'> }
  | { ok: false; error: string };

/** Validates a panel's query string (`from`, `to`, `filters` JSON, `compare`). */
export function parsePanelQuery(query: unknown): PanelQueryResult {
  const parsed = panelQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'query'}: ${issue?.message}` };
  }
  let filters: StatsFilter[] = [];
  if (parsed.data.filters) {
    let json: unknown;
    try {
      json = JSON.parse(parsed.data.filters);
    } catch {
      return { ok: false, error: 'filters must be JSON: [{"dimension","op","value"}]' };
    }
    const checked = filtersSchema.safeParse(json);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return { ok: false, error: `filters.${issue?.path.join('.')}: ${issue?.message}` };
    }
    filters = checked.data;
  }
  const { from, to, compare } = parsed.data;
  return { ok: true, value: { from, to, filters, compare: compare === 'previous' } };
}

/** Hours for a day or two, days up to a quarter, weeks beyond: 24 to ~60 points on a chart. */
export function intervalFor(from: number, to: number): Interval {
  const days = (to - from) / DAY_MS;
  if (days <= 2) return 'hour';
  if (days <= 93) return 'day';
  return 'week';
}

/** Every bucket start in `[from, to)` for `interval`, UTC, aligned as the dialects align them. */
export function bucketStarts(from: number, to: number, interval: Interval): number[] {
  const start = new Date(from);
  let cursor: number;
  if (interval === 'hour') cursor = from - (from % 3_600_000);
  else if (interval === 'day') cursor = from - (from % DAY_MS);
  else if (interval === 'week') {
    const day = from - (from % DAY_MS);
    cursor = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS; // back to Monday
  } else cursor = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const buckets: number[] = [];
  while (cursor < to && buckets.length < 10_000) {
    buckets.push(cursor);
    if (interval === 'hour') cursor += 3_600_000;
    else if (interval === 'day') cursor += DAY_MS;
    else if (interval === 'week') cursor += 7 * DAY_MS;
    else {
      const date = new Date(cursor);
      cursor = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
  return buckets;
}

/** Lays rows of (series key, bucket, value) out as one array per series over every bucket. */
export function toSeries(
  buckets: number[],
  rows: { key: string; bucket: number; value: number }[],
): Record<string, number[]> {
  const index = new Map(buckets.map((bucket, position) => [bucket, position]));
  const series: Record<string, number[]> = {};
  for (const { key, bucket, value } of rows) {
    const position = index.get(bucket);
    if (position === undefined) continue;
    series[key] ??= buckets.map(() => 0);
    series[key][position] = value;
  }
  return series;
}
