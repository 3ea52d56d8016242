import { sampleEvent } from '../store/conformance/index.ts';
import type { StoredEvent } from '../store/index.ts';

/** 2026-01-01T00:00:00Z, a Thursday; the fixture spans Jan 1 and Jan 2 plus one stray on Jan 11. */
export const DAY1 = Date.UTC(2026, 0, 1);
export const DAY2 = Date.UTC(2026, 0, 2);
export const RANGE = { from: DAY1, to: Date.UTC(2026, 0, 3) };

const at = (day: number, hour: number, minute = 0, second = 0) =>
  day + ((hour * 60 + minute) * 60 + second) * 1000;

type Visit = Pick<StoredEvent, 'site_id' | 'visitor_id' | 'session_id' | 'class' | 'channel'>;

const pageview = (visit: Visit, ts: number, path: string, entry: boolean): StoredEvent =>
  sampleEvent({
    ...visit,
    ts,
    path,
    // Page views after the first are same-site navigation, as the classifier marks them.
    ...(entry ? {} : { class: 'internal', channel: 'self' }),
  });

const A = 'site-a';
const s1: Visit = {
  site_id: A,
  visitor_id: 'v1',
  session_id: 's1',
  class: 'dark_social',
  channel: 'whatsapp',
};
const s2: Visit = {
  site_id: A,
  visitor_id: 'v2',
  session_id: 's2',
  class: 'search',
  channel: 'google',
};
const s3: Visit = {
  site_id: A,
  visitor_id: 'v1',
  session_id: 's3',
  class: 'direct',
  channel: 'none',
};
const s4: Visit = { ...s1, visitor_id: 'v3', session_id: 's4' };
const s5: Visit = { ...s1, visitor_id: 'v4', session_id: 's5', channel: 'telegram' };
const s6: Visit = { ...s2, visitor_id: 'v5', session_id: 's6' };
// Site B reuses visitor id v1 and has a channel and a page site A never has.
const b1: Visit = {
  site_id: 'site-b',
  visitor_id: 'v1',
  session_id: 'b1',
  class: 'dark_social',
  channel: 'signal',
};
const b2: Visit = { ...b1, visitor_id: 'v9', session_id: 'b2' };

/**
 * The hand-made events the stats tests check against (numbers worked out in the tests).
 * Site A, Jan 1–2:
 *   s1 v1 whatsapp  /a 10:00, /b 10:01, /a 10:03   3 pv, 180 s, + share 10:02, + custom (revenue 20)
 *   s2 v2 google    /b 11:00                        1 pv, bounce
 *   s3 v1 direct    /a 09:00, /c 09:00:30 (day 2)   2 pv, 30 s, + custom (revenue 5.5)
 *   s4 v3 whatsapp  /c 12:00 (day 2)                1 pv, bounce, + engagement
 *   s5 v4 telegram  /a 13:00, /b 13:02 (day 2)      2 pv, 120 s, + share 13:01
 *   previews (whatsapp) day 1 09:00, day 2 08:00; clicks (whatsapp) day 1, day 2, + one bot click
 *   s6 v5 google    /a on Jan 11, outside RANGE
 * Site B: b1 v1 signal /b-only ×3 (+ share, preview, click), b2 v9 /b-only ×1.
 */
export function statsFixture(): StoredEvent[] {
  const noVisit = { site_id: A, session_id: '', path: '/a' };
  return [
    pageview(s1, at(DAY1, 10), '/a', true),
    pageview(s1, at(DAY1, 10, 1), '/b', false),
    sampleEvent({ ...s1, name: 'share', ts: at(DAY1, 10, 2), share_channel: 'whatsapp' }),
    sampleEvent({
      ...s1,
      name: 'custom',
      ts: at(DAY1, 10, 2, 30),
      class: 'internal',
      props: '{"revenue":"20"}',
    }),
    pageview(s1, at(DAY1, 10, 3), '/a', false),
    pageview(s2, at(DAY1, 11), '/b', true),
    pageview(s3, at(DAY2, 9), '/a', true),
    sampleEvent({ ...s3, name: 'custom', ts: at(DAY2, 9, 0, 10), props: '{"revenue":5.5}' }),
    pageview(s3, at(DAY2, 9, 0, 30), '/c', false),
    pageview(s4, at(DAY2, 12), '/c', true),
    sampleEvent({ ...s4, name: 'engagement', ts: at(DAY2, 12, 0, 20), engaged_ms: 20_000 }),
    pageview(s5, at(DAY2, 13), '/a', true),
    sampleEvent({ ...s5, name: 'share', ts: at(DAY2, 13, 1), share_channel: 'telegram' }),
    pageview(s5, at(DAY2, 13, 2), '/b', false),
    ...[at(DAY1, 9), at(DAY2, 8)].map((ts) =>
      sampleEvent({
        ...noVisit,
        name: 'preview',
        ts,
        class: 'preview',
        channel: 'whatsapp',
        visitor_id: '',
      }),
    ),
    ...[at(DAY1, 12), at(DAY2, 14)].map((ts) =>
      sampleEvent({
        ...noVisit,
        name: 'click',
        ts,
        class: 'dark_social',
        channel: 'whatsapp',
        visitor_id: `c${ts}`,
      }),
    ),
    sampleEvent({
      ...noVisit,
      name: 'click',
      ts: at(DAY2, 15),
      class: 'bot',
      channel: 'none',
      visitor_id: 'bot',
    }),
    pageview(s6, Date.UTC(2026, 0, 11, 10), '/a', true),
    pageview(b1, at(DAY1, 10), '/b-only', true),
    pageview(b1, at(DAY1, 10, 5), '/b-only', false),
    pageview(b1, at(DAY1, 10, 9), '/b-only', false),
    sampleEvent({ ...b1, name: 'share', ts: at(DAY1, 10, 6), share_channel: 'signal' }),
    sampleEvent({ ...b1, name: 'preview', ts: at(DAY1, 9), session_id: '', class: 'preview' }),
    sampleEvent({ ...b1, name: 'click', ts: at(DAY1, 9, 30), session_id: '' }),
    pageview(b2, at(DAY2, 10), '/b-only', true),
  ];
}
