import type { IncomingHttpHeaders } from 'node:http';
import type { CollectResult, RequestMeta } from '../ingest/index.ts';

export const COLLECTOR_CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
};

/** What the collector needs from a request; the IP goes no further than the pipeline. */
export function requestMeta(ip: string, headers: IncomingHttpHeaders): RequestMeta {
  return {
    ip,
    userAgent: String(headers['user-agent'] ?? ''),
    doNotTrack: headers.dnt === '1' || headers['sec-gpc'] === '1',
    now: Date.now(),
  };
}

/**
 * The HTTP answer to a collect result, written once for the Fastify route and the fast path:
 * 202 (with the drop reason in a header when dropped), 400 with the reason, or 503 with
 * Retry-After.
 */
export function collectorResponse(result: CollectResult): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const headers: Record<string, string> = { ...COLLECTOR_CORS };
  if (result.status === 202) {
    if (result.dropped) headers['x-penumbra-dropped'] = result.dropped;
    return { status: 202, headers, body: '' };
  }
  headers['content-type'] = 'application/json; charset=utf-8';
  if (result.status === 503) headers['retry-after'] = String(result.retryAfterSeconds);
  return { status: result.status, headers, body: JSON.stringify({ error: result.reason }) };
}
