// The store layer: engine-neutral interfaces and the embedded adapters. The conformance suites
// live in ./conformance/index.ts, a separate entry, because they import vitest, which production
// code (bundled with dependencies external) must never load.
export { createChdbExecutor } from './clickhouse/chdb-executor.ts';
export type { ClickHouseEventStoreOptions } from './clickhouse/clickhouse-event-store.ts';
export { createClickHouseEventStore } from './clickhouse/clickhouse-event-store.ts';
export type { ClickHouseExecutor, ClickHouseResult } from './clickhouse/clickhouse-executor.ts';
export type { ClickHouseClientExecutorOptions } from './clickhouse/client-executor.ts';
export { clickHouseTarget, createClickHouseClientExecutor } from './clickhouse/client-executor.ts';
export { CLICKHOUSE_EVENT_MIGRATIONS } from './clickhouse/event-migrations.ts';
export type { DuckDbEventStoreOptions } from './duckdb/duckdb-event-store.ts';
export { createDuckDbEventStore } from './duckdb/duckdb-event-store.ts';
export { EVENT_MIGRATIONS } from './duckdb/event-migrations.ts';
export type {
  EventFilter,
  EventStore,
  MigrationReport,
  RollupFill,
  RollupValueColumn,
  ShareEdge,
  SqlValue,
  SummaryRow,
} from './event-store.ts';
export { ROLLUP_VALUE_COLUMNS } from './event-store.ts';
export type * from './hub-records.ts';
export { OUTBOX_STATES } from './hub-records.ts';
export type { ClaimOptions, HubStore, OutboxClaimOptions, RescheduleInput } from './hub-store.ts';
export type { ClickLine, LogLine } from './log-lines.ts';
export { clickVariantLine, createLogLineReader } from './log-lines.ts';
export type { Migration, MigrationSession } from './migrations/migration.ts';
export type { RunMigrationsOptions } from './migrations/run-migrations.ts';
export { runMigrations } from './migrations/run-migrations.ts';
export { normalizeDomain } from './normalize-domain.ts';
export { normalizeEmail } from './normalize-email.ts';
export type { PostgresHubStoreOptions } from './postgres/postgres-hub-store.ts';
export { createPostgresHubStore } from './postgres/postgres-hub-store.ts';
export type { PostgresStateStoreOptions } from './postgres/postgres-state-store.ts';
export { createPostgresStateStore } from './postgres/postgres-state-store.ts';
export { POSTGRES_STATE_MIGRATIONS } from './postgres/state-migrations.ts';
export type { SqliteHubStoreOptions } from './sqlite/sqlite-hub-store.ts';
export { createSqliteHubStore } from './sqlite/sqlite-hub-store.ts';
export type { SqliteStateStoreOptions } from './sqlite/sqlite-state-store.ts';
export { createSqliteStateStore } from './sqlite/sqlite-state-store.ts';
export { STATE_MIGRATIONS } from './sqlite/state-migrations.ts';
export type {
  ApiToken,
  DailySalt,
  Goal,
  ShareLink,
  ShareLinkInput,
  Site,
  SiteMembership,
  SiteRole,
  SiteSettings,
  StateStore,
  User,
  UserSession,
} from './state-store.ts';
export { DEFAULT_SITE_SETTINGS } from './state-store.ts';
export type { StoreErrorCode } from './store-error.ts';
export { StoreError } from './store-error.ts';
export type { StoredEvent } from './stored-event.ts';
export { STORED_EVENT_COLUMNS } from './stored-event.ts';
export type { ThreadedEventStoreOptions } from './threaded/create-threaded-event-store.ts';
export { createThreadedEventStore } from './threaded/create-threaded-event-store.ts';
