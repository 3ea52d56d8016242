/**
 * What the browser tracker sends to `POST /api/event`: a `text/plain` body (no CORS preflight)
 * holding this JSON. Keys are short because every byte of the tracker counts (≤ 1.5 KB gzip).
 * The collector validates it with zod; nothing here is trusted.
 */
export interface TrackerPayload {
  /** Event name: `pageview`, `engagement`, `share`, `outbound`, or a custom name. */
  n: string;
  /** The site's domain, from the script tag's `data-site`. */
  d: string;
  /** Page URL as the visitor sees it, without Penumbra's share token. */
  u: string;
  /** `document.referrer` as the browser saw it ('' when none). */
  r?: string;
  /** The token this page view minted (8–12 url-safe chars); children carry it as their parent. */
  k?: string;
  /** The share token the visitor arrived with (from the URL fragment), if any. */
  a?: string;
  /**
   * The share channel stamped next to the arrival token (`#pn=…&pc=whatsapp`) by the sharer's
   * button: what the sharer picked, so the edge parent → child gets a channel even when the
   * recipient's app sends no referrer. Absent for address-bar copies (no button was pressed).
   */
  ac?: string;
  /** `share` events: the channel the visitor chose (`whatsapp`, `telegram`, `copy`, `native`, …). */
  ch?: string;
  /** `engagement` events: milliseconds the page was visible and active since the last report. */
  e?: number;
  /** Client-only signals for the classifier, e.g. `{ "telegram_webview": true }`. */
  c?: Record<string, boolean>;
  /** Custom event properties (string values, at most 30 keys). */
  p?: Record<string, string>;
  /** Outbound events: the link's URL. */
  o?: string;
  /** Viewport width in CSS pixels, for the device class. */
  w?: number;
}

/** Share channels the tracker's buttons know (`data-penumbra-share="…"`). */
export const SHARE_CHANNELS = [
  'whatsapp',
  'telegram',
  'messenger',
  'sms',
  'email',
  'line',
  'viber',
  'native',
  'copy',
] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];
