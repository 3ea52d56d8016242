import type { TablePanel, TableRow } from '../../server/api-types.ts';
import { classLabel, dimensionLabel } from '../classes.ts';
import { csvFileName, downloadCsv, toCsv } from '../csv.ts';
import { type Column, dataTable, shareBar } from '../data-table.ts';
import { el } from '../dom.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { loadPanel, type OverviewContext } from '../overview-context.ts';
import { panelFrame } from '../panel-frame.ts';

export interface TablePanelSpec {
  /** Panel name in the API: channels, pages, referrers, utm_campaigns, devices. */
  name: string;
  title: string;
  /** Pages: "top pages by dark share" — sort by dark share, then visitors. */
  byDarkShare?: boolean;
  limit?: number;
}

/**
 * One breakdown table; clicking (or pressing Enter on) a row's name filters the whole overview
 * by it. The dark-social share of every row is shown as a bar.
 */
export function renderTablePanel(ctx: OverviewContext, spec: TablePanelSpec): HTMLElement {
  const frame = panelFrame(spec.name, spec.title);
  loadPanel<TablePanel>(
    ctx,
    spec.name,
    (panel) => {
      const rows = [...panel.rows];
      if (spec.byDarkShare) {
        // A page seen by one visitor is not "100% dark" news: pages with enough visitors first.
        const enough = Math.max(2, 0.02 * Math.max(0, ...rows.map((row) => row.visitors)));
        const rank = (row: TableRow) => (row.visitors >= enough ? 1 : 0);
        rows.sort(
          (a, b) => rank(b) - rank(a) || b.darkShare - a.darkShare || b.visitors - a.visitors,
        );
      }
      const shown = rows.slice(0, spec.limit ?? 10);
      const label = dimensionLabel(panel.dimension);
      const hasGroup = rows.some((row) => row.group);
      const columns: Column<TableRow>[] = [
        {
          label,
          cell: (row) =>
            el(
              'button',
              {
                class: 'row-filter',
                attrs: {
                  type: 'button',
                  title: `Filter by ${label.toLowerCase()} ${row.key || '(none)'}`,
                  'data-key': `filter-${spec.name}-${row.group ?? ''}-${row.key}`,
                },
                on: {
                  // A channel name can sit in two classes (google: search and paid).
                  click: () =>
                    ctx.addFilter(
                      ...(row.group && panel.dimension === 'channel'
                        ? [{ dimension: 'class', op: 'is' as const, value: row.group }]
                        : []),
                      { dimension: panel.dimension, op: 'is', value: row.key },
                    ),
                },
              },
              row.key || '(none)',
            ),
        },
      ];
      if (hasGroup) {
        columns.push({ label: 'Class', cell: (row) => (row.group ? classLabel(row.group) : '') });
      }
      columns.push(
        { label: 'Visitors', numeric: true, cell: (row) => formatNumber(row.visitors) },
        {
          label: spec.name === 'pages' ? 'Pageviews' : 'Visits',
          numeric: true,
          cell: (row) => formatNumber(spec.name === 'pages' ? row.pageviews : row.visits),
        },
        { label: 'Shares', numeric: true, cell: (row) => formatNumber(row.shares) },
        {
          label: 'Dark share',
          numeric: true,
          cell: (row) =>
            el(
              'span',
              { class: 'dark-share' },
              shareBar(row.darkShare),
              formatPercent(row.darkShare),
            ),
        },
      );
      frame.show(
        shown.length === 0
          ? el('p', { class: 'empty', text: 'No data for this period.' })
          : dataTable(spec.title, columns, shown),
        el(
          'p',
          { class: 'more' },
          rows.length > shown.length
            ? `Top ${shown.length} of ${rows.length}; the CSV has all. `
            : '',
          el('a', {
            text: 'Server CSV',
            attrs: {
              href: ctx.api.panelUrl(ctx.domain, `${spec.name}.csv`, ctx.params),
              download: '',
              'aria-label': `${spec.title} as CSV from the server`,
            },
          }),
        ),
      );
      frame.exportWith(() =>
        downloadCsv(
          csvFileName(ctx.siteLabel, spec.name, ctx.params.from, ctx.params.to),
          toCsv(
            [panel.dimension, 'group', 'visitors', 'visits', 'pageviews', 'shares', 'dark_share'],
            rows.map((row) => [
              row.key,
              row.group ?? '',
              row.visitors,
              row.visits,
              row.pageviews,
              row.shares,
              row.darkShare,
            ]),
          ),
        ),
      );
    },
    (message) => frame.failed(message),
  );
  return frame.section;
}
