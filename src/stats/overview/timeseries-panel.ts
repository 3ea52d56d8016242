import { bucketStarts, intervalFor, type PanelContext, toSeries } from './panel-context.ts';
import type { TimeseriesPanel } from './panel-types.ts';
import { runPanelQuery } from './run-panel-query.ts';

/** Visitors per bucket, one series per traffic class (the chart stacks them). */
export async function timeseriesPanel(context: PanelContext): Promise<TimeseriesPanel> {
  const { siteId, from, to, filters } = context;
  const interval = intervalFor(from, to);
  const rows = await runPanelQuery(context, {
    siteId,
    metrics: ['visitors'],
    dimensions: ['class'],
    filters,
    from,
    to,
    interval,
    limit: 1000,
  });
  const buckets = bucketStarts(from, to, interval);
  const series = toSeries(
    buckets,
    rows.map((row) => ({
      key: row.class ?? '',
      bucket: row.bucket ?? 0,
      value: row.visitors ?? 0,
    })),
  );
  return { interval, buckets, series };
}
