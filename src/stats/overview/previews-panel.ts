import { dialectFor } from '../run-stats-query.ts';
import { bucketStarts, intervalFor, type PanelContext, toSeries } from './panel-context.ts';
import type { PreviewsPanel } from './panel-types.ts';
import { runPanelQuery } from './run-panel-query.ts';
import { previewPairsSql } from './share-queries.ts';

/** Latency is judged on the most recent rows: a bounded read, representative of now. */
const PAIR_SAMPLE = 20_000;
/** A share arrival more than a day after the preview is not that preview's click. */
const PAIR_WINDOW_MS = 86_400_000;

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Pairs each preview (the link was pasted into a chat) with the first share arrival on the same
 * page through the same channel within a day, each arrival used once.
 */
function pairPreviews(rows: (string | number | null)[][]) {
  const arrivals = new Map<string, number[]>();
  const previews: { key: string; ts: number }[] = [];
  for (const [name, path, channel, ts] of [...rows].reverse()) {
    const key = `${path}\u0000${channel}`;
    if (name === 'preview') previews.push({ key, ts: Number(ts) });
    else arrivals.set(key, [...(arrivals.get(key) ?? []), Number(ts)]);
  }
  const minutes: number[] = [];
  for (const preview of previews) {
    const queue = arrivals.get(preview.key);
    const index = queue?.findIndex((ts) => ts >= preview.ts) ?? -1;
    if (!queue || index < 0 || queue[index]! - preview.ts > PAIR_WINDOW_MS) continue;
    minutes.push((queue[index]! - preview.ts) / 60_000);
    queue.splice(index, 1);
  }
  return { previews: previews.length, minutes };
}

/** Link-preview fetches over time by channel, and how often and how fast they became visits. */
export async function previewsPanel(context: PanelContext): Promise<PreviewsPanel> {
  const { store, siteId, from, to, filters } = context;
  const interval = intervalFor(from, to);
  const pairsQuery = previewPairsSql(dialectFor(store), { siteId, from, to }, PAIR_SAMPLE);
  const [rows, pairRows] = await Promise.all([
    runPanelQuery(context, {
      siteId,
      metrics: ['previews'],
      dimensions: ['channel'],
      filters,
      from,
      to,
      interval,
      limit: 1000,
    }),
    store.selectRows(pairsQuery.sql, pairsQuery.params),
  ]);
  const buckets = bucketStarts(from, to, interval);
  const pairs = pairPreviews(pairRows);
  return {
    interval,
    buckets,
    series: toSeries(
      buckets,
      rows.map((row) => ({
        key: row.channel ?? '',
        bucket: row.bucket ?? 0,
        value: row.previews ?? 0,
      })),
    ),
    previewToClick: pairs.previews > 0 ? pairs.minutes.length / pairs.previews : 0,
    medianMinutesToClick: median(pairs.minutes),
  };
}
