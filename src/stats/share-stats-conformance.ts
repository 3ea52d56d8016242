import { expect, it } from 'vitest';
import { sampleEvent } from '../store/conformance/sample-event.ts';
import type { EventStore } from '../store/index.ts';
import { parseStatsQuery, type StatsQueryInput } from './query-spec.ts';
import { runStatsQuery } from './run-stats-query.ts';
import { DAY1, RANGE } from './stats-fixture.ts';

/**
 * The stats conformance suite's share metrics and generations (run inside
 * `runStatsConformance`, on its store): each test adds its own hand-made site and works its
 * numbers out by hand.
 */
export function shareStatsConformance(storeOf: () => EventStore): void {
  it('counts distinct sharers and the distinct visitors their shares brought', async () => {
    const event = (name: string, visitor: string, path: string, parent = '') =>
      sampleEvent({
        site_id: 'site-share',
        name,
        visitor_id: visitor,
        session_id: `s-${visitor}`,
        path,
        parent_token: parent,
        ts: DAY1 + 12 * 3_600_000,
      });
    await storeOf().append([
      event('share', 'v1', '/a'),
      event('share', 'v1', '/a'), // v1 shares twice: one sharer
      event('share', 'v2', '/b'),
      event('share', '', '/c'), // a share without a visitor id counts, its sharer cannot
      event('pageview', 'v5', '/a', 'p1'),
      event('pageview', 'v5', '/a', 'p2'), // v5 arrives twice through shares: one visitor
      event('pageview', 'v6', '/b', 'p3'),
      event('pageview', 'v7', '/a'), // no parent token: not brought by a share
    ]);
    const shareStats = (query: Partial<StatsQueryInput>) =>
      runStatsQuery(storeOf(), parseStatsQuery({ siteId: 'site-share', ...RANGE, ...query }));
    const metrics = ['shares', 'sharers', 'referred_visitors'] as const;
    expect(await shareStats({ metrics: [...metrics] })).toEqual([
      { shares: 4, sharers: 2, referred_visitors: 2 },
    ]);
    expect(await shareStats({ metrics: [...metrics], dimensions: ['page'] })).toEqual([
      { page: '/a', shares: 2, sharers: 1, referred_visitors: 1 },
      { page: '/b', shares: 1, sharers: 1, referred_visitors: 1 },
      { page: '/c', shares: 1, sharers: 0, referred_visitors: 0 },
    ]);
  });

  it('places each share arrival in its cascade generation, with depth and k-factor', async () => {
    // A (no token) → B → C and A → D; X carries a token nobody here minted; a link click K
    // (the root of its own cascade) brings E. a and b shared.
    const view = (visitor: string, token: string, parent: string, minute: number) =>
      sampleEvent({
        site_id: 'site-cascade',
        visitor_id: visitor,
        session_id: `s-${visitor}`,
        view_token: token,
        parent_token: parent,
        path: '/story',
        ts: DAY1 + 8 * 3_600_000 + minute * 60_000,
      });
    await storeOf().append([
      view('a', 'A', '', 0),
      { ...view('a', 'A-share', '', 1), name: 'share' },
      view('b', 'B', 'A', 2),
      { ...view('b', 'B-share', '', 3), name: 'share' },
      view('c', 'C', 'B', 4),
      view('d', 'D', 'A', 5),
      view('x', 'X', 'Q', 6),
      { ...view('k', 'K', '', 7), name: 'click', session_id: '' },
      view('e', 'E', 'K', 8),
    ]);
    const cascadeStats = (query: Partial<StatsQueryInput>) =>
      runStatsQuery(storeOf(), parseStatsQuery({ siteId: 'site-cascade', ...RANGE, ...query }));
    expect(
      await cascadeStats({ metrics: ['pageviews', 'visitors'], dimensions: ['generation'] }),
    ).toEqual([
      { generation: '1', pageviews: 4, visitors: 4 }, // B, D, X, E
      { generation: '0', pageviews: 1, visitors: 1 }, // A
      { generation: '2', pageviews: 1, visitors: 1 }, // C
    ]);
    // Five visitors arrived through a share (b, c, d, x, e) for two sharers (a, b).
    expect(await cascadeStats({ metrics: ['cascade_depth', 'k_factor', 'sharers'] })).toEqual([
      { cascade_depth: 2, k_factor: 2.5, sharers: 2 },
    ]);
    expect(
      await cascadeStats({
        metrics: ['pageviews'],
        filters: [{ dimension: 'generation', op: 'is', value: '2' }],
      }),
    ).toEqual([{ pageviews: 1 }]);
  });
}
