/**
 * The JSON the dashboard API speaks. Types only: the dashboard (browser code) imports this file
 * and nothing else of ours, so it must stay free of runtime imports.
 *
 * Authentication: people log in and get an HttpOnly SameSite=Lax session cookie; every
 * state-changing request made with that cookie must carry the `x-csrf-token` header with the
 * token from `/api/auth/me` or the login answer. Programs use `Authorization: Bearer <token>`
 * instead (no cookie, no CSRF token). Errors are `{ error: string }` with a 4xx status.
 */

import type { Goal } from '../stats/overview/panel-types.ts';

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

export type {
  CascadesPanel,
  Goal,
  GoalsPanel,
  HeadlinePanel,
  OverviewResponse,
  PreviewsPanel,
  RealtimePanel,
  TablePanel,
  TableRow,
  TimeseriesPanel,
  Totals,
} from '../stats/overview/panel-types.ts';

// ---------------------------------------------------------------------------------------------
// Added for the dashboard UI (additive; the routes the browser app calls besides the panels).
// ---------------------------------------------------------------------------------------------

/** GET /api/auth/setup — whether the first-run form is needed (no user exists yet). */
export interface SetupStatusResponse {
  needed: boolean;
}

/** POST /api/sites — add a site the caller will own. Answers `SiteSummary` (201). */
export interface CreateSiteRequest {
  domain: string;
}

/**
 * PATCH /api/sites/:domain — change settings (every field optional). `publicLink: true` mints
 * `publicSlug` when there is none; `false` clears it. Answers the updated `SiteSummary`.
 * DELETE /api/sites/:domain removes the site (owner only), 204.
 */
export interface UpdateSiteRequest {
  extraDomains?: string[];
  deepLinkDepth?: number;
  sectionPaths?: string[];
  excludedPaths?: string[];
  respectDoNotTrack?: boolean;
  publicLink?: boolean;
}

/** POST /api/sites/:domain/goals body (answers the `Goal`, 201); DELETE …/goals/:id, 204. */
export type CreateGoalRequest = Omit<Goal, 'id'>;

/** POST /api/links with the session cookie (and x-csrf-token) or an API token. */
export interface CreateShareLinkRequest {
  url: string;
  channel: string;
  campaign: string;
  utm: boolean;
}

export interface ShareLinkResponse {
  code: string;
  target: string;
  channel: string;
  campaign: string;
  utm: boolean;
  short_url: string;
}

/** One page view in a share cascade (same shape as src/links/build-cascade-tree.ts). */
export interface CascadeTreeNode {
  token: string;
  channel: string;
  path: string;
  generation: number;
  ts: number | null;
  timeToClickMs: number | null;
  children: CascadeTreeNode[];
}

/** GET /api/sites/:domain/cascades/:token (and /api/public/:slug/cascades/:token). */
export interface CascadeTreeResponse {
  site: string;
  depth: number;
  breadth: number;
  size: number;
  root: CascadeTreeNode;
}
