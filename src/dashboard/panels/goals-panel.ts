import type { GoalsPanel } from '../../server/api-types.ts';
import { classLabel } from '../classes.ts';
import { csvFileName, downloadCsv, toCsv } from '../csv.ts';
import { dataTable } from '../data-table.ts';
import { el } from '../dom.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { loadPanel, type OverviewContext } from '../overview-context.ts';
import { panelFrame } from '../panel-frame.ts';

type Row = GoalsPanel['rows'][number];

const rateOf = (row: Row, name: string) => row.byClass.find((c) => c.class === name);

/** Conversion per goal, and per class: "dark social converts at X% vs Y% for search". */
export function renderGoalsPanel(ctx: OverviewContext): HTMLElement {
  const frame = panelFrame('goals', 'Goals: conversion by class', true);
  loadPanel<GoalsPanel>(
    ctx,
    'goals',
    (panel) => {
      const rows = panel.rows;
      if (rows.length === 0) {
        frame.show(
          el('p', {
            class: 'empty',
            text: 'No goals yet. Add one in the site settings to see what each channel converts.',
          }),
        );
        frame.exportWith(null);
        return;
      }
      const lead = rows.find((row) => rateOf(row, 'dark_social')) ?? rows[0]!;
      const dark = rateOf(lead, 'dark_social');
      const search = rateOf(lead, 'search');
      const sentence = el(
        'p',
        { class: 'headline-sentence small', attrs: { 'data-testid': 'goal-sentence' } },
        `“${lead.goal.name}”: dark social converts at `,
        el('strong', { class: 'accent', text: formatPercent(dark?.rate ?? 0) }),
        search ? ' vs ' : '',
        search ? el('strong', { text: formatPercent(search.rate) }) : '',
        search ? ' for search.' : ` (${formatPercent(lead.rate)} overall).`,
      );
      const table = dataTable<Row>(
        'Goal conversions',
        [
          { label: 'Goal', cell: (row) => row.goal.name },
          { label: 'Conversions', numeric: true, cell: (row) => formatNumber(row.conversions) },
          { label: 'Rate', numeric: true, cell: (row) => formatPercent(row.rate) },
          {
            label: 'Dark social',
            numeric: true,
            cell: (row) => formatPercent(rateOf(row, 'dark_social')?.rate ?? 0),
          },
          {
            label: 'Search',
            numeric: true,
            cell: (row) => formatPercent(rateOf(row, 'search')?.rate ?? 0),
          },
          {
            label: 'Social',
            numeric: true,
            cell: (row) => formatPercent(rateOf(row, 'social')?.rate ?? 0),
          },
          {
            label: 'Direct',
            numeric: true,
            cell: (row) => formatPercent(rateOf(row, 'direct')?.rate ?? 0),
          },
          { label: 'Revenue', numeric: true, cell: (row) => formatNumber(row.revenue) },
        ],
        rows,
      );
      frame.show(sentence, table);
      frame.exportWith(() =>
        downloadCsv(
          csvFileName(ctx.siteLabel, 'goals', ctx.params.from, ctx.params.to),
          toCsv(
            ['goal', 'kind', 'value', 'class', 'visits', 'conversions', 'rate'],
            rows.flatMap((row) => [
              [
                row.goal.name,
                row.goal.kind,
                row.goal.value,
                'all',
                null,
                row.conversions,
                row.rate,
              ],
              ...row.byClass.map((c) => [
                row.goal.name,
                row.goal.kind,
                row.goal.value,
                classLabel(c.class),
                c.visits,
                c.conversions,
                c.rate,
              ]),
            ]),
          ),
        ),
      );
    },
    (message) => frame.failed(message),
  );
  return frame.section;
}
