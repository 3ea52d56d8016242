import type { CascadesPanel, CascadeTreeResponse } from '../../server/api-types.ts';
import { csvFileName, downloadCsv, toCsv } from '../csv.ts';
import { dataTable } from '../data-table.ts';
import { el, replace } from '../dom.ts';
import { formatNumber } from '../format.ts';
import { loadPanel, type OverviewContext } from '../overview-context.ts';
import { panelFrame } from '../panel-frame.ts';
import { cascadeTree } from './cascade-tree.ts';

type Row = CascadesPanel['rows'][number];

/** Per page: shares, previews, clicks, k-factor, depth; "Show tree" opens one page's spread. */
export function renderCascadesPanel(ctx: OverviewContext): HTMLElement {
  const frame = panelFrame('cascades', 'How pages spread (share cascades)', true);
  const treeArea = el('div', { class: 'tree-area', attrs: { 'aria-live': 'polite' } });

  const openTree = (token: string, page: string, focus = true) => {
    ctx.showCascade(token);
    replace(treeArea, el('p', { class: 'loading', text: 'Loading the cascade…' }));
    ctx.api
      .get<CascadeTreeResponse>(
        `${ctx.api.sitePath(ctx.domain)}/cascades/${encodeURIComponent(token)}`,
      )
      .then(
        (tree) => {
          if (!ctx.isCurrent()) return;
          const heading = el('h3', {
            text: page ? `Cascade of ${page}` : 'Cascade',
            attrs: { tabindex: '-1' },
          });
          replace(treeArea, heading, cascadeTree(tree));
          if (focus) heading.focus();
        },
        (error: unknown) => {
          if (ctx.isCurrent()) {
            replace(
              treeArea,
              el('p', {
                class: 'error',
                attrs: { role: 'alert' },
                text: `Could not load the cascade: ${error instanceof Error ? error.message : String(error)}`,
              }),
            );
          }
        },
      );
  };

  loadPanel<CascadesPanel>(
    ctx,
    'cascades',
    (panel) => {
      const rows = [...panel.rows].sort((a, b) => b.shares - a.shares || b.clicks - a.clicks);
      const table = dataTable<Row>(
        'Share cascades per page',
        [
          {
            label: 'Page',
            cell: (row) =>
              el('button', {
                class: 'row-filter',
                text: row.page || '(none)',
                attrs: {
                  type: 'button',
                  title: `Filter by page ${row.page}`,
                  'data-key': `filter-cascades-${row.page}`,
                },
                on: {
                  click: () => ctx.addFilter({ dimension: 'page', op: 'is', value: row.page }),
                },
              }),
          },
          { label: 'Shares', numeric: true, cell: (row) => formatNumber(row.shares) },
          { label: 'Previews', numeric: true, cell: (row) => formatNumber(row.previews) },
          { label: 'Clicks', numeric: true, cell: (row) => formatNumber(row.clicks) },
          { label: 'k-factor', numeric: true, cell: (row) => row.kFactor.toFixed(2) },
          { label: 'Depth', numeric: true, cell: (row) => row.maxDepth },
          { label: 'Breadth', numeric: true, cell: (row) => row.maxBreadth },
          {
            label: 'Tree',
            cell: (row) => {
              const token = row.rootToken;
              return token
                ? el('button', {
                    class: 'button small',
                    text: 'Show tree',
                    attrs: {
                      type: 'button',
                      'aria-label': `Show the cascade tree of ${row.page}`,
                      'data-key': `tree-${row.page}`,
                    },
                    on: { click: () => openTree(token, row.page) },
                  })
                : '–';
            },
          },
        ],
        rows.slice(0, 10),
      );
      frame.show(
        rows.length === 0 ? el('p', { class: 'empty', text: 'No shares in this period.' }) : table,
        treeArea,
      );
      frame.exportWith(() =>
        downloadCsv(
          csvFileName(ctx.siteLabel, 'cascades', ctx.params.from, ctx.params.to),
          toCsv(
            [
              'page',
              'shares',
              'previews',
              'clicks',
              'sharers',
              'k_factor',
              'max_depth',
              'max_breadth',
              'root_token',
            ],
            rows.map((r) => [
              r.page,
              r.shares,
              r.previews,
              r.clicks,
              r.sharers,
              r.kFactor,
              r.maxDepth,
              r.maxBreadth,
              r.rootToken ?? '',
            ]),
          ),
        ),
      );
      if (ctx.query.cascade) {
        const row = rows.find((r) => r.rootToken === ctx.query.cascade);
        openTree(ctx.query.cascade, row?.page ?? '', false);
      }
    },
    (message) => frame.failed(message),
  );
  return frame.section;
}
