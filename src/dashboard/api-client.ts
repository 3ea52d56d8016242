import type { MeResponse, PanelFilter, SetupStatusResponse } from '../server/api-types.ts';

/** An API answer that was not 2xx, with the server's `{ error }` text when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface PanelParams {
  from: number;
  to: number;
  filters: PanelFilter[];
  compare: boolean;
}

/**
 * Talks to the Penumbra API: same-origin cookies, the CSRF token on every state change, JSON
 * in and out. `base` is `/api` in the app; panels of the public read-only mode live under
 * `/api/public/:slug`.
 */
export class ApiClient {
  private csrfToken = '';
  /** Called when a signed-in request answers 401 (the session ended): the app shows the login. */
  onUnauthorized: (() => void) | null = null;

  constructor(
    readonly base: string,
    readonly mode: 'app' | 'public',
  ) {}

  setCsrfToken(token: string): void {
    this.csrfToken = token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!response.ok) {
      const error =
        data && typeof data === 'object' && 'error' in data
          ? String(data.error)
          : response.statusText;
      if (response.status === 401 && !path.startsWith('/auth/')) this.onUnauthorized?.();
      throw new ApiError(response.status, error || `HTTP ${response.status}`);
    }
    return data as T;
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  patch = <T>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  delete = <T>(path: string) => this.request<T>('DELETE', path);

  me = () => this.get<MeResponse>('/auth/me');
  setupStatus = () => this.get<SetupStatusResponse>('/auth/setup');

  /** Where a site's resources live: `/sites/:domain` in the app, `` (the base) when public. */
  sitePath(domain: string): string {
    return this.mode === 'public' ? '' : `/sites/${encodeURIComponent(domain)}`;
  }

  panel<T>(domain: string, name: string, params: PanelParams): Promise<T> {
    return this.get<T>(`${this.sitePath(domain)}/panels/${name}?${panelQuery(params)}`);
  }

  /** The absolute path of a panel (e.g. `pages.csv`, the server's CSV export). */
  panelUrl(domain: string, name: string, params: PanelParams): string {
    return `${this.base}${this.sitePath(domain)}/panels/${name}?${panelQuery(params)}`;
  }
}

export function panelQuery({ from, to, filters, compare }: PanelParams): string {
  const query = new URLSearchParams({ from: String(from), to: String(to) });
  if (filters.length > 0) query.set('filters', JSON.stringify(filters));
  if (compare) query.set('compare', 'previous');
  return query.toString();
}
