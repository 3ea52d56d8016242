import type { Classification } from '../core/index.ts';
import type { ShareLink, StoredEvent } from '../store/index.ts';
import { describeDevice } from './describe-device.ts';

/** The parts of a `/s/<code>` request a click event keeps (the IP only as the visitor hash). */
export interface LinkClick {
  link: ShareLink;
  /** The share token minted for this click: the person's arrival will carry it as `a`. */
  token: string;
  userAgent: string;
  visitorId: string;
  classification: Classification;
  unique: boolean;
  now: number;
}

const parts = new Map<string, { hostname: string; pathname: string }>();

/** Host and path of a link's target, parsed once per target. */
function targetParts(target: string): { hostname: string; pathname: string } {
  let found = parts.get(target);
  if (!found) {
    const url = new URL(target);
    found = { hostname: url.hostname, pathname: url.pathname };
    if (parts.size >= 10_000) parts.clear();
    parts.set(target, found);
  }
  return found;
}

/** A share-link click as an event: the root of the cascade its token starts. */
export function toClickEvent(click: LinkClick, id: string): StoredEvent {
  const { link, classification: c } = click;
  const target = targetParts(link.target);
  return {
    id,
    site_id: link.siteId,
    ts: click.now,
    name: 'click',
    hostname: target.hostname,
    path: target.pathname.slice(0, 2048),
    referrer_host: '',
    class: c.class,
    channel: c.channel,
    confidence: c.confidence,
    rule: c.rule,
    ga4: c.ga4 ?? '',
    visitor_id: click.visitorId,
    session_id: '',
    view_token: click.token,
    parent_token: '',
    share_channel: link.channel,
    engaged_ms: 0,
    ...describeDevice(click.userAgent),
    country: '',
    utm_source: link.utm ? link.channel || 'share' : '',
    utm_medium: link.utm ? 'share_link' : '',
    utm_campaign: link.campaign,
    props: JSON.stringify({
      code: link.code,
      unique: click.unique,
      conversation: link.conversation,
    }),
  };
}
