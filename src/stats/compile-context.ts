import type { Dialect } from './dialect.ts';
import type { GOAL_METRICS, StatsQuery, VISIT_METRICS } from './query-spec.ts';

export type VisitMetric =
  | (typeof VISIT_METRICS)[number]
  | (typeof GOAL_METRICS)[number]
  // Counted from the visits themselves when the query groups by visit dimensions only.
  | 'pageviews';

/** What every CTE builder needs; the parameters are shared so placeholders stay numbered. */
export interface Context {
  query: StatsQuery;
  dialect: Dialect;
  /** The events scanned, as `e`: `events e`, with each row's share generation `g` when needed. */
  events: string;
  /** Site and range, for every scan of `events e`. */
  base: string;
  /** `base` plus the filters. */
  where: string;
  /** `<dimension expression> AS k0, ` … for each asked dimension. */
  keySelect: string;
  /** k0, k1 and `bucket` when the query has an interval: what groups and joins the results. */
  groupAliases: string[];
  needsVisits: boolean;
  /** A key or filter is visit-scoped, so event rows must be joined to their visit. */
  eventsNeedVisits: boolean;
  /**
   * Every dimension and filter is visit-scoped: visit metrics then come from the `visits` CTE
   * alone, without joining each page view back (the join is most of a query's cost).
   */
  visitOnly: boolean;
  /** `keySelect` and the filters over the visits CTE's own columns, for `visitOnly`. */
  visitKeySelect: string;
  visitFilters: string;
  /** The goal's match condition when a goal metric is asked. */
  goalMatch: string | null;
}

export const groupBy = (aliases: string[]) =>
  aliases.length ? ` GROUP BY ${aliases.join(', ')}` : '';
