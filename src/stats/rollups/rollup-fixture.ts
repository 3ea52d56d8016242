import { sampleEvent } from '../../store/conformance/index.ts';
import type { StoredEvent } from '../../store/index.ts';
import { DAY_MS } from './rollup-range.ts';

export { DAY_MS };

/** A Monday, so weekly buckets start on the fixture's first day. */
export const FIRST_DAY = Date.UTC(2026, 0, 5);
export const DAYS = 12;

const CLASSES = [
  ['dark_social', 'whatsapp', 'confirmed', 'Direct'],
  ['dark_social', 'telegram', 'strong', 'Direct'],
  ['dark_social', 'unknown', 'heuristic', 'Direct'],
  ['direct', 'none', 'heuristic', 'Direct'],
  ['search', 'google', 'strong', 'Organic Search'],
  ['social', 'facebook', 'strong', 'Organic Social'],
] as const;

/** A small deterministic generator (a linear congruential one): the same events every run. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

/**
 * Visits as the collector records them: visitor ids salted per UTC day (a visitor of two days is
 * two ids) and sessions that end before midnight, with page views, engagement, shares, previews,
 * clicks, share arrivals and a paid goal, over `DAYS` days of `siteId`.
 */
export function rollupFixture(siteId: string, seed: number, days = DAYS): StoredEvent[] {
  const pick = random(seed);
  const events: StoredEvent[] = [];
  for (let day = 0; day < days; day++) {
    const dayStart = FIRST_DAY + day * DAY_MS;
    const visits = 25 + pick(20);
    for (let visit = 0; visit < visits; visit++) {
      const visitor = `${siteId}-d${day}-v${pick(18)}`;
      const session = `${siteId}-d${day}-s${visit}`;
      const [cls, channel, confidence, ga4] = CLASSES[pick(CLASSES.length)]!;
      const steps = 1 + pick(4);
      let ts = dayStart + pick(DAY_MS - 3_600_000);
      const arrivedWith = pick(4) === 0 ? `tok-${day}-${pick(40)}` : '';
      for (let step = 0; step < steps; step++, ts += 30_000 + pick(600_000)) {
        const roll = pick(10);
        const base: Partial<StoredEvent> = {
          site_id: siteId,
          ts: Math.min(ts, dayStart + DAY_MS - 1),
          visitor_id: visitor,
          session_id: session,
          path: `/story/${pick(7)}`,
          class: step === 0 ? cls : ('internal' as const),
          channel: step === 0 ? channel : 'none',
          confidence: step === 0 ? confidence : 'certain',
          ga4: step === 0 ? ga4 : '',
          view_token: `${session}-${step}`,
          parent_token: step === 0 ? arrivedWith : '',
          device: ['mobile', 'desktop'][pick(2)]!,
        };
        if (step === 0 || roll < 5) events.push(sampleEvent(base));
        else if (roll < 7)
          events.push(sampleEvent({ ...base, name: 'engagement', engaged_ms: 5000 }));
        else if (roll < 8)
          events.push(sampleEvent({ ...base, name: 'share', share_channel: channel }));
        else if (roll < 9)
          events.push(sampleEvent({ ...base, name: 'signup', props: '{"revenue":"4.5"}' }));
        else {
          // Previews and link clicks belong to no visit, as the collector records them.
          const outside = {
            ...base,
            session_id: '',
            class: 'preview' as const,
            channel: 'whatsapp',
          };
          events.push(sampleEvent({ ...outside, name: 'preview', visitor_id: '' }));
          events.push(sampleEvent({ ...base, name: 'click', session_id: '' }));
        }
      }
    }
  }
  return events;
}

/** Numbers to 9 significant digits: a rate summed per day differs from one pass in the last bits. */
export function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(9));
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item)]));
  }
  return value;
}
