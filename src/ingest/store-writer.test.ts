import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createDuckDbEventStore,
  type EventStore,
  type StoredEvent,
  StoreError,
} from '../store/index.ts';
import { openDurableLog } from './durable-log.ts';
import { COLLECTOR_STREAM, createStoreWriter } from './store-writer.ts';

function event(id: string, overrides: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id,
    site_id: 'site',
    ts: Date.UTC(2026, 10, 29),
    name: 'pageview',
    hostname: 'example.com',
    path: '/',
    referrer_host: '',
    class: 'direct',
    channel: 'none',
    confidence: 'confirmed',
    rule: 'R8.direct',
    ga4: 'Direct',
    visitor_id: 'v',
    session_id: 's',
    view_token: '',
    parent_token: '',
    share_channel: '',
    engaged_ms: 0,
    device: 'desktop',
    browser: 'Chrome',
    os: 'Linux',
    country: '',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    props: '',
    ...overrides,
  };
}

async function setUp(wrap: (store: EventStore) => EventStore = (store) => store) {
  const real = await createDuckDbEventStore({ path: ':memory:' });
  await real.migrate();
  const dir = mkdtempSync(join(tmpdir(), 'penumbra-writer-'));
  const log = await openDurableLog({ dir, fsync: 'never' });
  const rejected: string[] = [];
  const errors: string[] = [];
  const writer = createStoreWriter({
    store: wrap(real),
    log,
    intervalMs: 60_000,
    onRejected: (bad) => rejected.push(bad.id),
    onError: (error) => errors.push(error.message),
  });
  const append = async (events: StoredEvent[]) => {
    for (const one of events) {
      await log.append(one);
      writer.noteAppended();
    }
  };
  return { real, dir, log, writer, rejected, errors, append };
}

describe('store writer', () => {
  it('loads sealed segments in bulk with their checkpoint and deletes them once stored', async () => {
    const { real, dir, log, writer, append } = await setUp();
    await append([event('a'), event('b'), event('c')]);
    expect(writer.backlog).toBe(3);
    await writer.flush();
    expect(writer.backlog).toBe(0);
    expect(await real.count()).toBe(3);
    expect(await real.checkpoint(COLLECTOR_STREAM)).toBeGreaterThan(0);
    expect(readdirSync(dir)).toHaveLength(1); // only the open, empty segment
    await writer.stop();
    await log.close();
    expect(readdirSync(dir)).toEqual([]);
    await real.close();
  });

  it('falls back to record by record and sets an invalid event aside', async () => {
    const { real, log, writer, rejected, append } = await setUp();
    // NaN has no JSON form: the record is written with ts null, which no store accepts.
    await append([event('a'), event('bad', { ts: Number.NaN }), event('c')]);
    await writer.stop();
    await log.close();
    expect(rejected).toEqual(['bad']);
    expect((await real.list('site')).map((stored) => stored.id).sort()).toEqual(['a', 'c']);
    expect(writer.backlog).toBe(0);
    await real.close();
  });

  it('keeps a piece the store failed to take and stores it once on the next try', async () => {
    let failures = 1;
    const { real, log, writer, errors, append } = await setUp((store) => ({
      ...store,
      appendJsonLines: async (path, checkpoint) => {
        if (failures-- > 0) throw new StoreError('closed', 'store briefly unavailable');
        return store.appendJsonLines(path, checkpoint);
      },
    }));
    await append([event('a'), event('b')]);
    await writer.flush();
    expect(errors).toEqual(['store briefly unavailable']);
    expect(await real.count()).toBe(0);
    expect(writer.backlog).toBe(2);
    await append([event('c')]);
    await writer.flush();
    expect((await real.list('site')).map((stored) => stored.id).sort()).toEqual(['a', 'b', 'c']);
    expect(writer.backlog).toBe(0);
    await writer.stop();
    await log.close();
    await real.close();
  });
});
