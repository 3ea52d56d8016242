import type { PanelFilter } from '../server/api-types.ts';
import type { ApiClient, PanelParams } from './api-client.ts';
import type { OverviewQuery } from './route.ts';

/** What every panel of one overview render shares. */
export interface OverviewContext {
  api: ApiClient;
  /** The site's domain (in public mode the API base already names the site: ''). */
  domain: string;
  /** For file names and headings. */
  siteLabel: string;
  query: OverviewQuery;
  params: PanelParams;
  /** Adds filter chips (a new hash, so the whole overview reloads with them). */
  addFilter(...filters: PanelFilter[]): void;
  /** Shows a cascade tree (kept in the hash so the view can be shared). */
  showCascade(token: string): void;
  /** False once the user has moved on: late answers are dropped. */
  isCurrent(): boolean;
  /** Runs `fn` when the view is torn down (timers). */
  onTeardown(fn: () => void): void;
}

/** Fetches one panel and hands it to `render` if the view is still current. */
export function loadPanel<T>(
  ctx: OverviewContext,
  name: string,
  render: (data: T) => void,
  fail: (message: string) => void,
  params: PanelParams = ctx.params,
): void {
  ctx.api.panel<T>(ctx.domain, name, params).then(
    (data) => {
      if (ctx.isCurrent()) render(data);
    },
    (error: unknown) => {
      if (ctx.isCurrent()) fail(error instanceof Error ? error.message : String(error));
    },
  );
}
