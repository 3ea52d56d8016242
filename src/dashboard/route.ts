import type { PanelFilter } from '../server/api-types.ts';
import { MESSAGING_VIEWS, type MessagingView } from './messaging-views.ts';

/** The ranges of the date picker; `custom` reads `from`/`to` (YYYY-MM-DD, both inclusive). */
export const RANGES = ['today', '7d', '30d', '90d', 'custom'] as const;
export type RangeKey = (typeof RANGES)[number];

export interface OverviewQuery {
  range: RangeKey;
  from: string;
  to: string;
  filters: PanelFilter[];
  compare: boolean;
  /** The root token of the cascade tree shown, if any. */
  cascade: string;
}

export type Route =
  | { view: 'home' }
  | { view: 'sites' }
  | { view: 'overview'; domain: string; query: OverviewQuery }
  | { view: 'settings'; domain: string }
  // The messaging hub's pages: `#/site/<domain>/inbox`, `/dead-letters`, `/communities`.
  | { view: MessagingView; domain: string };

const OPS: readonly PanelFilter['op'][] = ['is', 'is_not', 'contains'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `channel:is:whatsapp` → a filter (the value may itself hold colons). */
export function parseFilter(text: string): PanelFilter | null {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (first <= 0 || second < 0) return null;
  const op = text.slice(first + 1, second) as PanelFilter['op'];
  if (!OPS.includes(op)) return null;
  return { dimension: text.slice(0, first), op, value: text.slice(second + 1) };
}

export const formatFilter = (filter: PanelFilter): string =>
  `${filter.dimension}:${filter.op}:${filter.value}`;

export function defaultQuery(): OverviewQuery {
  return { range: '30d', from: '', to: '', filters: [], compare: false, cascade: '' };
}

function parseQuery(params: URLSearchParams): OverviewQuery {
  const query = defaultQuery();
  const range = params.get('range') as RangeKey | null;
  if (range && RANGES.includes(range)) query.range = range;
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DAY.test(from) && DAY.test(to)) {
    // Dates as YYYY-MM-DD sort as text; either order is accepted.
    [query.from, query.to] = [from, to].sort() as [string, string];
  } else if (query.range === 'custom') {
    query.range = '30d';
  }
  query.filters = params
    .getAll('f')
    .map(parseFilter)
    .filter((filter): filter is PanelFilter => filter !== null);
  query.compare = params.get('compare') === 'previous';
  query.cascade = params.get('cascade') ?? '';
  return query;
}

/** Reads `location.hash`: `#/site/example.com?range=30d&f=channel:is:whatsapp`. */
export function parseHash(hash: string, mode: 'app' | 'public'): Route {
  const text = hash.replace(/^#/, '');
  const mark = text.indexOf('?');
  const path = (mark < 0 ? text : text.slice(0, mark)).replace(/^\/+|\/+$/g, '');
  const params = new URLSearchParams(mark < 0 ? '' : text.slice(mark + 1));
  if (mode === 'public') return { view: 'overview', domain: '', query: parseQuery(params) };
  const parts = path.split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (parts[0] === 'sites') return { view: 'sites' };
  if (parts[0] === 'site' && parts[1]) {
    if (parts[2] === 'settings') return { view: 'settings', domain: parts[1] };
    const messaging = MESSAGING_VIEWS.find((view) => view === parts[2]);
    if (messaging) return { view: messaging, domain: parts[1] };
    return { view: 'overview', domain: parts[1], query: parseQuery(params) };
  }
  return { view: 'home' };
}

/** Query-string encoding that leaves `:` and `/` readable (both are fine in a fragment). */
const encodeQueryValue = (value: string): string =>
  encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2F/gi, '/');

/** The hash for a route; the inverse of `parseHash`. */
export function formatHash(route: Route): string {
  if (route.view === 'home') return '#/';
  if (route.view === 'sites') return '#/sites';
  const site = `#/site/${encodeURIComponent(route.domain)}`;
  if (route.view === 'settings') return `${site}/settings`;
  if (route.view !== 'overview') return `${site}/${route.view}`;
  const { query } = route;
  const params: [string, string][] = [['range', query.range]];
  if (query.range === 'custom') params.push(['from', query.from], ['to', query.to]);
  for (const filter of query.filters) params.push(['f', formatFilter(filter)]);
  if (query.compare) params.push(['compare', 'previous']);
  if (query.cascade) params.push(['cascade', query.cascade]);
  const text = params.map(([key, value]) => `${key}=${encodeQueryValue(value)}`).join('&');
  return `${route.domain ? site : '#/'}?${text}`;
}
