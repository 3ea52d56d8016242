import { classLabel, seriesColourClass } from './classes.ts';
import { dataTable } from './data-table.ts';
import { el, svg } from './dom.ts';
import { formatBucket, formatNumber } from './format.ts';

export interface StackedChartInput {
  label: string;
  interval: string;
  buckets: number[];
  /** Series in stacking order, bottom first. */
  series: { name: string; values: number[] }[];
  /** Series drawn with the accent (dark social). */
  highlight?: string;
  /** Legend entries become buttons when given (e.g. filter by class). */
  onPick?: (name: string) => void;
}

const WIDTH = 600;
const HEIGHT = 180;

/**
 * Stacked bars in SVG built with createElementNS: one bar per bucket, each series a segment
 * with a `<title>` (the hover text), an `aria-label` summary, and an HTML legend.
 */
export function stackedChart(input: StackedChartInput): HTMLElement {
  const { buckets, series } = input;
  const totals = buckets.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = WIDTH / Math.max(1, buckets.length);
  const barWidth = Math.max(1, slot * 0.78);
  const chart = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': `${input.label}: ${formatNumber(totals.reduce((a, b) => a + b, 0))} in total over ${buckets.length} ${input.interval}s`,
  });
  for (const line of [0.25, 0.5, 0.75]) {
    chart.appendChild(
      svg('line', { class: 'grid', x1: 0, x2: WIDTH, y1: HEIGHT * line, y2: HEIGHT * line }),
    );
  }
  buckets.forEach((bucket, i) => {
    let y = HEIGHT;
    const group = svg('g', { class: 'bar' });
    series.forEach((s, index) => {
      const value = s.values[i] ?? 0;
      if (value <= 0) return;
      const h = (value / max) * (HEIGHT - 4);
      y -= h;
      const colour = seriesColourClass(s.name, index);
      const rect = svg(
        'rect',
        {
          class: s.name === input.highlight ? `${colour} highlight` : colour,
          x: (i * slot + (slot - barWidth) / 2).toFixed(2),
          y: y.toFixed(2),
          width: barWidth.toFixed(2),
          height: h.toFixed(2),
        },
        svg(
          'title',
          {},
          `${formatBucket(bucket, input.interval)} · ${classLabel(s.name)}: ${formatNumber(value)}`,
        ),
      );
      group.appendChild(rect);
    });
    chart.appendChild(group);
  });
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const axis = el(
    'div',
    { class: 'axis', attrs: { 'aria-hidden': 'true' } },
    el('span', { text: first === undefined ? '' : formatBucket(first, input.interval) }),
    el('span', { text: `max ${formatNumber(max)}` }),
    el('span', { text: last === undefined ? '' : formatBucket(last, input.interval) }),
  );
  const legend = el(
    'ul',
    { class: 'legend', attrs: { 'aria-label': 'Legend' } },
    ...series.map((s, index) => {
      const total = s.values.reduce((a, b) => a + b, 0);
      const swatch = svg(
        'svg',
        { class: 'swatch', viewBox: '0 0 10 10', 'aria-hidden': 'true' },
        svg('rect', { class: seriesColourClass(s.name, index), width: 10, height: 10, rx: 2 }),
      );
      const text = `${classLabel(s.name)} ${formatNumber(total)}`;
      const pick = input.onPick;
      const content = pick
        ? el(
            'button',
            {
              class: 'legend-button',
              attrs: {
                type: 'button',
                title: `Filter by ${classLabel(s.name)}`,
                'data-key': `legend-${s.name}`,
              },
              on: { click: () => pick(s.name) },
            },
            swatch,
            text,
          )
        : el('span', {}, swatch, text);
      return el('li', { class: s.name === input.highlight ? 'highlight' : '' }, content);
    }),
  );
  // The numbers behind the bars, for screen readers and anyone who wants them exact.
  const table = el(
    'details',
    { class: 'chart-data' },
    el('summary', { text: 'Show the numbers' }),
    dataTable<number>(
      input.label,
      [
        { label: input.interval, cell: (i) => formatBucket(buckets[i] ?? 0, input.interval) },
        ...series.map((s) => ({
          label: classLabel(s.name),
          numeric: true,
          cell: (i: number) => formatNumber(s.values[i] ?? 0),
        })),
      ],
      buckets.map((_, i) => i),
    ),
  );
  return el('figure', { class: 'chart-figure' }, chart, axis, legend, table);
}
