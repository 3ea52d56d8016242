import { parseUrl, stripWww } from './parse-url.ts';
import { ANDROID_PACKAGES } from './tables/android-packages.ts';
import {
  type HostTarget,
  REFERRER_HOST_PATTERNS,
  REFERRER_HOSTS,
  SCANNER_REFERRER_HOSTS,
} from './tables/referrer-hosts.ts';

/** What a referrer says, independent of the landing page; computed once per distinct value. */
export interface ReferrerFacts {
  /** `none` (absent, empty, `-`), `android_app` (`android-app://pkg`) or `web`. */
  kind: 'none' | 'android_app' | 'web';
  /** Host without `www.`, or the lower-cased Android package. */
  host: string;
  /** The table entry the host or package matched, if any. */
  target: HostTarget | null;
  /** Android package not in the table (`referral/app:<pkg>`). */
  unknownApp: boolean;
  /** Host of a link scanner (email security, Teams unfurling). */
  scanner: boolean;
}

const NONE: ReferrerFacts = {
  kind: 'none',
  host: '',
  target: null,
  unknownApp: false,
  scanner: false,
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

export function readReferrer(referrer: string | null | undefined): ReferrerFacts {
  const parts = parseUrl(referrer);
  if (parts.host === '') return NONE;
  if (parts.scheme === 'android-app') {
    // Chrome 81+ adds a trailing slash and apps vary the case (`com.Slack`): the host part is it.
    const pkg = parts.host;
    const target = ANDROID_PACKAGES.get(pkg) ?? null;
    return { kind: 'android_app', host: pkg, target, unknownApp: target === null, scanner: false };
  }
  const host = stripWww(parts.host);
  const scanner = SCANNER_REFERRER_HOSTS.some((pattern) => pattern.test(host));
  return { kind: 'web', host, target: lookupHost(host), unknownApp: false, scanner };
}
