import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEventStoreConformance } from '../conformance/index.ts';
import { createThreadedEventStore } from './create-threaded-event-store.ts';

// The same suite as the in-process adapter: a thread must change nothing but where work runs.
runEventStoreConformance('DuckDB in a worker thread (on disk)', () =>
  createThreadedEventStore({
    path: join(mkdtempSync(join(tmpdir(), 'penumbra-thread-')), 'events.duckdb'),
  }),
);
