import { describe, expect, it } from 'vitest';
import { createDuckDbEventStore, STORED_EVENT_COLUMNS } from '../store/index.ts';
import { openStatsFixture, statsFixture } from './stats-fixture.ts';

describe('statsFixture', () => {
  it('is accepted by the real event store, and the fixture database holds the same rows', async () => {
    const events = statsFixture();
    const store = await createDuckDbEventStore({ path: ':memory:' });
    try {
      await store.migrate();
      await store.append(events); // validates every row as the collector's would be
      expect(await store.count({ siteId: 'site-a' })).toBe(19);
      expect(await store.count({ siteId: 'site-b' })).toBe(7);
      const fromStore = await store.list('site-a');
      const db = await openStatsFixture(events);
      try {
        const columns = STORED_EVENT_COLUMNS.map(([column, kind]) =>
          kind === 'timestamp_ms' ? `epoch_ms(${column})` : column,
        );
        const reader = await db.connection.runAndReadAll(
          `SELECT ${columns.join(', ')} FROM events WHERE site_id = 'site-a' ORDER BY ts, id`,
        );
        const rows = reader
          .getRows()
          .map((row) =>
            Object.fromEntries(
              STORED_EVENT_COLUMNS.map(([column, kind], index) => [
                column,
                kind === 'string' ? String(row[index]) : Number(row[index]),
              ]),
            ),
          );
        expect(rows).toEqual(fromStore);
      } finally {
        db.close();
      }
    } finally {
      await store.close();
    }
  });
});
