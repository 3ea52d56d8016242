import { TOTAL_METRICS } from '../query-spec.ts';
import type { PanelContext } from './panel-context.ts';
import type { HeadlinePanel, Totals } from './panel-types.ts';
import { runPanelQuery } from './run-panel-query.ts';

const TOTALS = TOTAL_METRICS;

async function totals(
  context: PanelContext,
  from: number,
  to: number,
): Promise<{ totals: Totals; darkVisits: number }> {
  const [row] = await runPanelQuery(context, {
    siteId: context.siteId,
    metrics: [...TOTALS, 'dark_visits'],
    filters: context.filters,
    from,
    to,
  });
  const value = (metric: (typeof TOTALS)[number]) => row?.[metric] ?? 0;
  const totals = Object.fromEntries(TOTALS.map((metric) => [metric, value(metric)]));
  // Every key of Totals was set above from TOTALS.
  return { totals: totals as unknown as Totals, darkVisits: row?.dark_visits ?? 0 };
}

/**
 * The headline numbers and the question the product exists to answer: of the visits GA4 would
 * file under "Direct", how many are really private sharing, and how many of those with proof.
 */
export async function headlinePanel(context: PanelContext): Promise<HeadlinePanel> {
  const { siteId, from, to, filters } = context;
  // What GA4 calls Direct, split by Penumbra's class and confidence: one small grouped query.
  const direct = runPanelQuery(context, {
    siteId,
    metrics: ['visits'],
    dimensions: ['class', 'confidence'],
    filters: [...filters, { dimension: 'ga4', op: 'is', value: 'Direct' }],
    from,
    to,
    limit: 1000,
  });
  const span = to - from;
  const [current, previous, rows] = await Promise.all([
    totals(context, from, to),
    context.compare ? totals(context, from - span, from) : Promise.resolve(null),
    direct,
  ]);
  const sum = (predicate: (row: (typeof rows)[number]) => boolean) =>
    rows.filter(predicate).reduce((total, row) => total + (row.visits ?? 0), 0);
  const directVisits = sum(() => true);
  const dark = (row: (typeof rows)[number]) => row.class === 'dark_social';
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  return {
    totals: current.totals,
    previous: previous?.totals ?? null,
    ga4DirectVisits: directVisits,
    darkShareOfDirect: ratio(sum(dark), directVisits),
    confirmedShareOfDirect: ratio(
      sum((row) => dark(row) && row.confidence === 'confirmed'),
      directVisits,
    ),
    darkShare: ratio(current.darkVisits, current.totals.visits),
  };
}
