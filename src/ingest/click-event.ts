import type { Classification } from '../core/index.ts';
import {
  type ClickLine,
  clickVariantLine,
  type ShareLink,
  type StoredEvent,
} from '../store/index.ts';
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

/** A click variant's key and its log line (log-lines.ts). */
type ClickVariantKey = { key: string; line: string };

// Per link, per verdict (the resolver hands out one object per verdict), per browser: nested,
// not keyed by a joined string (see nestedMap).
const variants = new WeakMap<ShareLink, WeakMap<Classification, Map<string, ClickVariantKey>>>();
// Ids, visitor ids and tokens are hex or base64url: nothing in them needs escaping.
const SAFE = /^[\w-]*$/;

/**
 * The click as the collector logs it: a compact `ClickLine` (~130 bytes instead of ~560 for the
 * full event) and the variant line it refers to, which the log writes once per segment before
 * it. Reading the line after its variant (`createLogLineReader`) gives `toClickEvent(click, id)`.
 */
export function compactClickLine(
  click: LinkClick,
  id: string,
): { line: string; variant: ClickVariantKey } {
  const variant = cachedVariant(click);
  if (!SAFE.test(id) || !SAFE.test(click.visitorId) || !SAFE.test(click.token)) {
    const line: ClickLine = {
      click: variant.key,
      id,
      ts: click.now,
      visitor_id: click.visitorId,
      view_token: click.token,
      is_unique: click.unique,
    };
    return { line: JSON.stringify(line), variant };
  }
  return {
    line: `{"click":"${variant.key}","id":"${id}","ts":${click.now},"visitor_id":"${click.visitorId}","view_token":"${click.token}","is_unique":${click.unique}}`,
    variant,
  };
}

/** The variant line of a click, hashed once per link, verdict and browser, not per click. */
function cachedVariant(click: LinkClick): ClickVariantKey {
  let byVerdict = variants.get(click.link);
  if (!byVerdict) {
    byVerdict = new WeakMap();
    variants.set(click.link, byVerdict);
  }
  let byAgent = byVerdict.get(click.classification);
  if (!byAgent) {
    byAgent = new Map();
    byVerdict.set(click.classification, byAgent);
  }
  let variant = byAgent.get(click.userAgent);
  if (!variant) {
    const unique = toClickEvent({ ...click, unique: true }, 'I');
    const repeat = toClickEvent({ ...click, unique: false }, 'I').props;
    variant = clickVariantLine(unique, { unique: unique.props, repeat });
    if (byAgent.size >= 1000) byAgent.clear();
    byAgent.set(click.userAgent, variant);
  }
  return variant;
}
