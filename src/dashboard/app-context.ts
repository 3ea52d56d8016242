import type { MeResponse } from '../server/api-types.ts';
import type { ApiClient } from './api-client.ts';
import type { Route } from './route.ts';

/** What every view gets from the app. */
export interface AppContext {
  api: ApiClient;
  mode: 'app' | 'public';
  /** Shell title (the site's name in public mode). */
  title: string;
  /** The signed-in user and their sites (null in public mode). */
  me: MeResponse | null;
  navigate(route: Route): void;
  /** Re-reads /api/auth/me (after adding or changing a site). */
  refreshMe(): Promise<void>;
  /** Tells the user something (an aria-live status line). */
  announce(message: string): void;
}

/** One rendered view: its element and what to stop when it is replaced. */
export interface View {
  element: HTMLElement;
  teardown(): void;
}
