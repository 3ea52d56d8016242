import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../event-store.ts';
import { clickVariantLine } from '../log-lines.ts';
import type { StoredEvent } from '../stored-event.ts';
import { storeError, trackStores } from './conformance-context.ts';
import { describeEventQueries } from './event-store-queries.ts';
import { sampleEvent } from './sample-event.ts';

export interface EventStoreConformanceOptions {
  /**
   * For adapters that persist: returns an opener bound to one fresh location; every call of the
   * opener opens the same data again. Enables the close-and-reopen tests.
   */
  reopenable?: () => () => Promise<EventStore>;
}

/**
 * The behaviour every EventStore adapter must have, written once (Hono's shared router test
 * cases). Real engines only: `create` must return a new, empty, unmigrated store each call.
 *
 * @example
 * runEventStoreConformance('duckdb :memory:', () => createDuckDbEventStore({ path: ':memory:' }));
 */
export function runEventStoreConformance(
  name: string,
  create: () => Promise<EventStore>,
  options: EventStoreConformanceOptions = {},
): void {
  describe(`EventStore conformance: ${name}`, () => {
    const { open, track } = trackStores(create);

    describe('migrate', () => {
      it('reports the schema version, then applies nothing the second time', async () => {
        const store = track(await create());
        const first = await store.migrate();
        expect(first.version).toBeGreaterThan(0);
        expect(first.applied.at(-1)).toBe(first.version);
        expect(await store.migrate()).toEqual({ applied: [], version: first.version });
      });
      it('keeps stored events across a second migrate', async () => {
        const store = await open();
        await store.append([sampleEvent()], { stream: 'log', position: 1 });
        await store.migrate();
        expect(await store.count()).toBe(1);
        expect(await store.checkpoint('log')).toBe(1);
      });
    });

    describeEventQueries(open);

    describe('append with a checkpoint', () => {
      it('stores the position in the same call as the batch', async () => {
        const store = await open();
        await store.append([sampleEvent(), sampleEvent()], { stream: 'collector', position: 42 });
        expect(await store.count()).toBe(2);
        expect(await store.checkpoint('collector')).toBe(42);
        expect(await store.checkpoint('other')).toBe(0);
      });
      it('moves the checkpoint with an empty batch, and never backwards', async () => {
        const store = await open();
        await store.append([], { stream: 's', position: 5 });
        await store.append([sampleEvent()], { stream: 's', position: 3 });
        expect(await store.checkpoint('s')).toBe(5);
        await store.append([], { stream: 's', position: 8 });
        expect(await store.checkpoint('s')).toBe(8);
        expect(await store.count()).toBe(1);
      });
      it('keeps streams apart and accepts positions beyond 2^32', async () => {
        const store = await open();
        await store.append([], { stream: 'a', position: 2 ** 40 });
        await store.append([], { stream: 'b', position: 7 });
        expect(await store.checkpoint('a')).toBe(2 ** 40);
        expect(await store.checkpoint('b')).toBe(7);
      });
      it('rejects a whole batch holding one invalid event and leaves the checkpoint', async () => {
        const store = await open();
        await store.append([sampleEvent()], { stream: 's', position: 10 });
        const { engaged_ms: _dropped, ...missing } = sampleEvent();
        const bad: unknown[] = [
          sampleEvent({ engaged_ms: 1.5 }),
          sampleEvent({ ts: Number.NaN }),
          { ...sampleEvent(), path: 42 },
          missing,
        ];
        for (const event of bad) {
          const batch = [sampleEvent(), sampleEvent(), event as StoredEvent, sampleEvent()];
          await expect(store.append(batch, { stream: 's', position: 20 })).rejects.toMatchObject(
            storeError('invalid'),
          );
        }
        expect(await store.count()).toBe(1);
        expect(await store.checkpoint('s')).toBe(10);
      });
      it('rejects invalid checkpoints without storing the batch', async () => {
        const store = await open();
        for (const checkpoint of [
          { stream: '', position: 1 },
          { stream: 's', position: -1 },
          { stream: 's', position: 1.5 },
          { stream: 's', position: Number.POSITIVE_INFINITY },
        ]) {
          await expect(store.append([sampleEvent()], checkpoint)).rejects.toMatchObject(
            storeError('invalid'),
          );
        }
        expect(await store.count()).toBe(0);
        expect(await store.checkpoint('s')).toBe(0);
      });
      it('serialises concurrent appends without losing a row or a position', async () => {
        const store = await open();
        const positions = [7, 3, 20, 1, 12, 18, 5, 9, 14, 2, 19, 6, 11, 4, 16, 8, 13, 10, 17, 15];
        await Promise.all(
          positions.map((position) =>
            store.append(
              Array.from({ length: 50 }, () => sampleEvent({ site_id: `c-${position}` })),
              { stream: 'c', position },
            ),
          ),
        );
        expect(await store.count()).toBe(1000);
        expect(await store.count({ siteId: 'c-13' })).toBe(50);
        expect(await store.checkpoint('c')).toBe(20);
      });
    });

    describe('appendJsonLines (sealed log segments)', () => {
      const writeLines = (lines: readonly string[]) => {
        const path = join(mkdtempSync(join(tmpdir(), 'penumbra-lines-')), "segment's.log");
        writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
        return path;
      };
      it('stores every record as append would, with the checkpoint', async () => {
        const store = await open();
        const events = [
          sampleEvent({ site_id: 'jl', path: '/é "quoted"\nline', props: '{"a":1}' }),
          sampleEvent({ site_id: 'jl', ts: Date.UTC(2026, 0, 2, 3, 4, 5, 678), engaged_ms: 1234 }),
        ];
        await store.appendJsonLines(writeLines(events.map((e) => JSON.stringify(e))), {
          stream: 'log',
          position: 2 ** 33 + 99,
        });
        expect(await store.checkpoint('log')).toBe(2 ** 33 + 99);
        const listed = await store.list('jl');
        expect(listed).toHaveLength(2);
        expect(listed).toEqual(expect.arrayContaining(events));
      });
      it('refuses a file holding one bad record: nothing stored, checkpoint unmoved', async () => {
        const store = await open();
        await store.append([sampleEvent()], { stream: 's', position: 10 });
        const good = JSON.stringify(sampleEvent());
        const { ts: _dropped, ...missing } = sampleEvent();
        for (const bad of [
          JSON.stringify({ ...sampleEvent(), ts: null }),
          JSON.stringify(missing),
          JSON.stringify({ ...sampleEvent(), engaged_ms: 'soon' }),
          '{"id":"torn","si',
        ]) {
          await expect(
            store.appendJsonLines(writeLines([good, bad, good]), { stream: 's', position: 20 }),
          ).rejects.toMatchObject(storeError('invalid'));
        }
        expect(await store.count()).toBe(1);
        expect(await store.checkpoint('s')).toBe(10);
      });
      it('completes click lines with their variant, across files, as the whole events', async () => {
        const store = await open();
        // Clicks of one variant differ only in id, time, visitor, token and uniqueness.
        const base = sampleEvent({
          site_id: 'cl',
          name: 'click',
          props: '{"code":"c1","unique":true}',
        });
        const click = (n: number, unique: boolean): StoredEvent => ({
          ...base,
          id: `cl-${n}`,
          ts: base.ts + n * 1000,
          visitor_id: `visitor-${n}`,
          view_token: `token-${n}`,
          props: `{"code":"c1","unique":${unique}}`,
        });
        const clicks = [click(1, true), click(2, false)];
        const variant = clickVariantLine(clicks[0]!, {
          unique: clicks[0]!.props,
          repeat: clicks[1]!.props,
        });
        const clickLine = (event: StoredEvent, unique: boolean) =>
          JSON.stringify({
            click: variant.key,
            id: event.id,
            ts: event.ts,
            visitor_id: event.visitor_id,
            view_token: event.view_token,
            is_unique: unique,
          });
        const page = sampleEvent({ site_id: 'cl', name: 'pageview' });
        const first = [variant.line, clickLine(clicks[0]!, true), JSON.stringify(page)];
        await store.appendJsonLines(writeLines(first), { stream: 'cl', position: 3 });
        // The next segment writes the variant again: stored once, both files' clicks complete.
        const later = click(3, true);
        const second = [variant.line, clickLine(clicks[1]!, false), clickLine(later, true)];
        await store.appendJsonLines(writeLines(second), { stream: 'cl', position: 6 });
        expect(await store.count({ siteId: 'cl' })).toBe(4);
        expect(await store.list('cl')).toEqual(expect.arrayContaining([...clicks, later, page]));
        expect(await store.checkpoint('cl')).toBe(6);
      });
      it('refuses a click whose variant is in neither the file nor the store', async () => {
        const store = await open();
        const orphan = JSON.stringify({
          click: 'no-such-variant',
          id: 'o1',
          ts: Date.UTC(2026, 0, 1),
          visitor_id: 'v',
          view_token: 't',
          is_unique: true,
        });
        await expect(
          store.appendJsonLines(writeLines([JSON.stringify(sampleEvent()), orphan]), {
            stream: 'o',
            position: 2,
          }),
        ).rejects.toMatchObject(storeError('invalid'));
        expect(await store.count()).toBe(0);
        expect(await store.checkpoint('o')).toBe(0);
      });
    });

    describe('close', () => {
      it('refuses calls after close; closing twice is harmless', async () => {
        const store = await open();
        await store.close();
        await store.close();
        await expect(store.count()).rejects.toMatchObject(storeError('closed'));
        await expect(store.append([sampleEvent()])).rejects.toMatchObject(storeError('closed'));
      });
    });

    const { reopenable } = options;
    if (reopenable) {
      describe('persistence', () => {
        it('keeps events and checkpoints across close and reopen', async () => {
          const reopen = reopenable();
          const first = track(await reopen());
          const version = (await first.migrate()).version;
          const events = [sampleEvent({ site_id: 'p' }), sampleEvent({ site_id: 'p' })];
          await first.append(events, { stream: 'collector', position: 99 });
          await first.close();
          const second = track(await reopen());
          expect(await second.migrate()).toEqual({ applied: [], version });
          expect(await second.list('p')).toEqual(events);
          expect(await second.checkpoint('collector')).toBe(99);
        });
        it('finishes an append still in flight when close is called', async () => {
          const reopen = reopenable();
          const first = track(await reopen());
          await first.migrate();
          const pending = first.append(
            Array.from({ length: 3000 }, () => sampleEvent({ site_id: 'f' })),
            { stream: 'f', position: 3000 },
          );
          await first.close();
          await pending;
          const second = track(await reopen());
          await second.migrate();
          expect(await second.count({ siteId: 'f' })).toBe(3000);
          expect(await second.checkpoint('f')).toBe(3000);
        });
      });
    }
  });
}
