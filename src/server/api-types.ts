/**
 * The JSON the dashboard API speaks. Types only: the dashboard (browser code) imports this file
 * and nothing else of ours, so it must stay free of runtime imports.
 *
 * Authentication: people log in and get an HttpOnly SameSite=Lax session cookie; every
 * state-changing request made with that cookie must carry the `x-csrf-token` header with the
 * token from `/api/auth/me` or the login answer. Programs use `Authorization: Bearer <token>`
 * instead (no cookie, no CSRF token). Errors are `{ error: string }` with a 4xx status.
 */

export type Role = 'owner' | 'admin' | 'viewer';

export interface MeResponse {
  user: { id: string; email: string };
  csrfToken: string;
  sites: SiteSummary[];
}

/** POST /api/auth/login and POST /api/auth/setup (first user, only while none exists). */
export interface LoginRequest {
  email: string;
  password: string;
}

export interface SiteSummary {
  domain: string;
  role: Role;
  settings: {
    extraDomains: string[];
    deepLinkDepth: number;
    sectionPaths: string[];
    excludedPaths: string[];
    respectDoNotTrack: boolean;
    /** The read-only public dashboard slug, null while the public link is off (the default). */
    publicSlug: string | null;
  };
}

/** GET/POST/DELETE /api/sites/:domain/goals */
export interface Goal {
  id: string;
  name: string;
  /** `page`: a page view of `value` (a path; `*` matches any run of characters); `event`: a custom event named `value`. */
  kind: 'page' | 'event';
  value: string;
}

/** Query string of every panel: epoch ms `[from, to)`, optional filters and comparison. */
export interface PanelQuery {
  from: number;
  to: number;
  /** JSON text of `PanelFilter[]`, e.g. `[{"dimension":"channel","op":"is","value":"whatsapp"}]`. */
  filters?: string;
  /** `previous`: also compute the same-length period just before `from`. */
  compare?: 'previous';
}

export interface PanelFilter {
  dimension: string;
  op: 'is' | 'is_not' | 'contains';
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
