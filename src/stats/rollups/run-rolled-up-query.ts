import type { EventStore } from '../../store/index.ts';
import { statsColumns } from '../compile-stats-query.ts';
import { Params } from '../params.ts';
import type { StatsQuery } from '../query-spec.ts';
import { dialectFor, runStatsQuery, type StatsRow, toStatsRows } from '../run-stats-query.ts';
import { canRollUp, type RollupShape, rollupShape } from './rollup-parts.ts';
import { DAY_MS, planRollup, type Span } from './rollup-range.ts';
import { fillSql, readSql } from './rollup-sql.ts';

// Fills under way, per store and (site, rollup): two panels or two dashboards asking at once
// wait for one fill instead of computing the same days twice.
const fillsUnderWay = new WeakMap<EventStore, Map<string, Promise<void>>>();

/** Days of `days` the store lists as rolled up for this rollup, as a set of day starts. */
async function rolledUpDays(
  store: EventStore,
  query: StatsQuery,
  shape: RollupShape,
  days: Span,
): Promise<Set<number>> {
  const params = new Params(dialectFor(store));
  const sql =
    `SELECT day FROM rollup_days WHERE site_id = ${params.add(query.siteId, 'string')} ` +
    `AND rollup = ${params.add(shape.key, 'string')} ` +
    `AND day >= ${params.add(days.from, 'integer')} AND day < ${params.add(days.to, 'integer')}`;
  const rows = await store.selectRows(sql, params.values);
  return new Set(rows.map(([day]) => Number(day)));
}

/** Computes and stores the days of `days` not rolled up yet (one span, first to last missing). */
async function fillMissingDays(
  store: EventStore,
  fillRollup: NonNullable<EventStore['fillRollup']>,
  query: StatsQuery,
  shape: RollupShape,
  days: Span,
): Promise<void> {
  const known = await rolledUpDays(store, query, shape, days);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let day = days.from; day < days.to; day += DAY_MS) {
    if (known.has(day)) continue;
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (first > last) return;
  const span = { from: first, to: last + DAY_MS };
  await fillRollup({
    siteId: query.siteId,
    rollup: shape.key,
    fromDay: span.from,
    toDay: span.to,
    rows: fillSql(query, shape, span, dialectFor(store)),
  });
}

/**
 * Answers `query` as `runStatsQuery` does, from daily rollups where the store keeps them: whole
 * past days are computed once (then again only after a load adds events to them) and summed;
 * the rest of the range (part days, today) is read from the events in the same statement.
 * Ranges without a whole past day, hourly buckets, generations and stores without rollups read
 * the events.
 */
export async function runRolledUpQuery(
  store: EventStore,
  query: StatsQuery,
  now: number,
): Promise<StatsRow[]> {
  const plan = planRollup(query.from, query.to, now);
  const fillRollup = store.fillRollup?.bind(store);
  if (!plan || !fillRollup || query.interval === 'hour' || !canRollUp(query)) {
    return runStatsQuery(store, query);
  }
  const shape = rollupShape(query);
  const underWay = fillsUnderWay.get(store) ?? new Map<string, Promise<void>>();
  fillsUnderWay.set(store, underWay);
  const id = `${query.siteId}\u0000${shape.key}\u0000${plan.days.from}\u0000${plan.days.to}`;
  let fill = underWay.get(id);
  if (!fill) {
    fill = fillMissingDays(store, fillRollup, query, shape, plan.days).finally(() =>
      underWay.delete(id),
    );
    underWay.set(id, fill);
  }
  await fill;
  const { sql, params } = readSql(query, shape, plan, dialectFor(store));
  return toStatsRows(await store.selectRows(sql, params), statsColumns(query));
}
