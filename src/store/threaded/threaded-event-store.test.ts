import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runEventStoreConformance } from '../conformance/index.ts';
import { createThreadedEventStore } from './create-threaded-event-store.ts';

// The same suite as the in-process adapter: a thread must change nothing but where work runs.
runEventStoreConformance('DuckDB in a worker thread (on disk)', () =>
  createThreadedEventStore({
    path: join(mkdtempSync(join(tmpdir(), 'penumbra-thread-')), 'events.duckdb'),
  }),
);

it('opens DuckDB with the thread count it is given', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'penumbra-thread-')), 'events.duckdb');
  for (const threads of [1, 3]) {
    const store = await createThreadedEventStore({ path, threads });
    try {
      const rows = await store.selectRows("SELECT current_setting('threads')", []);
      expect(Number(rows[0]?.[0])).toBe(threads);
    } finally {
      await store.close();
    }
  }
});
