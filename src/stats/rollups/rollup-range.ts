export const DAY_MS = 86_400_000;

/** A range `[from, to)` in epoch ms. */
export interface Span {
  from: number;
  to: number;
}

/**
 * How `[from, to)` is answered: `days`, the whole UTC days that ended before today began (they
 * can be rolled up), and `edges`, what is left on either side (a part of a day, and today, which
 * still grows), read from the events. Null when the range holds no such day.
 */
export interface RollupPlan {
  days: Span;
  edges: Span[];
}

export function planRollup(from: number, to: number, now: number): RollupPlan | null {
  const today = now - (now % DAY_MS);
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = Math.min(to - (to % DAY_MS), today);
  if (endDay <= firstDay) return null;
  const edges: Span[] = [];
  if (from < firstDay) edges.push({ from, to: firstDay });
  if (endDay < to) edges.push({ from: endDay, to });
  return { days: { from: firstDay, to: endDay }, edges };
}
