import type { PreviewsPanel, TimeseriesPanel } from '../../server/api-types.ts';
import { VISIT_CLASSES } from '../classes.ts';
import { csvFileName, downloadCsv, toCsv } from '../csv.ts';
import { el } from '../dom.ts';
import { formatMinutes, formatPercent } from '../format.ts';
import { loadPanel, type OverviewContext } from '../overview-context.ts';
import { panelFrame } from '../panel-frame.ts';
import { stackedChart } from '../stacked-chart.ts';

type Series = Record<string, number[]>;

/** Known classes first in taxonomy order (dark social at the bottom), then any others. */
function ordered(series: Series, known: readonly string[]): { name: string; values: number[] }[] {
  const names = Object.keys(series);
  const rank = (name: string) => {
    const index = known.indexOf(name);
    return index < 0 ? known.length : index;
  };
  return names
    .filter((name) => name !== 'preview' && name !== 'bot')
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => ({ name, values: series[name] ?? [] }));
}

function seriesCsv(buckets: number[], series: { name: string; values: number[] }[]): string {
  return toCsv(
    ['bucket', ...series.map((s) => s.name)],
    buckets.map((bucket, i) => [
      new Date(bucket).toISOString(),
      ...series.map((s) => s.values[i] ?? 0),
    ]),
  );
}

/** Visitors over time stacked by class, dark social split out at the bottom in the accent. */
export function renderTimeseriesPanel(ctx: OverviewContext): HTMLElement {
  const frame = panelFrame('timeseries', 'Visitors by traffic class', true);
  loadPanel<TimeseriesPanel>(
    ctx,
    'timeseries',
    (panel) => {
      const series = ordered(panel.series, VISIT_CLASSES);
      frame.show(
        stackedChart({
          label: 'Visitors by class',
          interval: panel.interval,
          buckets: panel.buckets,
          series,
          highlight: 'dark_social',
          onPick: (name) => ctx.addFilter({ dimension: 'class', op: 'is', value: name }),
        }),
      );
      frame.exportWith(() =>
        downloadCsv(
          csvFileName(ctx.siteLabel, 'timeseries', ctx.params.from, ctx.params.to),
          seriesCsv(panel.buckets, series),
        ),
      );
    },
    (message) => frame.failed(message),
  );
  return frame.section;
}

/** Link-preview fetches over time by app: each is a link just pasted into a chat. */
export function renderPreviewsPanel(ctx: OverviewContext): HTMLElement {
  const frame = panelFrame('previews', 'Link previews (links pasted into chats)', true);
  loadPanel<PreviewsPanel>(
    ctx,
    'previews',
    (panel) => {
      const series = ordered(panel.series, []).sort(
        (a, b) => b.values.reduce((x, y) => x + y, 0) - a.values.reduce((x, y) => x + y, 0),
      );
      const total = series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);
      frame.show(
        total === 0
          ? el('p', { class: 'empty', text: 'No link previews in this period.' })
          : stackedChart({
              label: 'Link previews by app',
              interval: panel.interval,
              buckets: panel.buckets,
              series,
              onPick: (name) => ctx.addFilter({ dimension: 'channel', op: 'is', value: name }),
            }),
        el(
          'p',
          { class: 'panel-note' },
          el('strong', { text: formatPercent(panel.previewToClick) }),
          ' of previews were followed by a click on the same page',
          panel.medianMinutesToClick === null
            ? '.'
            : `, after ${formatMinutes(panel.medianMinutesToClick * 60_000)} (median).`,
        ),
      );
      frame.exportWith(() =>
        downloadCsv(
          csvFileName(ctx.siteLabel, 'previews', ctx.params.from, ctx.params.to),
          seriesCsv(panel.buckets, series),
        ),
      );
    },
    (message) => frame.failed(message),
  );
  return frame.section;
}
