/**
 * The dashboard's panels as JSON (re-exported by src/server/api-types.ts, the API contract).
 * Types only: the browser dashboard reaches this file through the API types.
 */
/** GET/POST/DELETE /api/sites/:domain/goals */
export interface Goal {
  id: string;
  name: string;
  /** `page`: a page view of `value` (a path; `*` matches any run of characters); `event`: a custom event named `value`. */
  kind: 'page' | 'event';
  value: string;
}

export interface Totals {
  visitors: number;
  visits: number;
  pageviews: number;
  /** 0..1 */
  bounce_rate: number;
  /** Seconds. */
  visit_duration: number;
  shares: number;
  previews: number;
  clicks: number;
}

/** GET /api/sites/:domain/panels/headline */
export interface HeadlinePanel {
  totals: Totals;
  previous: Totals | null;
  /** Visits GA4's default channel grouping would file under "Direct". */
  ga4DirectVisits: number;
  /** Of those, the share Penumbra classifies as dark social (0..1). */
  darkShareOfDirect: number;
  /** Of those, the share that is dark social with `confirmed` confidence (0..1). */
  confirmedShareOfDirect: number;
  /** Dark-social visits / all visits (0..1). */
  darkShare: number;
}

/** GET /api/sites/:domain/panels/timeseries — visitors per bucket, stacked by class. */
export interface TimeseriesPanel {
  interval: 'hour' | 'day' | 'week' | 'month';
  /** Bucket starts, epoch ms, ascending, with no gaps. */
  buckets: number[];
  /** class → visitors per bucket (same length as `buckets`). */
  series: Record<string, number[]>;
}

/** A table row: `key` is the dimension value (escaped at render time, like every string here). */
export interface TableRow {
  key: string;
  /** Secondary key where the table has one (channels: the class). */
  group?: string;
  visitors: number;
  visits: number;
  pageviews: number;
  shares: number;
  /** Dark-social visitors / visitors of the row (0..1). */
  darkShare: number;
}

/** GET /api/sites/:domain/panels/channels | pages | referrers | utm_campaigns | devices */
export interface TablePanel {
  dimension: string;
  rows: TableRow[];
}

/** GET /api/sites/:domain/panels/previews — link-preview fetches per bucket and channel. */
export interface PreviewsPanel {
  interval: 'hour' | 'day' | 'week' | 'month';
  buckets: number[];
  series: Record<string, number[]>;
  /** Previews followed by a click on the same page (0..1), and the median minutes between. */
  previewToClick: number;
  medianMinutesToClick: number | null;
}

/** GET /api/sites/:domain/panels/cascades — per page, the spread through shares. */
export interface CascadesPanel {
  rows: {
    page: string;
    shares: number;
    previews: number;
    clicks: number;
    sharers: number;
    /** Visitors brought by shares, per sharer. */
    kFactor: number;
    maxDepth: number;
    maxBreadth: number;
    /** A root token whose tree GET /api/sites/:domain/cascades/:token returns. */
    rootToken: string | null;
  }[];
}

/** GET /api/sites/:domain/panels/goals — conversion per goal and class. */
export interface GoalsPanel {
  rows: {
    goal: Goal;
    conversions: number;
    /** Converted visits / visits, overall and per class. */
    rate: number;
    byClass: { class: string; visits: number; conversions: number; rate: number }[];
    revenue: number;
  }[];
}

/** GET /api/sites/:domain/panels/realtime — visitors seen in the last five minutes. */
export interface RealtimePanel {
  visitors: number;
  /** Up to 10 pages with their current visitors. */
  pages: { page: string; visitors: number }[];
}

/** GET /api/sites/:domain/overview — every panel at once (the API and the benchmark use it). */
export interface OverviewResponse {
  headline: HeadlinePanel;
  timeseries: TimeseriesPanel;
  channels: TablePanel;
  pages: TablePanel;
  previews: PreviewsPanel;
  cascades: CascadesPanel;
  goals: GoalsPanel;
}
