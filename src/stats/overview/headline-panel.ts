import { parseStatsQuery, type StatsFilter } from '../query-spec.ts';
import { runStatsQuery } from '../run-stats-query.ts';
import type { PanelContext } from './panel-context.ts';
import type { HeadlinePanel, Totals } from './panel-types.ts';

const TOTALS = [
  'visitors',
  'visits',
  'pageviews',
  'bounce_rate',
  'visit_duration',
  'shares',
  'previews',
  'clicks',
] as const;

async function totals(
  context: PanelContext,
  from: number,
  to: number,
  filters: StatsFilter[] = context.filters,
): Promise<Totals> {
  const [row] = await runStatsQuery(
    context.store,
    parseStatsQuery({ siteId: context.siteId, metrics: [...TOTALS], filters, from, to }),
  );
  const value = (metric: (typeof TOTALS)[number]) => row?.[metric] ?? 0;
  return Object.fromEntries(TOTALS.map((metric) => [metric, value(metric)])) as unknown as Totals;
}

/**
 * The headline numbers and the question the product exists to answer: of the visits GA4 would
 * file under "Direct", how many are really private sharing, and how many of those with proof.
 */
export async function headlinePanel(context: PanelContext): Promise<HeadlinePanel> {
  const { store, siteId, from, to, filters } = context;
  const byClass = runStatsQuery(
    store,
    parseStatsQuery({
      siteId,
      metrics: ['visits'],
      dimensions: ['ga4', 'class'],
      filters,
      from,
      to,
      limit: 1000,
    }),
  );
  const confirmed = runStatsQuery(
    store,
    parseStatsQuery({
      siteId,
      metrics: ['visits'],
      dimensions: ['confidence'],
      filters: [
        ...filters,
        { dimension: 'ga4', op: 'is', value: 'Direct' },
        { dimension: 'class', op: 'is', value: 'dark_social' },
      ],
      from,
      to,
    }),
  );
  const span = to - from;
  const [current, previous, rows, confidence] = await Promise.all([
    totals(context, from, to),
    context.compare ? totals(context, from - span, from) : Promise.resolve(null),
    byClass,
    confirmed,
  ]);
  const sum = (predicate: (row: (typeof rows)[number]) => boolean) =>
    rows.filter(predicate).reduce((total, row) => total + (row.visits ?? 0), 0);
  const direct = sum((row) => row.ga4 === 'Direct');
  const darkOfDirect = sum((row) => row.ga4 === 'Direct' && row.class === 'dark_social');
  const allVisits = sum(() => true);
  const confirmedVisits = confidence.find((row) => row.confidence === 'confirmed')?.visits ?? 0;
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  return {
    totals: current,
    previous,
    ga4DirectVisits: direct,
    darkShareOfDirect: ratio(darkOfDirect, direct),
    confirmedShareOfDirect: ratio(confirmedVisits, direct),
    darkShare: ratio(
      sum((row) => row.class === 'dark_social'),
      allVisits,
    ),
  };
}
