import type { StoredEvent } from '../store/index.ts';

/** Share figures of one page (or the whole site), per the metrics of research/measurement.md §4. */
export interface CascadeFigures {
  /** Share-button, copy and native shares. */
  shares: number;
  /** Link-preview fetches: the link was pasted into a chat. */
  previews: number;
  /** Share-link clicks by people. */
  clicks: number;
  /** Page views that arrived carrying a share token. */
  arrivals: number;
  /** Distinct visitors who shared (share events). */
  uniqueSharers: number;
  /** Distinct visitors who arrived through a share. */
  newVisitors: number;
  /** Dark-social k-factor: visitors brought per sharer. */
  kFactor: number | null;
  /** Deepest generation reached (1 = a share was followed once). */
  depth: number;
  /** Arrivals per preview: how many pasted links were opened. */
  previewToArrival: number | null;
  /** Median ms from a preview of the page to the next arrival on it through the same channel. */
  previewToArrivalMedianMs: number | null;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Computes the figures from a site's events in time order (optionally one path's). */
export function computeCascadeFigures(
  events: readonly StoredEvent[],
  path?: string,
): CascadeFigures {
  const mine = path === undefined ? events : events.filter((event) => event.path === path);
  const shares = mine.filter((event) => event.name === 'share');
  const previews = mine.filter((event) => event.name === 'preview');
  const arrivals = mine.filter((event) => event.name === 'pageview' && event.parent_token !== '');
  const sharers = new Set(shares.map((event) => event.visitor_id));
  const newVisitors = new Set(arrivals.map((event) => event.visitor_id));
  // Generations: a view's generation is its parent's + 1 (parents come first in time order).
  const generation = new Map<string, number>();
  let depth = 0;
  for (const event of events) {
    if (event.name !== 'pageview' && event.name !== 'click') continue;
    const parent = event.parent_token ? (generation.get(event.parent_token) ?? 0) : -1;
    generation.set(event.view_token, parent + 1);
    if (event.parent_token && (path === undefined || event.path === path))
      depth = Math.max(depth, parent + 1);
  }
  const latencies: number[] = [];
  for (const preview of previews) {
    const next = arrivals.find(
      (arrival) => arrival.ts >= preview.ts && arrival.channel === preview.channel,
    );
    if (next) latencies.push(next.ts - preview.ts);
  }
  return {
    shares: shares.length,
    previews: previews.length,
    clicks: mine.filter((event) => event.name === 'click' && event.class !== 'bot').length,
    arrivals: arrivals.length,
    uniqueSharers: sharers.size,
    newVisitors: newVisitors.size,
    kFactor: sharers.size === 0 ? null : newVisitors.size / sharers.size,
    depth,
    previewToArrival: previews.length === 0 ? null : arrivals.length / previews.length,
    previewToArrivalMedianMs: median(latencies),
  };
}
