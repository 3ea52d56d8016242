import { describe, expect, it } from 'vitest';
import { createDuckDbEventStore } from '../store/index.ts';
import { statsFixture } from './stats-fixture.ts';

describe('statsFixture', () => {
  it('is accepted by the real event store as the collector would write it', async () => {
    const store = await createDuckDbEventStore({ path: ':memory:' });
    try {
      await store.migrate();
      await store.append(statsFixture()); // validates every row
      expect(await store.count({ siteId: 'site-a' })).toBe(20);
      expect(await store.count({ siteId: 'site-b' })).toBe(7);
    } finally {
      await store.close();
    }
  });
});
