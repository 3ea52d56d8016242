import type { Dimension } from '../query-spec.ts';
import type { StatsRow } from '../run-stats-query.ts';
import type { PanelContext } from './panel-context.ts';
import type { TablePanel, TableRow } from './panel-types.ts';
import { runPanelQuery } from './run-panel-query.ts';

const METRICS = ['visitors', 'visits', 'pageviews', 'shares'] as const;
const TABLE_LIMIT = 50;

const toRow = (key: string, row: StatsRow, darkShare: number, group?: string): TableRow => ({
  key,
  ...(group === undefined ? {} : { group }),
  visitors: row.visitors ?? 0,
  visits: row.visits ?? 0,
  pageviews: row.pageviews ?? 0,
  shares: row.shares ?? 0,
  darkShare,
});

/** Channels: one row per (class, channel); a row is dark social or it is not. */
export async function channelsPanel(context: PanelContext): Promise<TablePanel> {
  const rows = await runPanelQuery(context, {
    siteId: context.siteId,
    metrics: [...METRICS],
    dimensions: ['class', 'channel'],
    filters: context.filters,
    from: context.from,
    to: context.to,
    limit: TABLE_LIMIT,
  });
  return {
    dimension: 'channel',
    rows: rows.map((row) =>
      toRow(row.channel ?? '', row, row.class === 'dark_social' ? 1 : 0, row.class ?? ''),
    ),
  };
}

/**
 * One row per value of `dimension` (pages, referrers, campaigns…), with the share of its visits
 * that entered through dark social.
 */
export async function dimensionPanel(
  context: PanelContext,
  dimension: Dimension,
): Promise<TablePanel> {
  const rows = await runPanelQuery(context, {
    siteId: context.siteId,
    metrics: [...METRICS, 'dark_visits'],
    dimensions: [dimension],
    filters: context.filters,
    from: context.from,
    to: context.to,
    limit: TABLE_LIMIT,
  });
  return {
    dimension,
    rows: rows.map((row) => {
      const visits = row.visits ?? 0;
      return toRow(row[dimension] ?? '', row, visits > 0 ? (row.dark_visits ?? 0) / visits : 0);
    }),
  };
}
