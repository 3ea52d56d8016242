import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventStore, ROLLUP_VALUE_COLUMNS, type RollupFill } from '../index.ts';
import { UNUSED_AFTER_DAYS } from './daily-rollups.ts';
import { createDuckDbEventStore } from './duckdb-event-store.ts';

const DAY = 86_400_000;
const JAN = Date.UTC(2026, 0, 1);

/** A fill of `rollup` whose rows are one group `k` per day, with `visitors` = `value`. */
function fill(
  siteId: string,
  rollup: string,
  fromDay: number,
  toDay: number,
  value = 1,
): RollupFill {
  const parts = ROLLUP_VALUE_COLUMNS.map((part) =>
    part === 'visitors' ? `${value}.0 AS visitors` : `NULL AS ${part}`,
  );
  return {
    siteId,
    rollup,
    fromDay,
    toDay,
    rows: {
      sql: `SELECT $1 AS site_id, $2 AS rollup, day, 'k' AS k0, NULL AS k1, ${parts.join(', ')}
            FROM range(CAST($3 AS BIGINT), CAST($4 AS BIGINT), ${DAY}) t(day)`,
      params: [siteId, rollup, fromDay, toDay],
    },
  };
}

describe('DuckDB rollup fills', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await createDuckDbEventStore({ path: ':memory:' });
    await store.migrate();
  });
  afterEach(() => store.close());

  const days = async (rollup: string, siteId = 's') =>
    (
      await store.selectRows(
        'SELECT day FROM rollup_days WHERE site_id = $1 AND rollup = $2 ORDER BY day',
        [siteId, rollup],
      )
    ).map(([day]) => Number(day));
  const visitors = async (rollup: string, siteId = 's') =>
    (
      await store.selectRows(
        'SELECT day, visitors FROM rollup_rows WHERE site_id = $1 AND rollup = $2 ORDER BY day',
        [siteId, rollup],
      )
    ).map(([day, value]) => [Number(day), Number(value)]);

  it('stores a span of days and lists them; a second fill replaces, never adds', async () => {
    await store.fillRollup?.(fill('s', 'a', JAN, JAN + 3 * DAY, 1));
    await store.fillRollup?.(fill('s', 'a', JAN + DAY, JAN + 2 * DAY, 7));
    expect(await days('a')).toEqual([JAN, JAN + DAY, JAN + 2 * DAY]);
    expect(await visitors('a')).toEqual([
      [JAN, 1],
      [JAN + DAY, 7],
      [JAN + 2 * DAY, 1],
    ]);
  });

  it('refuses a span that is not whole UTC days, and a failing SELECT stores nothing', async () => {
    await expect(store.fillRollup?.(fill('s', 'a', JAN + 1, JAN + DAY))).rejects.toMatchObject({
      code: 'invalid',
    });
    const broken = { ...fill('s', 'a', JAN, JAN + DAY), rows: { sql: 'SELECT 1', params: [] } };
    await expect(store.fillRollup?.(broken)).rejects.toMatchObject({ code: 'invalid' });
    const write = { ...broken, rows: { sql: 'DELETE FROM event_rows', params: [] } };
    await expect(store.fillRollup?.(write)).rejects.toThrow(/reads a SELECT/);
    expect(await days('a')).toEqual([]);
  });

  it(`drops a site's rollups no fill has reached for ${UNUSED_AFTER_DAYS} days`, async () => {
    await store.fillRollup?.(fill('s', 'old', JAN, JAN + 2 * DAY));
    await store.fillRollup?.(fill('s', 'recent', JAN + 10 * DAY, JAN + 11 * DAY));
    await store.fillRollup?.(fill('other', 'old', JAN, JAN + 2 * DAY));
    const later = JAN + (UNUSED_AFTER_DAYS + 5) * DAY;
    await store.fillRollup?.(fill('s', 'current', later, later + DAY));
    expect(await days('old')).toEqual([]);
    expect(await visitors('old')).toEqual([]);
    // Within the window, and another site's: kept.
    expect(await days('recent')).toEqual([JAN + 10 * DAY]);
    expect(await days('old', 'other')).toEqual([JAN, JAN + DAY]);
    expect(await days('current')).toEqual([later]);
  });
});
