import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEvent } from '../../store/conformance/index.ts';
import { createDuckDbEventStore, type EventStore, type StoredEvent } from '../../store/index.ts';
import { computeOverview } from './compute-overview.ts';
import { bucketStarts, type PanelContext, parsePanelQuery } from './panel-context.ts';
import { realtimePanel } from './realtime-panel.ts';

const DAY = Date.UTC(2026, 2, 2); // a Monday
const H = 3_600_000;

// Site "h": four one-page visits. GA4 calls three of them Direct; two are dark social, one of
// which is confirmed by evidence.
const visit = (n: number, more: Partial<StoredEvent>) =>
  sampleEvent({
    site_id: 'h',
    visitor_id: `v${n}`,
    session_id: `s${n}`,
    ts: DAY + n * H,
    path: '/story',
    parent_token: '',
    ...more,
  });
// Site "c": a share cascade on /story. v1 shares twice and v2 once; A → B → C and A → D.
const arrival = (n: number, parent: string, token: string, ts: number) =>
  sampleEvent({
    site_id: 'c',
    visitor_id: `a${n}`,
    session_id: `c${n}`,
    ts,
    path: '/story',
    parent_token: parent,
    view_token: token,
  });
const events: StoredEvent[] = [
  visit(1, { class: 'dark_social', channel: 'whatsapp', confidence: 'confirmed', ga4: 'Direct' }),
  visit(2, { class: 'dark_social', channel: 'telegram', confidence: 'strong', ga4: 'Direct' }),
  visit(3, { class: 'direct', channel: 'none', confidence: 'heuristic', ga4: 'Direct' }),
  visit(4, { class: 'search', channel: 'google', confidence: 'strong', ga4: 'Organic Search' }),
  visit(5, { name: 'signup', class: 'internal', ga4: '', session_id: 's1', ts: DAY + H + 60_000 }),
  ...[1, 1, 2].map((n, i) =>
    sampleEvent({ site_id: 'c', name: 'share', visitor_id: `v${n}`, path: '/story', ts: DAY + i }),
  ),
  sampleEvent({
    site_id: 'c',
    name: 'preview',
    class: 'preview',
    channel: 'whatsapp',
    path: '/story',
    ts: DAY + 10 * 60_000,
  }),
  arrival(1, 'A', 'B', DAY + 20 * 60_000),
  arrival(2, 'B', 'C', DAY + 2 * H),
  arrival(3, 'A', 'D', DAY + 3 * H),
];

let store: EventStore;
beforeAll(async () => {
  store = await createDuckDbEventStore({ path: ':memory:' });
  await store.migrate();
  await store.append(events);
});
afterAll(() => store.close());

const context = (siteId: string, more: Partial<PanelContext> = {}): PanelContext => ({
  store,
  siteId,
  from: DAY,
  to: DAY + 86_400_000,
  filters: [],
  compare: false,
  goals: [],
  now: DAY + 12 * H,
  ...more,
});

describe('computeOverview', () => {
  it('answers the headline question: how much of GA4’s Direct is dark social, and proven', async () => {
    const { headline } = await computeOverview(context('h'));
    expect(headline.totals).toMatchObject({ visitors: 4, visits: 4, pageviews: 4, bounce_rate: 1 });
    expect(headline.ga4DirectVisits).toBe(3);
    expect(headline.darkShareOfDirect).toBeCloseTo(2 / 3);
    expect(headline.confirmedShareOfDirect).toBeCloseTo(1 / 3);
    expect(headline.darkShare).toBe(0.5);
    expect(headline.previous).toBeNull();
  });

  it('compares with the previous period of the same length', async () => {
    const { headline } = await computeOverview(context('h', { compare: true }));
    expect(headline.previous).toMatchObject({ visitors: 0, visits: 0 });
    const next = await computeOverview(
      context('h', { from: DAY + 86_400_000, to: DAY + 2 * 86_400_000, compare: true }),
    );
    expect(next.headline.totals.visits).toBe(0);
    expect(next.headline.previous?.visits).toBe(4);
  });

  it('stacks visitors per hour by class with no missing buckets', async () => {
    const { timeseries } = await computeOverview(context('h'));
    expect(timeseries.interval).toBe('hour');
    expect(timeseries.buckets).toHaveLength(24);
    expect(timeseries.series.dark_social?.slice(0, 4)).toEqual([0, 1, 1, 0]);
    expect(timeseries.series.search?.[4]).toBe(1);
  });

  it('lists channels and pages with their dark share, and honours filters', async () => {
    const { channels, pages } = await computeOverview(context('h'));
    expect(channels.rows.map((row) => [row.group, row.key, row.darkShare])).toEqual([
      ['dark_social', 'telegram', 1],
      ['dark_social', 'whatsapp', 1],
      ['direct', 'none', 0],
      ['search', 'google', 0],
    ]);
    expect(pages.rows).toEqual([
      { key: '/story', visitors: 4, visits: 4, pageviews: 4, shares: 0, darkShare: 0.5 },
    ]);
    const filtered = await computeOverview(
      context('h', { filters: [{ dimension: 'channel', op: 'is', value: 'whatsapp' }] }),
    );
    expect(filtered.headline.totals.visitors).toBe(1);
  });

  it('measures cascades: k-factor, depth, breadth and the biggest tree’s root', async () => {
    const { cascades, previews } = await computeOverview(context('c'));
    expect(cascades.rows).toEqual([
      {
        page: '/story',
        shares: 3,
        previews: 1,
        clicks: 0,
        sharers: 2,
        kFactor: 1.5, // a1, a2, a3 arrived through shares; v1 and v2 shared
        maxDepth: 2, // A → B → C
        maxBreadth: 2, // B and D
        rootToken: 'A',
      },
    ]);
    // The preview at 00:10 became the arrival at 00:20 (same page, same channel).
    expect(previews.previewToClick).toBe(1);
    expect(previews.medianMinutesToClick).toBe(10);
    expect(previews.series.whatsapp?.[0]).toBe(1);
  });

  it('converts per goal and class', async () => {
    const goal = { id: 'g', name: 'Signed up', kind: 'event' as const, value: 'signup' };
    const { goals } = await computeOverview(context('h', { goals: [goal] }));
    expect(goals.rows).toHaveLength(1);
    expect(goals.rows[0]).toMatchObject({ goal, conversions: 1, rate: 0.25 });
    expect(goals.rows[0]?.byClass.find((row) => row.class === 'dark_social')).toEqual({
      class: 'dark_social',
      visits: 2,
      conversions: 1,
      rate: 0.5,
    });
  });

  it('counts real-time visitors in the last five minutes only', async () => {
    const now = DAY + 4 * H + 60_000; // v4 at 04:00 is in, v3 at 03:00 is not
    expect(await realtimePanel(context('h', { now }))).toEqual({
      visitors: 1,
      pages: [{ page: '/story', visitors: 1 }],
    });
  });
});

describe('parsePanelQuery', () => {
  it('accepts a range with filters and comparison', () => {
    const filters = JSON.stringify([{ dimension: 'channel', op: 'is', value: 'whatsapp' }]);
    expect(parsePanelQuery({ from: '0', to: '1000', filters, compare: 'previous' })).toEqual({
      ok: true,
      value: {
        from: 0,
        to: 1000,
        compare: true,
        filters: [{ dimension: 'channel', op: 'is', value: 'whatsapp' }],
      },
    });
  });
  it('names the problem of a bad query', () => {
    expect(parsePanelQuery({ from: '5', to: '1' })).toEqual({
      ok: false,
      error: 'to: to must be after from',
    });
    expect(parsePanelQuery({ from: '0', to: '1', filters: '{' })).toMatchObject({ ok: false });
    const bad = JSON.stringify([{ dimension: 'password', op: 'is', value: 'x' }]);
    expect(parsePanelQuery({ from: '0', to: '1', filters: bad })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^filters\.0\.dimension: /),
    });
  });
});

describe('bucketStarts', () => {
  it('aligns weeks on Monday and months on the 1st, UTC', () => {
    const wed = Date.UTC(2026, 2, 4, 15);
    expect(bucketStarts(wed, wed + 8 * 86_400_000, 'week')).toEqual([
      Date.UTC(2026, 2, 2),
      Date.UTC(2026, 2, 9),
    ]);
    expect(bucketStarts(Date.UTC(2026, 0, 31), Date.UTC(2026, 2, 2), 'month')).toEqual([
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 1, 1),
      Date.UTC(2026, 2, 1),
    ]);
  });
});
