import type { Classification, Hit } from '../core/index.ts';
import { createBoundedCache } from './bounded-cache.ts';
import { ga4FromCampaign } from './ga4-channel.ts';
import type { ClassifierOptions } from './options.ts';
import { parseUrl, stripWww } from './parse-url.ts';
import { readCampaign } from './read-campaign.ts';
import { readReferrer } from './read-referrer.ts';
import { readShareToken } from './read-share-token.ts';
import { readUserAgent } from './read-user-agent.ts';
import { type HitContext, RULES, type RuleSettings } from './rules.ts';

export type Classifier = (hit: Hit) => Classification;

const DEFAULT_DEEP_LINK_DEPTH = 2;
const DEFAULT_CACHE_SIZE = 10_000;

function normaliseHost(host: string): string {
  return stripWww(parseUrl(host.includes('/') ? host : `//${host}`).host);
}

function sectionMatcher(sectionPaths: readonly string[]): (path: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const raw of sectionPaths) {
    const path = raw.startsWith('/') ? raw : `/${raw}`;
    if (path.endsWith('*')) prefixes.push(path.slice(0, -1));
    else exact.add(path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);
  }
  return (path) => {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    return exact.has(trimmed) || prefixes.some((prefix) => path.startsWith(prefix));
  };
}

function toSettings(options: ClassifierOptions): RuleSettings {
  const depth = options.deepLinkDepth ?? DEFAULT_DEEP_LINK_DEPTH;
  if (!Number.isInteger(depth) || depth < 0) {
    throw new RangeError(`deepLinkDepth must be a non-negative integer, got ${depth}`);
  }
  return {
    siteHosts: new Set((options.siteHosts ?? []).map(normaliseHost).filter(Boolean)),
    deepLinkDepth: depth,
    isSectionPath: sectionMatcher(options.sectionPaths ?? []),
    fbclidAsFacebook: options.fbclidAsFacebook ?? false,
  };
}

/**
 * Builds a classifier for one site's settings. The returned function is pure apart from its
 * caches: user-agent and referrer verdicts are memoised per distinct string, because real
 * traffic repeats them and the bot patterns are the costliest part of a hit.
 *
 * @example
 * const classify = createClassifier({ siteHosts: ['example.com'] });
 * classify({ url: 'https://example.com/a/b', user_agent: 'WhatsApp/2.23.20.0 A' });
 * // → { class: 'preview', channel: 'whatsapp', confidence: 'confirmed', rule: 'R1a.preview', … }
 */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const settings = toSettings(options);
  const cacheSize = options.uaCacheSize ?? DEFAULT_CACHE_SIZE;
  const userAgentFacts = createBoundedCache(cacheSize, readUserAgent);
  const referrerFacts = createBoundedCache(cacheSize, readReferrer);

  return function classify(hit: Hit): Classification {
    const landing = parseUrl(hit.url);
    const ua =
      typeof hit.user_agent === 'string' ? userAgentFacts(hit.user_agent) : readUserAgent(null);
    const referrer =
      typeof hit.referrer === 'string' ? referrerFacts(hit.referrer) : readReferrer(null);
    const campaign = readCampaign(landing.query);
    const ctx: HitContext = {
      hit,
      method: typeof hit.method === 'string' ? hit.method.toUpperCase() : 'GET',
      landing,
      landingHost: stripWww(landing.host),
      ua,
      referrer,
      campaign,
      campaignGa4: ga4FromCampaign(campaign),
      token: readShareToken(landing.fragment, hit.share_token),
    };
    for (const rule of RULES) {
      const result = rule(ctx, settings);
      if (result) return result;
    }
    // Unreachable: the last rule (R8) always answers.
    throw new Error('no classification rule matched');
  };
}

/** A classifier with default settings. */
export const classify: Classifier = createClassifier();
