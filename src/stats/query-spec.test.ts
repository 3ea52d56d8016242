import { describe, expect, it } from 'vitest';
import { parseStatsQuery, StatsQueryError } from './query-spec.ts';

const DAY = 86_400_000;
const valid = { siteId: 'site-a', metrics: ['visitors'], from: 0, to: 7 * DAY };

/** The problems parseStatsQuery reports for `input`, or [] when it is valid. */
function problems(input: unknown): string[] {
  try {
    parseStatsQuery(input);
    return [];
  } catch (error) {
    if (error instanceof StatsQueryError) return error.problems;
    throw error;
  }
}

describe('parseStatsQuery', () => {
  it('fills the defaults of a minimal query', () => {
    expect(parseStatsQuery(valid)).toEqual({ ...valid, dimensions: [], filters: [], limit: 100 });
  });

  it('names an unknown metric and lists the known ones', () => {
    const [problem] = problems({ ...valid, metrics: ['visitors', 'profit'] });
    expect(problem).toMatch(/^metrics\.1: a metric must be one of visitors, visits, /);
  });

  it('asks for a goal when a goal metric is asked', () => {
    expect(problems({ ...valid, metrics: ['revenue'] })).toEqual(['goal: revenue needs a goal']);
    const goal = { kind: 'url', value: '/x' };
    expect(problems({ ...valid, metrics: ['conversions'], goal })).toEqual([
      'goal.kind: a goal kind is page or event',
    ]);
  });

  it('refuses more than two dimensions', () => {
    expect(problems({ ...valid, dimensions: ['class', 'channel', 'page'] })).toEqual([
      'dimensions: group by at most 2 dimensions',
    ]);
  });

  it('refuses a range longer than 400 days, and accepts exactly 400', () => {
    expect(problems({ ...valid, to: 400 * DAY + 1 })).toEqual([
      'to: the date range must be at most 400 days',
    ]);
    expect(problems({ ...valid, to: 400 * DAY })).toEqual([]);
  });

  it('refuses an empty or reversed range', () => {
    expect(problems({ ...valid, from: DAY, to: DAY })).toEqual(['to: to must be after from']);
  });

  it('explains bad filters, intervals, limits and missing fields', () => {
    expect(
      problems({
        siteId: '',
        metrics: [],
        filters: [{ dimension: 'path', op: 'like', value: 3 }],
        from: 1.5,
        to: 'tomorrow',
        interval: 'year',
        limit: 5000,
      }),
    ).toEqual([
      'siteId: siteId is required',
      'metrics: ask for at least one metric',
      expect.stringMatching(/^filters\.0\.dimension: a filter dimension must be one of class, /),
      'filters.0.op: a filter op must be one of is, is_not, contains',
      'filters.0.value: a filter value must be text',
      'from: from must be whole epoch milliseconds',
      'to: to must be epoch milliseconds',
      'interval: interval must be one of hour, day, week, month',
      'limit: limit must be at most 1000',
    ]);
  });

  it('refuses a dimension or metric listed twice', () => {
    expect(problems({ ...valid, metrics: ['visits', 'visits'], dimensions: ['os', 'os'] })).toEqual(
      ['metrics: a metric is listed twice', 'dimensions: a dimension is listed twice'],
    );
  });
});
