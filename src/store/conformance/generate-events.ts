import type { StoredEvent } from '../stored-event.ts';

/** mulberry32: a tiny seeded PRNG, so a run with the same seed generates the same events. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const CHANNELS: readonly (readonly [string, StoredEvent['class']])[] = [
  ['whatsapp', 'dark_social'],
  ['telegram', 'dark_social'],
  ['signal', 'dark_social'],
  ['messenger', 'dark_social'],
  ['email', 'dark_social'],
  ['none', 'direct'],
  ['google', 'search'],
  ['bing', 'search'],
  ['facebook', 'social'],
  ['linkedin', 'social'],
  ['newsletter', 'campaign'],
  ['example.org', 'referral'],
];
const DEVICES = ['mobile', 'desktop', 'tablet'];
const BROWSERS = ['Chrome', 'Safari', 'Firefox', 'Edge', 'Samsung Internet'];
const COUNTRIES = ['FR', 'DE', 'ES', 'IT', 'GB', 'US', 'BR', 'IN', 'NG', 'JP'];

export interface GenerateOptions {
  /** How many events in all (page views plus the events they lead to). */
  count: number;
  /** Site ids to spread visits over (default one site, `bench`). */
  sites?: readonly string[];
  /** First day (epoch ms, UTC midnight) and how many days the visits span. */
  from?: number;
  days?: number;
  seed?: number;
  /** Events per yielded batch (default 10,000). */
  batch?: number;
}

/**
 * Deterministic, realistic-enough analytics traffic for benchmarks and round-trip tests: visits
 * of 1–5 page views on 200 paths spread evenly over `days` days in time order, from 12 channels,
 * with engagement pings, shares, link previews and clicks. Yields batches so 10M events never
 * sit in memory at once.
 */
export function* generateEvents(options: GenerateOptions): Generator<StoredEvent[]> {
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const sites = options.sites ?? ['bench'];
  const from = options.from ?? Date.UTC(2026, 0, 1);
  const span = (options.days ?? 90) * 86_400_000;
  const batchSize = options.batch ?? 10_000;
  let batch: StoredEvent[] = [];
  let made = 0;
  let visit = 0;
  while (made < options.count) {
    visit++;
    const site = pick(sites);
    const [channel, klass] = pick(CHANNELS);
    const visitor = `v${Math.floor(rand() * options.count * 0.3).toString(16)}`;
    const session = `s${visit.toString(16)}`;
    const device = pick(DEVICES);
    const browser = pick(BROWSERS);
    const country = pick(COUNTRIES);
    // Visits arrive in time order, as a collector's log does, with a minute of jitter.
    let ts = from + Math.floor((made / options.count) * span + rand() * 60_000);
    const pages = 1 + Math.floor(rand() * rand() * 5);
    for (let page = 0; page < pages && made < options.count; page++) {
      const path = `/articles/${Math.floor(rand() * rand() * 200)}`;
      const names = ['pageview'];
      const roll = rand();
      if (roll < 0.3) names.push('engagement');
      else if (roll < 0.36) names.push('share');
      else if (roll < 0.4) names.push('preview');
      else if (roll < 0.44) names.push('click');
      for (const name of names) {
        if (made >= options.count) break;
        made++;
        batch.push({
          id: `g${options.seed ?? 1}-${made.toString(36)}`,
          site_id: site,
          ts,
          name,
          hostname: `${site}.example`,
          path,
          referrer_host: klass === 'search' || klass === 'social' ? `${channel}.com` : '',
          class: page > 0 && name === 'pageview' ? 'internal' : klass,
          channel: page > 0 && name === 'pageview' ? 'internal' : channel,
          confidence: klass === 'dark_social' ? 'likely' : 'certain',
          rule: 'R0.generated',
          ga4: klass === 'search' ? 'Organic Search' : 'Direct',
          visitor_id: name === 'preview' ? '' : visitor,
          session_id: name === 'preview' ? '' : session,
          view_token: `t${made.toString(36)}`,
          parent_token: rand() < 0.05 ? `t${Math.floor(rand() * made).toString(36)}` : '',
          share_channel: name === 'share' ? pick(['whatsapp', 'telegram', 'copy']) : '',
          engaged_ms: name === 'engagement' ? Math.floor(rand() * 120_000) : 0,
          device,
          browser,
          os: device === 'desktop' ? 'Windows' : 'Android',
          country,
          utm_source: klass === 'campaign' ? 'newsletter' : '',
          utm_medium: klass === 'campaign' ? 'email' : '',
          utm_campaign: klass === 'campaign' ? `week-${Math.floor(rand() * 12)}` : '',
          props: name === 'click' ? JSON.stringify({ href: `https://x.example/${page}` }) : '',
        });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      ts += 5_000 + Math.floor(rand() * 120_000);
    }
  }
  if (batch.length) yield batch;
}
