import type { TrafficClass } from '../core/index.ts';

/**
 * One row of the event store: a classified page view, engagement ping, share, preview, click or
 * custom event. Flat and typed so it maps to one columnar table in DuckDB and ClickHouse.
 * Empty string / 0 mean "absent" (columnar stores handle that better than NULLs).
 */
export interface StoredEvent {
  /** Unique per accepted event (assigned by the collector's durable log); makes replay idempotent. */
  id: string;
  site_id: string;
  /** Epoch milliseconds. */
  ts: number;
  /** `pageview`, `engagement`, `share`, `outbound`, `preview`, `click`, or a custom name. */
  name: string;
  hostname: string;
  path: string;
  referrer_host: string;
  class: TrafficClass | '';
  channel: string;
  confidence: string;
  rule: string;
  /** GA4's channel for this hit, '' when GA4 would not count it. */
  ga4: string;
  /** hash(daily salt, site, IP, user agent) — never the IP. */
  visitor_id: string;
  session_id: string;
  /** Token minted by this page view. */
  view_token: string;
  /** Token the visitor arrived with: the edge parent_token → view_token. */
  parent_token: string;
  share_channel: string;
  engaged_ms: number;
  device: string;
  browser: string;
  os: string;
  country: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  /** JSON object text of custom properties, '' when none. */
  props: string;
}

/** All columns, in table order: adapters build their DDL and appenders from this one list. */
export const STORED_EVENT_COLUMNS = [
  ['id', 'string'],
  ['site_id', 'string'],
  ['ts', 'timestamp_ms'],
  ['name', 'string'],
  ['hostname', 'string'],
  ['path', 'string'],
  ['referrer_host', 'string'],
  ['class', 'string'],
  ['channel', 'string'],
  ['confidence', 'string'],
  ['rule', 'string'],
  ['ga4', 'string'],
  ['visitor_id', 'string'],
  ['session_id', 'string'],
  ['view_token', 'string'],
  ['parent_token', 'string'],
  ['share_channel', 'string'],
  ['engaged_ms', 'integer'],
  ['device', 'string'],
  ['browser', 'string'],
  ['os', 'string'],
  ['country', 'string'],
  ['utm_source', 'string'],
  ['utm_medium', 'string'],
  ['utm_campaign', 'string'],
  ['props', 'string'],
] as const satisfies readonly (readonly [
  keyof StoredEvent,
  'string' | 'integer' | 'timestamp_ms',
])[];
