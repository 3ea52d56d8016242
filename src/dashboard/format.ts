/** Number and time formatting for the panels (en-US style, compact above 10k). */
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

export const formatNumber = (n: number): string =>
  Math.abs(n) >= 10_000 ? compact.format(n) : whole.format(Math.round(n));

/** 0.4567 → "45.7%" (one decimal under 10%, none above). */
export const formatPercent = (share: number): string => {
  const pct = share * 100;
  if (!Number.isFinite(pct)) return '–';
  return `${pct !== 0 && Math.abs(pct) < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
};

export const formatDuration = (seconds: number): string => {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
};

export const formatMinutes = (ms: number): string => {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
};

/** Relative change of `now` against `before`, or null when there is nothing to compare. */
export function change(now: number, before: number | null | undefined): number | null {
  if (before === null || before === undefined) return null;
  if (before === 0) return now === 0 ? 0 : null;
  return (now - before) / before;
}

export const formatChange = (delta: number): string =>
  `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${formatPercent(Math.abs(delta))}`;

export function formatBucket(ts: number, interval: string): string {
  const date = new Date(ts);
  if (interval === 'hour') {
    return date.toLocaleString('en', { month: 'short', day: 'numeric', hour: '2-digit' });
  }
  if (interval === 'month') return date.toLocaleString('en', { month: 'short', year: 'numeric' });
  return date.toLocaleDateString('en', { month: 'short', day: 'numeric' });
}
