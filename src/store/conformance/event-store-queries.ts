import { describe, expect, it } from 'vitest';
import type { EventStore } from '../event-store.ts';
import { STORED_EVENT_COLUMNS, type StoredEvent } from '../stored-event.ts';
import type { OpenStore } from './conformance-context.ts';
import { sampleEvent } from './sample-event.ts';

/** An event whose every column holds a distinct value, so a swapped column cannot go unseen. */
function distinctEvent(): StoredEvent {
  const event: Record<string, string | number> = {};
  STORED_EVENT_COLUMNS.forEach(([column, kind], index) => {
    event[column] = kind === 'string' ? `${column}:${index}:é` : 1_000_000 + index;
  });
  return { ...(event as unknown as StoredEvent), site_id: 'rt', ts: 1_767_225_600_123 };
}

const AWKWARD_TEXT = [
  'naïve café — “quotes”',
  '日本語のパス/記事',
  '👩🏽‍💻 family 👨‍👩‍👧 flags 🇫🇷',
  'مرحبا بالعالم',
  `O'Brien "double" \\ back\\slash`,
  "'; DROP TABLE events; --",
  'line\nbreak\ttab\r\n',
  'x'.repeat(10_000),
];

/** Reads: round trips, ordering, filters, edges and summaries. */
export function describeEventQueries(open: OpenStore<EventStore>): void {
  describe('append and read back', () => {
    it('starts empty', async () => {
      const store = await open();
      expect(await store.count()).toBe(0);
      expect(await store.list('site-a')).toEqual([]);
      expect(await store.edges('site-a')).toEqual([]);
      expect(await store.summarize('site-a')).toEqual([]);
      expect(await store.checkpoint('collector')).toBe(0);
    });
    it('round-trips every column exactly', async () => {
      const store = await open();
      const full = distinctEvent();
      const large = { ...distinctEvent(), id: 'large', engaged_ms: Number.MAX_SAFE_INTEGER };
      const empty: StoredEvent = {
        ...sampleEvent({ site_id: 'rt', ts: 86_400_001, engaged_ms: 0, class: '' }),
        ...Object.fromEntries(
          STORED_EVENT_COLUMNS.filter(
            ([c, k]) => k === 'string' && !['id', 'site_id'].includes(c),
          ).map(([c]) => [c, '']),
        ),
      };
      await store.append([full, large, empty]);
      expect(await store.list('rt')).toEqual([empty, full, large]);
    });
    it('round-trips unicode, quotes, SQL-looking and long text', async () => {
      const store = await open();
      const events = AWKWARD_TEXT.map((text, i) =>
        sampleEvent({ site_id: 'u', ts: 1000 + i, path: text, props: JSON.stringify({ text }) }),
      );
      await store.append(events);
      expect(await store.list('u')).toEqual(events);
    });
    it('does not fail a batch over a lone surrogate', async () => {
      const store = await open();
      await store.append([sampleEvent({ site_id: 'ls', path: '/a\uD800b' })]);
      const [stored] = await store.list('ls');
      expect(['/a\uD800b', '/a\uFFFDb']).toContain(stored?.path);
    });
    it('stores a large batch in full and lists it in time order', async () => {
      const store = await open();
      const events = Array.from({ length: 5000 }, (_, i) =>
        sampleEvent({ site_id: 'big', ts: 2_000_000 - i }),
      );
      await store.append(events);
      expect(await store.count({ siteId: 'big' })).toBe(5000);
      const listed = await store.list('big');
      expect(listed).toHaveLength(5000);
      expect(listed[0]).toEqual(events.at(-1));
      expect(listed.every((e, i) => i === 0 || e.ts >= (listed[i - 1]?.ts ?? 0))).toBe(true);
    });
    it('filters a listing by name and honours the limit (10,000 by default)', async () => {
      const store = await open();
      await store.append(Array.from({ length: 10_001 }, () => sampleEvent({ site_id: 'l' })));
      await store.append([sampleEvent({ site_id: 'l', name: 'share', ts: 5 })]);
      expect(await store.list('l')).toHaveLength(10_000);
      expect(await store.list('l', { limit: 3 })).toHaveLength(3);
      expect(await store.list('l', { limit: 0 })).toEqual([]);
      const shares = await store.list('l', { name: 'share' });
      expect(shares.map((e) => [e.name, e.ts])).toEqual([['share', 5]]);
      expect(await store.list('nobody')).toEqual([]);
    });
  });

  describe('count', () => {
    it('filters by site, by name, by both, or not at all', async () => {
      const store = await open();
      await store.append([
        sampleEvent({ site_id: 'a', name: 'pageview' }),
        sampleEvent({ site_id: 'a', name: 'pageview' }),
        sampleEvent({ site_id: 'a', name: 'share' }),
        sampleEvent({ site_id: 'b', name: 'pageview' }),
      ]);
      expect(await store.count()).toBe(4);
      expect(await store.count({})).toBe(4);
      expect(await store.count({ siteId: 'a' })).toBe(3);
      expect(await store.count({ name: 'pageview' })).toBe(3);
      expect(await store.count({ siteId: 'a', name: 'share' })).toBe(1);
      expect(await store.count({ siteId: 'b', name: 'share' })).toBe(0);
      expect(await store.count({ siteId: "a' OR '1'='1" })).toBe(0);
    });
  });

  describe('edges', () => {
    it('lists page views that arrived with a token, oldest first', async () => {
      const store = await open();
      const view = (ts: number, parent: string, child: string, more: Partial<StoredEvent> = {}) =>
        sampleEvent({ site_id: 'e', ts, parent_token: parent, view_token: child, ...more });
      await store.append([
        view(300, 'B', 'C', { channel: 'telegram', path: '/c' }),
        view(100, '', 'A'),
        view(200, 'A', 'B', { channel: 'whatsapp', path: '/b' }),
        view(250, 'A', 'X', { name: 'engagement' }),
        view(260, 'A', 'Y', { site_id: 'other' }),
      ]);
      expect(await store.edges('e')).toEqual([
        { parent_token: 'A', child_token: 'B', channel: 'whatsapp', path: '/b', ts: 200 },
        { parent_token: 'B', child_token: 'C', channel: 'telegram', path: '/c', ts: 300 },
      ]);
    });
  });

  describe('summarize', () => {
    it('counts events and distinct visitors per name, class and channel', async () => {
      const store = await open();
      const hit = (visitor: string, more: Partial<StoredEvent>) =>
        sampleEvent({ site_id: 's', visitor_id: visitor, ...more });
      await store.append([
        hit('v1', { class: 'dark_social', channel: 'whatsapp' }),
        hit('v1', { class: 'dark_social', channel: 'whatsapp' }),
        hit('v2', { class: 'dark_social', channel: 'whatsapp' }),
        hit('', { class: 'dark_social', channel: 'whatsapp' }),
        hit('v3', { class: 'search', channel: 'google' }),
        hit('v1', { name: 'share', class: '', channel: 'telegram' }),
        hit('v9', { site_id: 'elsewhere' }),
      ]);
      expect(await store.summarize('s')).toEqual([
        { name: 'pageview', class: 'dark_social', channel: 'whatsapp', events: 4, visitors: 2 },
        { name: 'pageview', class: 'search', channel: 'google', events: 1, visitors: 1 },
        { name: 'share', class: '', channel: 'telegram', events: 1, visitors: 1 },
      ]);
    });
  });

  describe('selectRows', () => {
    it('returns counts and timestamps as numbers and text as text, in column order', async () => {
      const store = await open();
      await store.append([
        sampleEvent({ site_id: 'q', ts: 1_767_225_600_123, path: '/a' }),
        sampleEvent({ site_id: 'q', ts: 1_767_225_700_000, path: '/b' }),
        sampleEvent({ site_id: 'other', ts: 1_767_225_800_000, path: '/c' }),
      ]);
      // No placeholders: their syntax is the dialect's, and the stats suite covers them.
      const rows = await store.selectRows(
        "SELECT count(*) AS n, min(ts) AS first, max(path) AS last FROM events WHERE site_id = 'q'",
        [],
      );
      expect(rows).toEqual([[2, 1_767_225_600_123, '/b']]);
    });
    it('refuses anything but a read query', async () => {
      const store = await open();
      await store.append([sampleEvent({ site_id: 'q' })]);
      await expect(store.selectRows('DELETE FROM events', [])).rejects.toThrow(/SELECT/);
      expect(await store.count()).toBe(1);
    });
  });
}
