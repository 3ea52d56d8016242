import { type Classifier, createClassifier } from '../classify/index.ts';
import type { Site, StateStore, StoredEvent } from '../store/index.ts';
import { describeDevice } from './describe-device.ts';
import type { Dropped, PendingEvent, Step } from './pipeline.ts';
import type { RecentViews } from './recent-views.ts';
import type { createSessionTracker } from './session-tracker.ts';
import type { VisitorHasher } from './visitor-hash.ts';

export interface StepDeps {
  state: StateStore;
  hasher: VisitorHasher;
  sessions: ReturnType<typeof createSessionTracker>;
  /** Events per second allowed from one IP + user agent; 0 disables the limit. */
  rateLimitPerSecond: number;
  newEventId: () => string;
  recentViews: RecentViews;
}

const SITE_CACHE_MS = 10_000;
const TOKEN_OWNERS_MAX = 200_000;

/** `/private/**` matches any depth below /private; `*` matches within one segment. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function pathOf(url: string): string {
  const afterScheme = url.indexOf('//');
  const slash = url.indexOf('/', afterScheme + 2);
  if (slash === -1) return '/';
  const end = url.slice(slash).search(/[?#]/);
  return end === -1 ? url.slice(slash) : url.slice(slash, slash + end);
}

const NO_UTM = { utm_source: '', utm_medium: '', utm_campaign: '' };

/** UTM values of a page URL; most URLs have no query, so skip URL parsing for them. */
function readUtm(url: string): typeof NO_UTM {
  if (!url.includes('utm_')) return NO_UTM;
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return NO_UTM;
  }
  const value = (name: string) => (params.get(name) ?? '').slice(0, 200);
  return {
    utm_source: value('utm_source'),
    utm_medium: value('utm_medium'),
    utm_campaign: value('utm_campaign'),
  };
}

function hostOf(url: string): string {
  const start = url.indexOf('//') + 2;
  const end = url.slice(start).search(/[/?#:]/);
  return (end === -1 ? url.slice(start) : url.slice(start, start + end)).toLowerCase();
}

/** The pipeline's steps, bound to their dependencies; order is the contract. */
export function createPipelineSteps(deps: StepDeps): (readonly [string, Step])[] {
  const siteCache = new Map<string, { site: Site | null; at: number }>();
  const classifiers = new Map<string, { key: string; classify: Classifier }>();
  const excluded = new Map<string, RegExp[]>();
  const rateWindows = new Map<string, { second: number; count: number }>();
  const tokenOwners = new Map<string, string>();

  // The site cache hands out the same Site object for 10 s: compare settings only when it changes.
  const bySiteObject = new WeakMap<Site, Classifier>();
  const classifierFor = (site: Site): Classifier => {
    const known = bySiteObject.get(site);
    if (known) return known;
    const key = JSON.stringify(site.settings);
    const cached = classifiers.get(site.id);
    if (cached?.key === key) {
      bySiteObject.set(site, cached.classify);
      return cached.classify;
    }
    const classify = createClassifier({
      siteHosts: [site.domain, ...site.settings.extraDomains],
      deepLinkDepth: site.settings.deepLinkDepth,
      sectionPaths: site.settings.sectionPaths,
    });
    classifiers.set(site.id, { key, classify });
    bySiteObject.set(site, classify);
    excluded.set(site.id, site.settings.excludedPaths.map(globToRegExp));
    return classify;
  };

  const resolveSite: Step = async (pending) => {
    const domain = pending.payload.d.toLowerCase();
    let entry = siteCache.get(domain);
    if (!entry || pending.request.now - entry.at > SITE_CACHE_MS) {
      entry = { site: await deps.state.findSiteByDomain(domain), at: pending.request.now };
      siteCache.set(domain, entry);
    }
    if (!entry.site) return { dropped: 'unknown_site' };
    classifierFor(entry.site);
    return { ...pending, site: entry.site };
  };

  const dropExcludedPath: Step = (pending) => {
    const patterns = excluded.get(pending.site!.id) ?? [];
    const path = pathOf(pending.payload.u);
    return patterns.some((pattern) => pattern.test(path)) ? { dropped: 'excluded_path' } : pending;
  };

  const dropDoNotTrack: Step = (pending) =>
    pending.site!.settings.respectDoNotTrack && pending.request.doNotTrack
      ? { dropped: 'do_not_track' }
      : pending;

  const dropRateLimited: Step = (pending) => {
    if (deps.rateLimitPerSecond <= 0) return pending;
    const key = `${pending.request.ip}|${pending.request.userAgent}`;
    const second = Math.floor(pending.request.now / 1000);
    const window = rateWindows.get(key);
    if (!window || window.second !== second) {
      if (rateWindows.size > 100_000) rateWindows.clear();
      rateWindows.set(key, { second, count: 1 });
      return pending;
    }
    window.count++;
    return window.count > deps.rateLimitPerSecond ? { dropped: 'rate_limited' } : pending;
  };

  const putVisitor: Step = async (pending) => {
    const { ip, userAgent, now } = pending.request;
    const siteId = pending.site!.id;
    const visitorId = await deps.hasher.visitorId(siteId, ip, userAgent, now);
    const deviceId =
      pending.payload.n === 'pageview' ? await deps.hasher.deviceId(siteId, ip, now) : undefined;
    return { ...pending, visitorId, deviceId };
  };

  const putClassification: Step = (pending): PendingEvent | Dropped => {
    const { payload, visitorId } = pending;
    // The issuer of the arrival token is known while its owner is remembered (same salt day).
    const owner = payload.a ? tokenOwners.get(payload.a) : undefined;
    const classification = classifierFor(pending.site!)({
      url: payload.u,
      referrer: payload.r ?? '',
      user_agent: pending.request.userAgent,
      client: payload.c ?? null,
      share_token: payload.a ?? null,
      share_channel: payload.ac ?? null,
      share_self: owner === undefined ? null : owner === visitorId,
    });
    if (classification.class === 'bot' || classification.class === 'preview')
      return { dropped: 'bot' };
    if (payload.n === 'pageview' && payload.k) {
      if (tokenOwners.size >= TOKEN_OWNERS_MAX)
        tokenOwners.delete(tokenOwners.keys().next().value!);
      tokenOwners.set(payload.k, visitorId!);
    }
    return { ...pending, classification };
  };

  const putSession: Step = (pending) => {
    const { sessionId } = deps.sessions.touch(pending.visitorId!, pending.request.now);
    return { ...pending, sessionId };
  };

  const putEvent: Step = (pending) => {
    const { payload, classification: c, request } = pending;
    const utm = readUtm(payload.u);
    const device = describeDevice(request.userAgent, payload.w);
    const event: StoredEvent = {
      id: deps.newEventId(),
      site_id: pending.site!.id,
      ts: request.now,
      name: payload.n,
      hostname: hostOf(payload.u),
      path: pathOf(payload.u).slice(0, 2048),
      referrer_host: c!.rule.startsWith('R4') ? c!.evidence.replace(/^android-app:\/\//, '') : '',
      class: c!.class,
      channel: c!.channel,
      confidence: c!.confidence,
      rule: c!.rule,
      ga4: c!.ga4 ?? '',
      visitor_id: pending.visitorId!,
      session_id: pending.sessionId!,
      view_token: payload.k ?? '',
      parent_token: payload.a ?? '',
      share_channel: payload.n === 'share' ? (payload.ch ?? '') : (payload.ac ?? ''),
      engaged_ms: payload.e ?? 0,
      ...device,
      country: '',
      ...utm,
      props: payload.p
        ? JSON.stringify(payload.p)
        : payload.o
          ? JSON.stringify({ url: payload.o })
          : '',
    };
    if (pending.deviceId && event.view_token) {
      deps.recentViews.remember(
        event.site_id,
        pending.deviceId,
        event.path,
        event.view_token,
        event.ts,
      );
    }
    return { ...pending, event };
  };

  return [
    ['resolveSite', resolveSite],
    ['dropExcludedPath', dropExcludedPath],
    ['dropDoNotTrack', dropDoNotTrack],
    ['dropRateLimited', dropRateLimited],
    ['putVisitor', putVisitor],
    ['putClassification', putClassification],
    ['putSession', putSession],
    ['putEvent', putEvent],
  ];
}
