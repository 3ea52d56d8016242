import { describe, expect, it } from 'vitest';
import { createDuckDbEventStore, type StoredEvent } from '../store/index.ts';
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

describe('store writer', () => {
  it('stores batches with their log position, and sets an invalid event aside', async () => {
    const store = await createDuckDbEventStore({ path: ':memory:' });
    await store.migrate();
    const rejected: string[] = [];
    const writer = createStoreWriter({
      store,
      intervalMs: 10_000,
      onRejected: (entry) => rejected.push(entry.event.id),
    });
    writer.push({ event: event('a'), position: 10 });
    writer.push({ event: event('bad', { ts: Number.NaN }), position: 20 });
    writer.push({ event: event('c'), position: 30 });
    await writer.stop();
    expect(rejected).toEqual(['bad']);
    expect(await store.count()).toBe(2);
    expect(await store.checkpoint(COLLECTOR_STREAM)).toBe(30);
    await store.close();
  });
});
