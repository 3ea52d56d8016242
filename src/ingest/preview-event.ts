import { type Classifier, isSenderDevicePreview } from '../classify/index.ts';
import type { Site, StoredEvent } from '../store/index.ts';
import type { VisitorHasher } from './visitor-hash.ts';

/** A request seen by a server (log line, middleware, share link) rather than by the tracker. */
export interface ServerHit {
  url: string;
  userAgent: string;
  ip: string;
  referrer?: string;
  now: number;
}

/**
 * Turns a server-side hit into a `preview` event when a link-preview fetcher made it, or null.
 * For fetchers that run on the sender's own device (WhatsApp, iMessage, Signal) the fetcher's
 * daily visitor hash is kept: it matches the sharer's own page views that day.
 */
export async function toPreviewEvent(
  hit: ServerHit,
  site: Site,
  classify: Classifier,
  hasher: VisitorHasher,
  id: string,
): Promise<StoredEvent | null> {
  const result = classify({
    url: hit.url,
    user_agent: hit.userAgent,
    referrer: hit.referrer ?? '',
  });
  if (result.class !== 'preview') return null;
  const parts = /^(?:https?:\/\/([^/?#]*))?([^?#]*)/i.exec(hit.url);
  const visitorId = isSenderDevicePreview(result.channel)
    ? await hasher.visitorId(site.id, hit.ip, hit.userAgent, hit.now)
    : '';
  return {
    id,
    site_id: site.id,
    ts: hit.now,
    name: 'preview',
    hostname: (parts?.[1] ?? site.domain).toLowerCase(),
    path: (parts?.[2] || '/').slice(0, 2048),
    referrer_host: '',
    class: 'preview',
    channel: result.channel,
    confidence: result.confidence,
    rule: result.rule,
    ga4: '',
    visitor_id: visitorId,
    session_id: '',
    view_token: '',
    parent_token: '',
    share_channel: result.channel,
    engaged_ms: 0,
    device: '',
    browser: '',
    os: '',
    country: '',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    props: '',
  };
}
