import { parseStatsQuery } from '../query-spec.ts';
import { runStatsQuery } from '../run-stats-query.ts';
import type { PanelContext } from './panel-context.ts';
import type { RealtimePanel } from './panel-types.ts';

const WINDOW_MS = 5 * 60_000;

/** Visitors seen in the last five minutes, and the pages they are on. */
export async function realtimePanel(context: PanelContext): Promise<RealtimePanel> {
  const query = (dimensions: 'page'[]) =>
    runStatsQuery(
      context.store,
      parseStatsQuery({
        siteId: context.siteId,
        metrics: ['active_visitors'],
        dimensions,
        filters: context.filters,
        from: context.now - WINDOW_MS,
        to: context.now + 1,
        limit: 10,
      }),
    );
  const [[total], pages] = await Promise.all([query([]), query(['page'])]);
  return {
    visitors: total?.active_visitors ?? 0,
    pages: pages.map((row) => ({ page: row.page ?? '', visitors: row.active_visitors ?? 0 })),
  };
}
