import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEvent } from '../../store/conformance/index.ts';
import {
  createDuckDbEventStore,
  createThreadedEventStore,
  type EventStore,
} from '../../store/index.ts';
import { computeOverview } from '../overview/compute-overview.ts';
import type { PanelContext } from '../overview/panel-context.ts';
import { parseStatsQuery, type StatsQueryInput } from '../query-spec.ts';
import { runStatsQuery } from '../run-stats-query.ts';
import { DAY_MS, FIRST_DAY, rollupFixture, rounded } from './rollup-fixture.ts';
import { planRollup } from './rollup-range.ts';
import { runRolledUpQuery } from './run-rolled-up-query.ts';

const H = 3_600_000;
const GOALS = [
  { id: 'g1', name: 'Signed up', kind: 'event' as const, value: 'signup' },
  { id: 'g2', name: 'Read story 3', kind: 'page' as const, value: '/story/3*' },
];

/** The same store without rollups: every answer read from the events, the reference. */
const withoutRollups = (store: EventStore): EventStore => ({ ...store, fillRollup: undefined });

const RANGES: { name: string; from: number; to: number; now: number; compare?: boolean }[] = [
  {
    name: 'whole past days',
    from: FIRST_DAY,
    to: FIRST_DAY + 10 * DAY_MS,
    now: FIRST_DAY + 11 * DAY_MS,
  },
  {
    name: 'part days at both ends',
    from: FIRST_DAY + 5 * H,
    to: FIRST_DAY + 7 * DAY_MS + 3 * H,
    now: FIRST_DAY + 11 * DAY_MS,
  },
  {
    name: 'a range running into today and beyond',
    from: FIRST_DAY + 2 * DAY_MS,
    to: FIRST_DAY + 12 * DAY_MS,
    now: FIRST_DAY + 9 * DAY_MS + 5 * H,
  },
  {
    name: 'with the previous period',
    from: FIRST_DAY + 6 * DAY_MS,
    to: FIRST_DAY + 12 * DAY_MS,
    now: FIRST_DAY + 20 * DAY_MS,
    compare: true,
  },
  {
    name: 'weekly buckets (over 93 days)',
    from: FIRST_DAY - 90 * DAY_MS,
    to: FIRST_DAY + 12 * DAY_MS,
    now: FIRST_DAY + 13 * DAY_MS,
  },
];

function rollupSuite(name: string, open: () => Promise<EventStore>) {
  describe(`daily rollups (${name})`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.append([...rollupFixture('r', 7), ...rollupFixture('other', 11)]);
    });
    afterAll(() => store.close());

    const context = (range: (typeof RANGES)[number], target: EventStore): PanelContext => ({
      store: target,
      siteId: 'r',
      from: range.from,
      to: range.to,
      filters: [],
      compare: range.compare ?? false,
      goals: GOALS,
      now: range.now,
    });

    it.each(RANGES)('gives the overview read from the events: $name', async (range) => {
      const live = rounded(await computeOverview(context(range, withoutRollups(store))));
      // Computed and stored on the first read, read back on the second.
      expect(rounded(await computeOverview(context(range, store)))).toEqual(live);
      const [[days]] = (await store.selectRows('SELECT count(*) FROM rollup_days', [])) as [
        [number],
      ];
      expect(days).toBeGreaterThan(0);
      expect(rounded(await computeOverview(context(range, store)))).toEqual(live);
    });

    it('answers every metric, bucket and dimension the stats API has as the events do', async () => {
      const query = (input: Partial<StatsQueryInput>) =>
        parseStatsQuery({
          siteId: 'r',
          metrics: ['visitors'],
          from: FIRST_DAY + 3 * H,
          to: FIRST_DAY + 11 * DAY_MS,
          ...input,
        });
      const questions = [
        query({
          metrics: ['bounce_rate', 'visit_duration', 'visitors', 'visits', 'pageviews'],
          dimensions: ['entry_page', 'device'],
          interval: 'week',
        }),
        query({ metrics: ['active_visitors', 'clicks', 'previews'], interval: 'month' }),
        query({
          metrics: ['conversion_rate', 'revenue', 'conversions'],
          dimensions: ['channel'],
          goal: { kind: 'event', value: 'signup' },
        }),
        query({
          metrics: ['sharers', 'referred_visitors', 'k_factor', 'shares'],
          dimensions: ['share_channel'],
        }),
        // Never rolled up (a generation depends on earlier days): read from the events.
        query({ metrics: ['pageviews', 'cascade_depth'], dimensions: ['generation'] }),
        query({ metrics: ['visits'], dimensions: ['page'], limit: 3 }),
        query({
          metrics: ['pageviews'],
          filters: [{ dimension: 'class', op: 'is_not', value: 'direct' }],
        }),
      ];
      const now = FIRST_DAY + 11 * DAY_MS + H;
      for (const question of questions) {
        const live = rounded(await runStatsQuery(store, question));
        expect(rounded(await runRolledUpQuery(store, question, now))).toEqual(live);
      }
    });

    it('counts events loaded into a day after it was rolled up', async () => {
      const range = RANGES[0]!;
      const before = await computeOverview(context(range, store));
      const day = FIRST_DAY + 3 * DAY_MS + 2 * H;
      const late = (n: number) =>
        sampleEvent({ site_id: 'r', ts: day + n, visitor_id: 'late-v', session_id: 'late-s' });
      await store.append([late(1), late(2)]);
      // Through the collector's load path too: a segment file of log lines.
      const dir = mkdtempSync(join(tmpdir(), 'penumbra-rollup-'));
      const segment = join(dir, 'segment.log');
      const lines = [3, 4, 5].map((n) => JSON.stringify({ ...late(n), session_id: 'late-2' }));
      writeFileSync(segment, `${lines.join('\n')}\n`);
      await store.appendJsonLines(segment, { stream: 'rollup-test', position: 1 });

      const after = await computeOverview(context(range, store));
      expect(after.headline.totals.pageviews).toBe(before.headline.totals.pageviews + 5);
      expect(after.headline.totals.visits).toBe(before.headline.totals.visits + 2);
      expect(rounded(after)).toEqual(
        rounded(await computeOverview(context(range, withoutRollups(store)))),
      );
    });

    it('moves a visit to the day a late first page view puts it on', async () => {
      const range = RANGES[0]!;
      const visit = (ts: number, path: string) =>
        sampleEvent({ site_id: 'r', ts, path, visitor_id: 'night-v', session_id: 'night-s' });
      // Counted on day 6, then a page view of the same visit arrives from day 5's last minutes.
      await store.append([visit(FIRST_DAY + 6 * DAY_MS + 10 * 60_000, '/late/b')]);
      const before = await computeOverview(context(range, store));
      await store.append([visit(FIRST_DAY + 6 * DAY_MS - 5 * 60_000, '/late/a')]);
      const after = await computeOverview(context(range, store));
      const series = (overview: typeof after) =>
        Object.values(overview.timeseries.series).map((values) => values.slice(5, 7));
      expect(series(after)).not.toEqual(series(before));
      expect(rounded(after)).toEqual(
        rounded(await computeOverview(context(range, withoutRollups(store)))),
      );
    });

    it('keeps each site to its own rollups', async () => {
      const range = RANGES[0]!;
      const mine = await computeOverview(context(range, store));
      const theirs = await computeOverview({ ...context(range, store), siteId: 'other' });
      expect(mine.headline.totals.visits).not.toBe(theirs.headline.totals.visits);
      expect(rounded(theirs)).toEqual(
        rounded(
          await computeOverview({ ...context(range, withoutRollups(store)), siteId: 'other' }),
        ),
      );
    });
  });
}

rollupSuite('DuckDB', () => createDuckDbEventStore({ path: ':memory:' }));
rollupSuite('DuckDB in a worker thread', () =>
  createThreadedEventStore({
    path: join(mkdtempSync(join(tmpdir(), 'penumbra-rollup-')), 'events.duckdb'),
  }),
);

describe('planRollup', () => {
  const now = FIRST_DAY + 10 * DAY_MS + 5 * H;
  it('rolls up the whole days that ended before today and reads the rest', () => {
    expect(planRollup(FIRST_DAY + H, FIRST_DAY + 4 * DAY_MS + H, now)).toEqual({
      days: { from: FIRST_DAY + DAY_MS, to: FIRST_DAY + 4 * DAY_MS },
      edges: [
        { from: FIRST_DAY + H, to: FIRST_DAY + DAY_MS },
        { from: FIRST_DAY + 4 * DAY_MS, to: FIRST_DAY + 4 * DAY_MS + H },
      ],
    });
  });
  it('never rolls up today, which still grows', () => {
    expect(planRollup(FIRST_DAY, FIRST_DAY + 12 * DAY_MS, now)).toEqual({
      days: { from: FIRST_DAY, to: FIRST_DAY + 10 * DAY_MS },
      edges: [{ from: FIRST_DAY + 10 * DAY_MS, to: FIRST_DAY + 12 * DAY_MS }],
    });
    expect(planRollup(FIRST_DAY + 10 * DAY_MS, FIRST_DAY + 11 * DAY_MS, now)).toBeNull();
  });
  it('has nothing to roll up in a range without a whole day', () => {
    expect(planRollup(FIRST_DAY + H, FIRST_DAY + DAY_MS + H, now)).toBeNull();
  });
});
