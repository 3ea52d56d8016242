import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEvent } from '../store/conformance/sample-event.ts';
import type { EventStore } from '../store/index.ts';
import { parseStatsQuery, type StatsQueryInput, TOTAL_METRICS } from './query-spec.ts';
import { runStatsQuery } from './run-stats-query.ts';
import { shareStatsConformance } from './share-stats-conformance.ts';
import { DAY1, DAY2, RANGE, statsFixture } from './stats-fixture.ts';

const ALL = TOTAL_METRICS;

/**
 * The stats conformance suite: the same hand-computed fixture (stats-fixture.ts) through the
 * compiler and `selectRows` of any EventStore adapter must give the same numbers. Every expected
 * number below is worked out by hand from the fixture's table.
 */
export function runStatsConformance(name: string, open: () => Promise<EventStore>): void {
  describe(`stats on ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.append(statsFixture());
    });
    afterAll(() => store.close());

    const stats = (query: Partial<StatsQueryInput>) =>
      runStatsQuery(store, parseStatsQuery({ siteId: 'site-a', metrics: ALL, ...RANGE, ...query }));

    it('computes every metric for the whole range', async () => {
      expect(await stats({})).toEqual([
        {
          visitors: 4, // v1 (s1, s3), v2, v3, v4; s6's v5 is after the range
          visits: 5, // s1..s5
          pageviews: 9, // 3 + 1 + 2 + 1 + 2
          bounce_rate: 0.4, // s2 and s4 have one page view: 2 / 5
          visit_duration: 66, // (180 + 0 + 30 + 0 + 120) / 5
          shares: 2, // s1, s5
          previews: 2,
          clicks: 2, // 3 clicks minus the bot's
        },
      ]);
    });

    it('groups by channel, attributing each visit (and its shares) to its entry', async () => {
      expect(await stats({ dimensions: ['channel'] })).toEqual([
        // s1 + s4: visitors v1, v3; page views 3 + 1; bounce 1 of 2; (180 + 0) / 2 s;
        // s1's share; both previews and both human clicks carry whatsapp themselves.
        {
          channel: 'whatsapp',
          visitors: 2,
          visits: 2,
          pageviews: 4,
          bounce_rate: 0.5,
          visit_duration: 90,
          shares: 1,
          previews: 2,
          clicks: 2,
        },
        { channel: 'google', ...visit(1, 1, 0), shares: 0, previews: 0, clicks: 0 }, // s2
        { channel: 'none', ...visit(2, 0, 30), shares: 0, previews: 0, clicks: 0 }, // s3
        { channel: 'telegram', ...visit(2, 0, 120), shares: 1, previews: 0, clicks: 0 }, // s5
      ]);
    });

    it('never shows navigation page views as internal: a visit keeps its entry class', async () => {
      const rows = await stats({ metrics: ['visits', 'pageviews'], dimensions: ['class'] });
      expect(rows).toEqual([
        { class: 'dark_social', visits: 3, pageviews: 6 }, // s1 3 + s4 1 + s5 2
        { class: 'direct', visits: 1, pageviews: 2 }, // s3
        { class: 'search', visits: 1, pageviews: 1 }, // s2
      ]);
    });

    it('counts visitors and visits per page as those that viewed it', async () => {
      const rows = await stats({
        metrics: ['visitors', 'visits', 'pageviews'],
        dimensions: ['page'],
      });
      expect(rows).toEqual([
        { page: '/b', visitors: 3, visits: 3, pageviews: 3 }, // s1 v1, s2 v2, s5 v4
        { page: '/a', visitors: 2, visits: 3, pageviews: 4 }, // s1 ×2 and s3 are v1, s5 v4
        { page: '/c', visitors: 2, visits: 2, pageviews: 2 }, // s3 v1, s4 v3
      ]);
    });

    it('groups by entry page and by two dimensions', async () => {
      expect(
        await stats({ metrics: ['visits', 'bounce_rate'], dimensions: ['entry_page'] }),
      ).toEqual([
        { entry_page: '/a', visits: 3, bounce_rate: 0 }, // s1, s3, s5
        { entry_page: '/b', visits: 1, bounce_rate: 1 }, // s2
        { entry_page: '/c', visits: 1, bounce_rate: 1 }, // s4
      ]);
      const rows = await stats({ metrics: ['pageviews'], dimensions: ['class', 'page'] });
      expect(rows).toEqual([
        { class: 'dark_social', page: '/a', pageviews: 3 }, // s1 ×2, s5
        { class: 'dark_social', page: '/b', pageviews: 2 }, // s1, s5
        { class: 'dark_social', page: '/c', pageviews: 1 }, // s4
        { class: 'direct', page: '/a', pageviews: 1 }, // s3
        { class: 'direct', page: '/c', pageviews: 1 }, // s3
        { class: 'search', page: '/b', pageviews: 1 }, // s2
      ]);
    });

    it('buckets by day, each visit in the bucket where it started', async () => {
      expect(await stats({ interval: 'day' })).toEqual([
        // Jan 1: s1, s2 (v1, v2); 3 + 1 page views; 1 bounce of 2; (180 + 0) / 2 s
        {
          bucket: DAY1,
          ...visit(4, 0.5, 90),
          visitors: 2,
          visits: 2,
          shares: 1,
          previews: 1,
          clicks: 1,
        },
        // Jan 2: s3, s4, s5 (v1, v3, v4); 2 + 1 + 2; 1 bounce of 3; (30 + 0 + 120) / 3 s
        {
          bucket: DAY2,
          ...visit(5, 1 / 3, 50),
          visitors: 3,
          visits: 3,
          shares: 1,
          previews: 1,
          clicks: 1,
        },
      ]);
      const hours = await stats({
        metrics: ['pageviews'],
        interval: 'hour',
        dimensions: ['channel'],
      });
      // Jan 1 10:00 holds s1's three page views; 11:00 s2's one.
      expect(hours.slice(0, 2)).toEqual([
        { channel: 'whatsapp', bucket: DAY1 + 10 * 3_600_000, pageviews: 3 },
        { channel: 'google', bucket: DAY1 + 11 * 3_600_000, pageviews: 1 },
      ]);
      // A week bucket starts on Monday Dec 29, 2025 and holds all nine page views.
      expect(await stats({ metrics: ['pageviews'], interval: 'week' })).toEqual([
        { bucket: Date.UTC(2025, 11, 29), pageviews: 9 },
      ]);
    });

    it('filters on the attributed value of a dimension', async () => {
      const whatsapp = { dimension: 'channel', op: 'is', value: 'whatsapp' } as const;
      expect(await stats({ filters: [whatsapp] })).toEqual([
        { ...visit(4, 0.5, 90), visitors: 2, visits: 2, shares: 1, previews: 2, clicks: 2 },
      ]);
      const notWhatsapp = { ...whatsapp, op: 'is_not' } as const;
      expect(await stats({ filters: [notWhatsapp] })).toEqual([
        // s2, s3, s5: v2, v1, v4; 1 + 2 + 2; 1 bounce of 3; (0 + 30 + 120) / 3 s
        { ...visit(5, 1 / 3, 50), visitors: 3, visits: 3, shares: 1, previews: 0, clicks: 0 },
      ]);
    });

    it('filters by page: the visits that viewed it, and only its page views', async () => {
      const page = { dimension: 'page', op: 'is', value: '/c' } as const;
      const metrics = ['visitors', 'visits', 'pageviews', 'bounce_rate'] as const;
      // s3 (2 page views) and s4 (a bounce) viewed /c once each.
      expect(await stats({ metrics: [...metrics], filters: [page] })).toEqual([
        { visitors: 2, visits: 2, pageviews: 2, bounce_rate: 0.5 },
      ]);
      // contains is case-insensitive and literal: '/A' matches /a (4 page views), '%' nothing.
      const contains = { dimension: 'page', op: 'contains', value: '/A' } as const;
      expect(await stats({ metrics: ['pageviews'], filters: [contains] })).toEqual([
        { pageviews: 4 },
      ]);
      const percent = { ...contains, value: '%' };
      expect(await stats({ metrics: ['pageviews'], filters: [percent] })).toEqual([
        { pageviews: 0 },
      ]);
    });

    it('treats hostile filter values as data', async () => {
      for (const value of ["' OR 1=1 --", "'; DROP TABLE events; --", '$1', '") OR ("1"="1']) {
        const filters = [{ dimension: 'channel', op: 'is', value } as const];
        expect(await stats({ metrics: ['visitors', 'pageviews', 'clicks'], filters })).toEqual([
          { visitors: 0, pageviews: 0, clicks: 0 },
        ]);
      }
      expect(await store.count()).toBe(statsFixture().length);
    });

    it("keeps sites apart: site B's rows never appear in site A's results", async () => {
      const a = await stats({ dimensions: ['channel', 'page'], limit: 1000 });
      expect(a.map((row) => row.channel)).not.toContain('signal');
      expect(a.map((row) => row.page)).not.toContain('/b-only');
      // b1 (v1, 3 page views, 9 min) and b2 (v9, a bounce); v1 also visits site A.
      expect(await stats({ siteId: 'site-b' })).toEqual([
        { ...visit(4, 0.5, 270), visitors: 2, visits: 2, shares: 1, previews: 1, clicks: 1 },
      ]);
    });

    it('counts the visits that entered through dark social, per page', async () => {
      expect(await stats({ metrics: ['visits', 'dark_visits'] })).toEqual([
        { visits: 5, dark_visits: 3 }, // s1, s4, s5
      ]);
      const rows = await stats({ metrics: ['visits', 'dark_visits'], dimensions: ['page'] });
      expect(rows).toEqual([
        { page: '/a', visits: 3, dark_visits: 2 }, // s1, s3, s5
        { page: '/b', visits: 3, dark_visits: 2 }, // s1, s2, s5
        { page: '/c', visits: 2, dark_visits: 1 }, // s3, s4
      ]);
    });

    it('counts goal conversions per visit, with their rate and revenue, by class', async () => {
      const goal = { kind: 'event', value: 'custom' } as const;
      const metrics = ['visits', 'conversions', 'conversion_rate', 'revenue'] as const;
      // s1 (revenue "20") and s3 (5.5) sent the custom event; 5 visits in all.
      expect(await stats({ metrics: [...metrics], goal })).toEqual([
        { visits: 5, conversions: 2, conversion_rate: 0.4, revenue: 25.5 },
      ]);
      expect(await stats({ metrics: [...metrics], goal, dimensions: ['class'] })).toEqual([
        { class: 'dark_social', visits: 3, conversions: 1, conversion_rate: 1 / 3, revenue: 20 },
        { class: 'direct', visits: 1, conversions: 1, conversion_rate: 1, revenue: 5.5 },
        { class: 'search', visits: 1, conversions: 0, conversion_rate: 0, revenue: 0 },
      ]);
    });

    it('matches page goals with * wildcards and takes % and _ literally', async () => {
      const rate = async (value: string) =>
        stats({ metrics: ['conversions'], goal: { kind: 'page', value } });
      expect(await rate('/b*')).toEqual([{ conversions: 3 }]); // s1, s2, s5 viewed /b
      expect(await rate('/c')).toEqual([{ conversions: 2 }]); // s3, s4
      expect(await rate('*')).toEqual([{ conversions: 5 }]);
      expect(await rate('/%')).toEqual([{ conversions: 0 }]);
      expect(await rate('/_')).toEqual([{ conversions: 0 }]);
    });

    it('keeps the range half-open and applies the limit after ordering', async () => {
      // to = s1's first page view: nothing of s1 is counted; s2 and later are outside too.
      expect(await stats({ metrics: ['pageviews'], to: DAY1 + 10 * 3_600_000 })).toEqual([
        { pageviews: 0 },
      ]);
      // Through Jan 11 the stray s6 (v5) is in: 5 visitors.
      const wide = await stats({ metrics: ['visitors'], to: Date.UTC(2026, 0, 12) });
      expect(wide).toEqual([{ visitors: 5 }]);
      const top = await stats({ metrics: ['visitors'], dimensions: ['page'], limit: 1 });
      expect(top).toEqual([{ page: '/b', visitors: 3 }]);
    });

    shareStatsConformance(() => store);

    it('gives a visit whole to the range its start falls in', async () => {
      const edge = (session: string, visitor: string, ts: number, entry: boolean) =>
        sampleEvent({
          site_id: 'site-edge',
          session_id: session,
          visitor_id: visitor,
          ts,
          path: entry ? '/in' : '/next',
          class: entry ? 'dark_social' : 'internal',
          channel: entry ? 'whatsapp' : 'none',
        });
      const minute = 60_000;
      await store.append([
        // Began ten minutes before the range: not one of its visits, though it goes on inside.
        edge('before', 'v-before', RANGE.from - 10 * minute, true),
        edge('before', 'v-before', RANGE.from + 5 * minute, false),
        // Began inside and ended after: a visit of the range, with both its page views.
        edge('across', 'v-across', RANGE.to - 10 * minute, true),
        edge('across', 'v-across', RANGE.to + 20 * minute, false),
        edge('inside', 'v-inside', RANGE.from + 60 * minute, true),
      ]);
      const edgeStats = (query: Partial<StatsQueryInput>) =>
        runStatsQuery(store, parseStatsQuery({ siteId: 'site-edge', ...RANGE, ...query }));
      expect(
        await edgeStats({
          metrics: ['visitors', 'visits', 'pageviews', 'bounce_rate', 'visit_duration'],
        }),
      ).toEqual([
        // across: 2 page views over 30 minutes; inside: one (a bounce).
        { visitors: 2, visits: 2, pageviews: 3, bounce_rate: 0.5, visit_duration: 900 },
      ]);
      // Page views by themselves are counted where they happened: before's second, across's
      // first, inside's.
      expect(await edgeStats({ metrics: ['pageviews'] })).toEqual([{ pageviews: 3 }]);
      expect(await edgeStats({ metrics: ['pageviews'], dimensions: ['page'] })).toEqual([
        { page: '/in', pageviews: 2 },
        { page: '/next', pageviews: 1 },
      ]);
      // Who is on the site, whenever their visit began.
      expect(await edgeStats({ metrics: ['active_visitors'] })).toEqual([{ active_visitors: 3 }]);
    });
  });
}

/** The per-visit metrics shared by several expectations (visitors and visits are set inline). */
function visit(pageviews: number, bounce_rate: number, visit_duration: number) {
  return { visitors: 1, visits: 1, pageviews, bounce_rate, visit_duration };
}
