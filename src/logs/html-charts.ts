/**
 * Inline SVG charts for the HTML report: no script, no external file, so the report opens
 * offline and under a strict Content-Security-Policy. Hovering a time bucket shows its
 * numbers through SVG <title> tooltips. Callers pass escaped labels and safe colours only.
 */

export interface Series {
  /** Escaped display name. */
  name: string;
  color: string;
  values: number[];
}

const WIDTH = 960;
const HEIGHT = 260;
const LEFT = 48;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 26;
const PLOT_W = WIDTH - LEFT - RIGHT;
const PLOT_H = HEIGHT - TOP - BOTTOM;
const MAX_TICKS = 7;

const int = (n: number): string => n.toLocaleString('en-US');
const fixed = (n: number): string => (Math.round(n * 10) / 10).toString();

function svgOpen(label: string): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}">`;
}

function xTicks(labels: readonly string[], xOf: (i: number) => number): string {
  const n = labels.length;
  const step = Math.max(1, Math.ceil(n / MAX_TICKS));
  let out = '';
  for (let i = 0; i < n; i += step) {
    const x = xOf(i);
    // Labels near the right edge are right-aligned so they stay inside the chart.
    const anchor = x > WIDTH - 40 ? 'end' : 'middle';
    out += `<text class="tick" x="${fixed(x)}" y="${HEIGHT - 8}" text-anchor="${anchor}">${labels[i]}</text>`;
  }
  return out;
}

function yGrid(
  values: readonly number[],
  format: (v: number) => string,
  yOf: (v: number) => number,
): string {
  return values
    .map((v) => {
      const y = fixed(yOf(v));
      return `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/><text class="tick" x="${LEFT - 6}" y="${y}" dy="4" text-anchor="end">${format(v)}</text>`;
    })
    .join('');
}

/** One invisible column per bucket carrying the tooltip. */
function hoverZones(
  labels: readonly string[],
  series: readonly Series[],
  xOf: (i: number) => number,
  width: number,
): string {
  return labels
    .map((label, i) => {
      const total = series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
      const rows = series
        .filter((s) => (s.values[i] ?? 0) > 0)
        .map((s) => {
          const v = s.values[i] ?? 0;
          return `\n${s.name}: ${int(v)} (${total > 0 ? Math.round((v / total) * 100) : 0}%)`;
        })
        .join('');
      const x = fixed(xOf(i) - width / 2);
      return `<rect class="zone" x="${x}" y="${TOP}" width="${fixed(width)}" height="${PLOT_H}"><title>${label} · ${int(total)}${rows}</title></rect>`;
    })
    .join('');
}

/**
 * Share of each series per bucket, stacked to 100 % (areas; columns for fewer than three
 * buckets). The first series sits at the bottom, where the eye reads it best.
 */
export function stackedShareChart(
  label: string,
  labels: readonly string[],
  series: readonly Series[],
): string {
  const n = labels.length;
  if (n === 0) return '<p class="empty">No visits in this period.</p>';
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const yOf = (share: number): number => TOP + PLOT_H * (1 - share);
  const columns = n < 3;
  const step = PLOT_W / n;
  const xOf = (i: number): number =>
    columns ? LEFT + step * (i + 0.5) : LEFT + (i * PLOT_W) / (n - 1);
  const lower = new Array<number>(n).fill(0);
  let shapes = '';
  for (const s of series) {
    const upper = lower.map(
      (low, i) => low + ((totals[i] ?? 0) > 0 ? (s.values[i] ?? 0) / (totals[i] as number) : 0),
    );
    if (columns) {
      shapes += upper
        .map((up, i) => {
          const height = PLOT_H * (up - (lower[i] as number));
          return `<rect x="${fixed(xOf(i) - step * 0.35)}" y="${fixed(yOf(up))}" width="${fixed(step * 0.7)}" height="${fixed(height)}" fill="${s.color}"/>`;
        })
        .join('');
    } else {
      const top = upper.map((up, i) => `${fixed(xOf(i))},${fixed(yOf(up))}`);
      const bottom = lower.map((low, i) => `${fixed(xOf(i))},${fixed(yOf(low))}`).reverse();
      shapes += `<path d="M${top.join('L')}L${bottom.join('L')}Z" fill="${s.color}"/>`;
    }
    upper.forEach((up, i) => {
      lower[i] = up;
    });
  }
  const grid = yGrid([0, 0.25, 0.5, 0.75, 1], (v) => `${v * 100}%`, yOf);
  const zoneWidth = columns ? step : PLOT_W / Math.max(1, n - 1);
  return `${svgOpen(label)}${shapes}${grid}${xTicks(labels, xOf)}${hoverZones(labels, series, xOf, zoneWidth)}</svg>`;
}

/** A round upper bound for an axis: 1, 2, 5 × 10^k. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const mantissa = value / power;
  const nice = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
  return nice * power;
}

/** Counts per bucket as stacked columns. */
export function stackedColumnChart(
  label: string,
  labels: readonly string[],
  series: readonly Series[],
): string {
  const n = labels.length;
  if (n === 0) return '<p class="empty">Nothing in this period.</p>';
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(...totals));
  const yOf = (v: number): number => TOP + PLOT_H * (1 - v / max);
  const step = PLOT_W / n;
  const xOf = (i: number): number => LEFT + step * (i + 0.5);
  const barWidth = Math.max(1, step * 0.75);
  const base = new Array<number>(n).fill(0);
  let shapes = '';
  for (const s of series) {
    s.values.forEach((v, i) => {
      if (!v) return;
      const from = base[i] as number;
      base[i] = from + v;
      shapes += `<rect x="${fixed(xOf(i) - barWidth / 2)}" y="${fixed(yOf(from + v))}" width="${fixed(barWidth)}" height="${fixed(PLOT_H * (v / max))}" fill="${s.color}"/>`;
    });
  }
  const grid = yGrid([0, max / 2, max], (v) => int(v), yOf);
  return `${svgOpen(label)}${grid}${shapes}${xTicks(labels, xOf)}${hoverZones(labels, series, xOf, step)}</svg>`;
}
