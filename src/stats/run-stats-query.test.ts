import { createDuckDbEventStore, createThreadedEventStore } from '../store/index.ts';
import { runStatsConformance } from './stats-conformance.ts';

runStatsConformance('DuckDB', () => createDuckDbEventStore({ path: ':memory:' }));
runStatsConformance('DuckDB in a worker thread', () =>
  createThreadedEventStore({ path: ':memory:' }),
);
