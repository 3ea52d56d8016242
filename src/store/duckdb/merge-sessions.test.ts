import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../conformance/sample-event.ts';
import type { StoredEvent } from '../stored-event.ts';
import { createDuckDbEventStore } from './duckdb-event-store.ts';
import { SESSION_ENTRY_COLUMNS, sessionsOf } from './merge-sessions.ts';

const COLUMNS = [
  'site_id',
  'session_id',
  'epoch_ms(visit_start)',
  'epoch_ms(visit_end)',
  'visit_pageviews',
  'visitor_id',
  ...SESSION_ENTRY_COLUMNS.map(([column]) => column),
].join(', ');

/** Events of 40 sessions over three sites, in shuffled order, some not page views. */
function traffic(): StoredEvent[] {
  const events: StoredEvent[] = [];
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < 600; i++) {
    const session = Math.floor(next() * 40);
    events.push(
      sampleEvent({
        site_id: `site-${session % 3}`,
        session_id: next() < 0.05 ? '' : `s${session}`,
        name: next() < 0.8 ? 'pageview' : 'engagement',
        ts: Date.UTC(2026, 10, 1) + Math.floor(next() * 6 * 3600_000),
        path: `/p${Math.floor(next() * 9)}`,
        class: (['dark_social', 'search', 'internal'] as const)[Math.floor(next() * 3)]!,
        channel: ['whatsapp', 'google', 'none'][Math.floor(next() * 3)]!,
        utm_campaign: next() < 0.3 ? 'winter' : '',
        visitor_id: `v${session}`,
      }),
    );
  }
  return events;
}

describe('DuckDB sessions table', () => {
  it('equals one GROUP BY over all page views, whatever the batches and the load path', async () => {
    const store = await createDuckDbEventStore({ path: ':memory:' });
    await store.migrate();
    const events = traffic();
    const dir = mkdtempSync(join(tmpdir(), 'penumbra-sessions-'));
    // Batches of uneven sizes cut sessions in pieces; every other one goes through the file path.
    let position = 0;
    for (let start = 0, size = 1; start < events.length; start += size, size = (size * 3) % 97) {
      const batch = events.slice(start, start + size);
      position += batch.length;
      const checkpoint = { stream: 'collector', position };
      if (position % 2 === 0) {
        const file = join(dir, `piece-${position}.log`);
        writeFileSync(file, batch.map((event) => `${JSON.stringify(event)}\n`).join(''));
        await store.appendJsonLines(file, checkpoint);
      } else {
        await store.append(batch, checkpoint);
      }
    }
    const order = ' ORDER BY site_id, session_id';
    const stored = await store.selectRows(`SELECT ${COLUMNS} FROM sessions${order}`, []);
    const expected = await store.selectRows(
      `SELECT ${COLUMNS} FROM (${sessionsOf('events')})${order}`,
      [],
    );
    expect(stored).toHaveLength(40);
    expect(stored).toEqual(expected);
    await store.close();
  });
});
