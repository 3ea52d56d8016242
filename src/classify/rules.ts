import type { Confidence, Hit, TrafficClass } from '../core/index.ts';
import type { UrlParts } from './parse-url.ts';
import { pathDepth } from './parse-url.ts';
import type { CampaignParams } from './read-campaign.ts';
import type { ReferrerFacts } from './read-referrer.ts';
import type { ShareToken } from './read-share-token.ts';
import type { UserAgentFacts } from './read-user-agent.ts';
import {
  CLICK_ID_SOURCES,
  EMAIL_MEDIUM,
  lookupCampaignSource,
  PAID_MEDIUM,
} from './tables/campaign-sources.ts';

/** Everything the rules read, prepared once per hit. */
export interface HitContext {
  hit: Hit;
  method: string;
  landing: UrlParts;
  /** Landing host without `www.` ('' for path-only URLs). */
  landingHost: string;
  ua: UserAgentFacts;
  referrer: ReferrerFacts;
  campaign: CampaignParams;
  token: ShareToken | null;
}

/** Site settings the rules need, normalised once by createClassifier. */
export interface RuleSettings {
  siteHosts: ReadonlySet<string>;
  deepLinkDepth: number;
  isSectionPath: (path: string) => boolean;
  fbclidAsFacebook: boolean;
}

export interface Verdict {
  class: TrafficClass;
  channel: string;
  confidence: Confidence;
  rule: string;
  evidence: string;
}

export type Rule = (ctx: HitContext, settings: RuleSettings) => Verdict | null;

const verdict = (
  cls: TrafficClass,
  channel: string,
  confidence: Confidence,
  rule: string,
  evidence: string,
): Verdict => ({ class: cls, channel, confidence, rule, evidence });

/** R1a — link-preview fetchers, before any bot filter (bot lists flag every one of them). */
export const previewFetcher: Rule = ({ ua }) =>
  ua.preview
    ? verdict(
        'preview',
        ua.preview.channel,
        ua.preview.confidence,
        'R1a.preview',
        ua.preview.evidence,
      )
    : null;

/** R1b — other automation: HEAD requests, empty UAs, isbot matches, link scanners. */
export const otherBot: Rule = ({ method, ua, referrer, hit }) => {
  if (method === 'HEAD') return verdict('bot', 'scanner', 'confirmed', 'R1b.head', 'HEAD');
  if (ua.bot === '-')
    return verdict('bot', 'crawler', 'strong', 'R1b.empty_ua', 'empty user agent');
  if (ua.bot) return verdict('bot', 'crawler', 'confirmed', 'R1b.bot_ua', ua.bot);
  const uaReported = hit.user_agent !== undefined && hit.user_agent !== null;
  if (referrer.scanner && uaReported && !ua.human) {
    return verdict('bot', 'scanner', 'strong', 'R1b.scanner_referrer', referrer.host);
  }
  return null;
};

/** R3 — campaign tags and ad click ids (GA4-compatible paid detection). */
export const campaignTags: Rule = ({ campaign, referrer }, settings) => {
  const { source, medium } = campaign;
  const param = campaign.sourceParam || 'utm_medium';
  if (source || medium) {
    const label = source || medium;
    if (PAID_MEDIUM.test(medium)) {
      return verdict(
        'paid',
        source || 'unknown',
        'strong',
        'R3.paid_medium',
        `utm_medium=${medium}`,
      );
    }
    const named = source ? lookupCampaignSource(source) : null;
    if (named?.class === 'dark_social') {
      return verdict(
        'dark_social',
        named.channel,
        'strong',
        'R3.private_source',
        `${param}=${source}`,
      );
    }
    if (EMAIL_MEDIUM.test(medium)) {
      return verdict('dark_social', 'email', 'strong', 'R3.email_medium', `utm_medium=${medium}`);
    }
    if (medium === 'sms') {
      return verdict('dark_social', 'sms', 'strong', 'R3.sms_medium', 'utm_medium=sms');
    }
    if (named)
      return verdict(
        named.class,
        named.channel,
        'strong',
        'R3.social_source',
        `${param}=${source}`,
      );
    if (source) return verdict('campaign', label, 'strong', 'R3.campaign', `${param}=${source}`);
  }
  if (campaign.clickId) {
    const network = CLICK_ID_SOURCES[campaign.clickId] ?? 'unknown';
    return verdict('paid', network, 'strong', 'R3.click_id', campaign.clickId);
  }
  if (campaign.fbclid && settings.fbclidAsFacebook && referrer.kind === 'none') {
    return verdict('social', 'facebook', 'strong', 'R3.fbclid', 'fbclid');
  }
  return null;
};

/** R4a — `android-app://<package>` referrers. */
export const androidAppReferrer: Rule = ({ referrer }) => {
  if (referrer.kind !== 'android_app') return null;
  const evidence = `android-app://${referrer.host}`;
  if (referrer.target) {
    return verdict(
      referrer.target.class,
      referrer.target.channel,
      'confirmed',
      'R4a.android_app',
      evidence,
    );
  }
  return verdict(
    'referral',
    `app:${referrer.host}`,
    'confirmed',
    'R4a.android_app_unknown',
    evidence,
  );
};

/** R4b — known referrer hosts: messaging web clients, webmail, social, AI, search, groups. */
export const knownReferrerHost: Rule = ({ referrer, ua }) => {
  const target = referrer.kind === 'web' ? referrer.target : null;
  if (!target || (target.humanOnly && !ua.human)) return null;
  return verdict(target.class, target.channel, 'confirmed', `R4b.${target.class}`, referrer.host);
};

/** R4e — same-site navigation. */
export const internalReferrer: Rule = ({ referrer, landingHost }, settings) => {
  if (referrer.kind !== 'web') return null;
  if (referrer.host === landingHost || settings.siteHosts.has(referrer.host)) {
    return verdict('internal', 'self', 'confirmed', 'R4e.internal', referrer.host);
  }
  return null;
};

/** R4f — any other referrer. */
export const otherReferrer: Rule = ({ referrer }) =>
  referrer.kind === 'web'
    ? verdict('referral', referrer.host, 'confirmed', 'R4f.referral', referrer.host)
    : null;

/** R5 — in-app browser markers and client flags, only when there is no referrer. */
export const inAppBrowser: Rule = ({ referrer, ua, hit }) => {
  if (referrer.kind !== 'none') return null;
  if (ua.inApp) {
    return verdict(ua.inApp.class, ua.inApp.channel, 'confirmed', 'R5.in_app', ua.inApp.evidence);
  }
  if (hit.client?.telegram_webview === true) {
    return verdict('dark_social', 'telegram', 'confirmed', 'R5.client_flag', 'telegram_webview');
  }
  return null;
};

/** R6 — a share token and nothing above: a private share whose app is unknown, or a revisit. */
export const shareToken: Rule = ({ token, hit }) => {
  if (!token) return null;
  if (hit.share_self === true) {
    return verdict('direct', 'self_revisit', 'confirmed', 'R6.self_revisit', token.token);
  }
  const verified = hit.share_self === false && token.kind === 'penumbra';
  return verdict(
    'dark_social',
    'unknown',
    verified ? 'confirmed' : 'strong',
    'R6.shared_token',
    token.token,
  );
};

/** R7 — no evidence at all, but nobody types a deep URL (Chartbeat/Madrigal 2012). */
export const deepLink: Rule = ({ landing }, settings) => {
  if (settings.deepLinkDepth <= 0) return null;
  const depth = pathDepth(landing.path);
  if (depth < settings.deepLinkDepth || settings.isSectionPath(landing.path)) return null;
  return verdict('dark_social', 'unknown', 'heuristic', 'R7.deep_link', `path depth ${depth}`);
};

/** R8 — nothing: GA4's Direct. */
export const direct: Rule = ({ landing }) =>
  verdict('direct', 'none', 'confirmed', 'R8.direct', landing.path || '/');

/** First match wins; the order is research/measurement.md §5.2 and is part of the contract. */
export const RULES: readonly Rule[] = [
  previewFetcher,
  otherBot,
  campaignTags,
  androidAppReferrer,
  knownReferrerHost,
  internalReferrer,
  otherReferrer,
  inAppBrowser,
  shareToken,
  deepLink,
  direct,
];
