import { afterAll } from 'vitest';
import { createClickHouseEventStore } from '../store/clickhouse/clickhouse-event-store.ts';
import { sharedChdb } from '../store/clickhouse/shared-chdb-session.ts';
import { runStatsConformance } from './stats-conformance.ts';

// The same hand-computed stats suite as DuckDB, on the real ClickHouse engine (chdb).
const chdb = sharedChdb();
afterAll(() => chdb.close());

runStatsConformance('ClickHouse (chdb)', () =>
  createClickHouseEventStore({ executor: chdb.freshExecutor('stats') }),
);
