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

interface LineParts {
  /** From `site_id` to the `ts` key. */
  head: string;
  /** Everything between `ts` and `visitor_id`, with its leading comma. */
  middle: string;
  /** Everything between `view_token` and `props`. */
  tail: string;
  /** `props` for a unique and for a repeated click. */
  props: [string, string];
}

// Per link, per verdict (the resolver hands out one object per verdict), per browser: nested,
// not keyed by a joined string (see nestedMap).
const lineParts = new WeakMap<ShareLink, WeakMap<Classification, Map<string, LineParts>>>();
// Ids, visitor ids and tokens are hex or base64url: nothing in them needs escaping.
const SAFE = /^[\w-]*$/;

/**
 * `JSON.stringify(toClickEvent(click, id))`, built from parts cached per link, browser and
 * verdict: only the id, time, visitor, token and uniqueness change from click to click, and
 * serialising the whole 26-column event was the largest piece of a redirect's own CPU.
 */
export function clickEventLine(click: LinkClick, id: string): string {
  if (!SAFE.test(id) || !SAFE.test(click.visitorId) || !SAFE.test(click.token))
    return JSON.stringify(toClickEvent(click, id));
  let byVerdict = lineParts.get(click.link);
  if (!byVerdict) {
    byVerdict = new WeakMap();
    lineParts.set(click.link, byVerdict);
  }
  let byAgent = byVerdict.get(click.classification);
  if (!byAgent) {
    byAgent = new Map();
    byVerdict.set(click.classification, byAgent);
  }
  let parts = byAgent.get(click.userAgent);
  if (!parts) {
    parts = buildLineParts(click);
    if (byAgent.size >= 1000) byAgent.clear();
    byAgent.set(click.userAgent, parts);
  }
  return `{"id":"${id}"${parts.head}${click.now}${parts.middle}"visitor_id":"${click.visitorId}","session_id":"","view_token":"${click.token}"${parts.tail}"props":${parts.props[click.unique ? 0 : 1]}}`;
}

function buildLineParts(click: LinkClick): LineParts {
  const sample = toClickEvent({ ...click, visitorId: 'V', token: 'T', unique: true, now: 0 }, 'I');
  const text = JSON.stringify(sample);
  const middleStart = text.indexOf(',"name":');
  const middleEnd = text.indexOf('"visitor_id":');
  const tailStart = text.indexOf(',"parent_token":');
  const tailEnd = text.indexOf('"props":');
  const repeated = toClickEvent({ ...click, unique: false }, 'I').props;
  return {
    head: text.slice(text.indexOf(',"site_id":'), text.indexOf('"ts":') + '"ts":'.length),
    middle: text.slice(middleStart, middleEnd),
    tail: text.slice(tailStart, tailEnd),
    props: [JSON.stringify(sample.props), JSON.stringify(repeated)],
  };
}
