import type { Classification, Ga4Channel } from '../core/index.ts';
import { ga4FromReferrer } from './ga4-channel.ts';
import { makeResult } from './make-result.ts';
import { parseUrl, stripWww } from './parse-url.ts';
import { ANDROID_PACKAGES } from './tables/android-packages.ts';
import {
  type HostTarget,
  REFERRER_HOST_PATTERNS,
  REFERRER_HOSTS,
  SCANNER_REFERRER_HOSTS,
} from './tables/referrer-hosts.ts';

/**
 * What a referrer says, independent of the landing page; computed once per distinct value,
 * with the results of the referrer rules (R1b scanner, R4a, R4b, R4e, R4f) prebuilt.
 */
export interface ReferrerFacts {
  /** `none` (absent, empty, `-`), `android_app` (`android-app://pkg`) or `web`. */
  kind: 'none' | 'android_app' | 'web';
  /** Host without `www.`, or the lower-cased Android package. */
  host: string;
  /** What GA4 records for this referrer when no campaign tag overrides it. */
  ga4: Ga4Channel;
  /** R4a/R4b: the package or host is in our tables. */
  known: Classification | null;
  /** The known host is scanner-prone: it counts only with a person's UA. */
  humanOnly: boolean;
  /** R1b: a link scanner's host (bot unless a person's UA). */
  scanner: Classification | null;
  /** R4e: the result if the host turns out to be the site's own. */
  internal: Classification | null;
  /** R4f: any other referrer. */
  other: Classification | null;
}

const NONE: ReferrerFacts = {
  kind: 'none',
  host: '',
  ga4: 'Direct',
  known: null,
  humanOnly: false,
  scanner: null,
  internal: null,
  other: null,
};

/** Exact host, then each parent domain (`a.b.mail.live.com` → `mail.live.com`), then patterns. */
function lookupHost(host: string): HostTarget | null {
  let candidate = host;
  for (;;) {
    const target = REFERRER_HOSTS.get(candidate);
    if (target) return target;
    const dot = candidate.indexOf('.');
    if (dot === -1 || candidate.indexOf('.', dot + 1) === -1) break;
    candidate = candidate.slice(dot + 1);
  }
  for (const [pattern, target] of REFERRER_HOST_PATTERNS) {
    if (pattern.test(host)) return target;
  }
  return null;
}

function readAndroidApp(pkg: string): ReferrerFacts {
  // Chrome 81+ adds a trailing slash and apps vary the case (`com.Slack`): parseUrl's host is it.
  const target = ANDROID_PACKAGES.get(pkg);
  const evidence = `android-app://${pkg}`;
  const ga4 = ga4FromReferrer(pkg);
  const known = target
    ? makeResult(target.class, target.channel, 'confirmed', 'R4a.android_app', evidence, ga4)
    : makeResult('referral', `app:${pkg}`, 'confirmed', 'R4a.android_app_unknown', evidence, ga4);
  return { ...NONE, kind: 'android_app', host: pkg, ga4, known };
}

function readWebHost(host: string): ReferrerFacts {
  const target = lookupHost(host);
  // GA4 recognises search engines by its own engine list (bing.com is source `bing`, medium
  // `organic`), not by the category table, which lists them by name only.
  const ga4 = target?.class === 'search' ? 'Organic Search' : ga4FromReferrer(host);
  const isScanner = SCANNER_REFERRER_HOSTS.some((pattern) => pattern.test(host));
  return {
    kind: 'web',
    host,
    ga4,
    known: target
      ? makeResult(target.class, target.channel, 'confirmed', `R4b.${target.class}`, host, ga4)
      : null,
    humanOnly: target?.humanOnly === true,
    scanner: isScanner
      ? makeResult('bot', 'scanner', 'strong', 'R1b.scanner_referrer', host, null)
      : null,
    internal: makeResult('internal', 'self', 'confirmed', 'R4e.internal', host, null),
    other: makeResult('referral', host, 'confirmed', 'R4f.referral', host, ga4),
  };
}

export function readReferrer(referrer: string | null | undefined): ReferrerFacts {
  const parts = parseUrl(referrer);
  if (parts.host === '') return NONE;
  if (parts.scheme === 'android-app') return readAndroidApp(parts.host);
  return readWebHost(stripWww(parts.host));
}
