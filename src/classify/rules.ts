import type { Classification, Ga4Channel, Hit } from '../core/index.ts';
import { makeResult, withGa4 } from './make-result.ts';
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
  /** GA4's reading of the campaign tags, or null when it would go by the referrer. */
  campaignGa4: Ga4Channel | null;
  token: ShareToken | null;
}

/** Site settings the rules need, normalised once by createClassifier. */
export interface RuleSettings {
  siteHosts: ReadonlySet<string>;
  deepLinkDepth: number;
  isSectionPath: (path: string) => boolean;
  fbclidAsFacebook: boolean;
}

export type Rule = (ctx: HitContext, settings: RuleSettings) => Classification | null;

const HEAD = makeResult('bot', 'scanner', 'confirmed', 'R1b.head', 'HEAD', null);
const DIRECT = makeResult('direct', 'none', 'confirmed', 'R8.direct', 'no referrer', 'Direct');
const DEEP_LINKS: Classification[] = [];
/** Share buttons that name an app (`copy` and `native` do not: the app stays unknown). */
const BUTTON_CHANNELS = new Map(
  ['whatsapp', 'telegram', 'messenger', 'sms', 'email', 'line', 'viber'].map((c) => [c, c]),
);

/** Prebuilt results carry the referrer's GA4 channel; campaign tags may change what GA4 sees. */
const ga4Aware = (result: Classification, { campaignGa4 }: HitContext): Classification =>
  campaignGa4 === null ? result : withGa4(result, campaignGa4);

/** R1a — link-preview fetchers, before any bot filter (bot lists flag every one of them). */
export const previewFetcher: Rule = ({ ua }) => ua.preview;

/** R1b — other automation: HEAD requests, empty UAs, isbot matches, link scanners. */
export const otherBot: Rule = ({ method, ua, referrer }) => {
  if (method === 'HEAD') return HEAD;
  if (ua.bot) return ua.bot;
  // Without a person's browser UA (or with none reported) a scanner host is the scanner itself.
  if (referrer.scanner && !ua.human) return referrer.scanner;
  return null;
};

/** R3 — campaign tags and ad click ids (GA4-compatible paid detection). */
export const campaignTags: Rule = ({ campaign, campaignGa4, referrer }, settings) => {
  const { source, medium } = campaign;
  const param = campaign.sourceParam;
  const tagged = (cls: Classification['class'], channel: string, rule: string, evidence: string) =>
    makeResult(cls, channel, 'strong', rule, evidence, campaignGa4 ?? referrer.ga4);
  if (PAID_MEDIUM.test(medium)) {
    return tagged('paid', source || 'unknown', 'R3.paid_medium', `utm_medium=${medium}`);
  }
  const named = source ? lookupCampaignSource(source) : null;
  if (named?.class === 'dark_social') {
    return tagged('dark_social', named.channel, 'R3.private_source', `${param}=${source}`);
  }
  if (medium && EMAIL_MEDIUM.test(medium)) {
    return tagged('dark_social', 'email', 'R3.email_medium', `utm_medium=${medium}`);
  }
  if (medium === 'sms') return tagged('dark_social', 'sms', 'R3.sms_medium', 'utm_medium=sms');
  if (named) return tagged(named.class, named.channel, 'R3.social_source', `${param}=${source}`);
  if (source && medium === 'organic') {
    return tagged('search', source, 'R3.organic_medium', 'utm_medium=organic');
  }
  if (source) return tagged('campaign', source, 'R3.campaign', `${param}=${source}`);
  if (campaign.clickId) {
    const network = CLICK_ID_SOURCES[campaign.clickId] ?? 'unknown';
    return tagged('paid', network, 'R3.click_id', campaign.clickId);
  }
  if (campaign.fbclid && settings.fbclidAsFacebook && referrer.kind === 'none') {
    return tagged('social', 'facebook', 'R3.fbclid', 'fbclid');
  }
  return null;
};

/** R4a — `android-app://<package>` referrers. */
export const androidAppReferrer: Rule = (ctx) =>
  ctx.referrer.kind === 'android_app' && ctx.referrer.known
    ? ga4Aware(ctx.referrer.known, ctx)
    : null;

/** R4b — known referrer hosts: messaging web clients, webmail, social, AI, search, groups. */
export const knownReferrerHost: Rule = (ctx) => {
  const { referrer, ua } = ctx;
  if (referrer.kind !== 'web' || !referrer.known) return null;
  if (referrer.humanOnly && !ua.human) return null;
  return ga4Aware(referrer.known, ctx);
};

/** R4e — same-site navigation. */
export const internalReferrer: Rule = ({ referrer, landingHost }, settings) => {
  if (referrer.kind !== 'web') return null;
  const own = referrer.host === landingHost || settings.siteHosts.has(referrer.host);
  return own ? referrer.internal : null;
};

/** R4f — any other referrer. */
export const otherReferrer: Rule = (ctx) =>
  ctx.referrer.kind === 'web' && ctx.referrer.other ? ga4Aware(ctx.referrer.other, ctx) : null;

/** R5 — in-app browser markers and client flags, only when there is no referrer. */
export const inAppBrowser: Rule = (ctx) => {
  const { referrer, ua, hit } = ctx;
  if (referrer.kind !== 'none') return null;
  if (ua.inApp) return ga4Aware(ua.inApp, ctx);
  if (hit.client?.telegram_webview === true) {
    const ga4 = ctx.campaignGa4 ?? 'Direct';
    return makeResult(
      'dark_social',
      'telegram',
      'confirmed',
      'R5.client_flag',
      'telegram_webview',
      ga4,
    );
  }
  return null;
};

/** R6 — a share token and nothing above: a private share whose app is unknown, or a revisit. */
export const shareToken: Rule = ({ token, hit, campaignGa4 }) => {
  if (!token) return null;
  const ga4 = campaignGa4 ?? 'Direct';
  if (hit.share_self === true) {
    return makeResult('direct', 'self_revisit', 'confirmed', 'R6.self_revisit', token.token, ga4);
  }
  const verified = hit.share_self === false && token.kind === 'penumbra';
  const confidence = verified ? 'confirmed' : 'strong';
  const stamped =
    typeof hit.share_channel === 'string' ? BUTTON_CHANNELS.get(hit.share_channel) : undefined;
  if (stamped) {
    const evidence = `${token.token} via ${hit.share_channel} button`;
    return makeResult('dark_social', stamped, confidence, 'R6.shared_token', evidence, ga4);
  }
  return makeResult('dark_social', 'unknown', confidence, 'R6.shared_token', token.token, ga4);
};

/** R7 — no evidence at all, but nobody types a deep URL (Chartbeat/Madrigal 2012). */
export const deepLink: Rule = (ctx, settings) => {
  if (settings.deepLinkDepth <= 0) return null;
  const depth = pathDepth(ctx.landing.path);
  if (depth < settings.deepLinkDepth || settings.isSectionPath(ctx.landing.path)) return null;
  DEEP_LINKS[depth] ??= makeResult(
    'dark_social',
    'unknown',
    'heuristic',
    'R7.deep_link',
    `path depth ${depth}`,
    'Direct',
  );
  return ga4Aware(DEEP_LINKS[depth], ctx);
};

/** R8 — nothing: GA4's Direct. */
export const direct: Rule = (ctx) => ga4Aware(DIRECT, ctx);

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
