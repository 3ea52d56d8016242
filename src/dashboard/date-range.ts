import type { OverviewQuery } from './route.ts';

const DAY_MS = 86_400_000;

const midnight = (date: Date): number =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

const parseDay = (text: string): number => {
  const [y, m, d] = text.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
};

/** `YYYY-MM-DD` of a local date. */
export const formatDay = (ts: number): string => {
  const date = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/**
 * The query's `[from, to)` in epoch ms, in local days: `today` is today so far (to the next
 * midnight), `7d` is the last seven days including today, `custom` both ends inclusive.
 */
export function resolveRange(query: OverviewQuery, now = new Date()): { from: number; to: number } {
  const tomorrow = midnight(new Date(midnight(now) + DAY_MS + 3_600_000));
  switch (query.range) {
    case 'today':
      return { from: midnight(now), to: tomorrow };
    case '7d':
      return { from: tomorrow - 7 * DAY_MS, to: tomorrow };
    case '90d':
      return { from: tomorrow - 90 * DAY_MS, to: tomorrow };
    case 'custom': {
      const from = parseDay(query.from);
      const to = midnight(new Date(parseDay(query.to) + DAY_MS + 3_600_000));
      return { from, to };
    }
    default:
      return { from: tomorrow - 30 * DAY_MS, to: tomorrow };
  }
}

export const RANGE_LABELS: Record<OverviewQuery['range'], string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  custom: 'Custom range',
};
