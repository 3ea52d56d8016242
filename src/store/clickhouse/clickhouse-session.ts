import type { MigrationSession } from '../migrations/migration.ts';
import type { ClickHouseExecutor } from './clickhouse-executor.ts';

/**
 * The migration runner's session on ClickHouse. ClickHouse has no transactions: `transaction`
 * just runs the work, so a failing migration leaves the statements before the failure applied
 * and no `schema_migrations` row. That is why every ClickHouse migration statement is idempotent
 * (`IF NOT EXISTS`): the next run repeats the whole migration harmlessly. The row is written
 * last, so a version is recorded only once all of its statements succeeded.
 */
export function createClickHouseSession(executor: ClickHouseExecutor): MigrationSession {
  return {
    exec: (sql) => executor.command(sql),
    async selectIntegers(sql) {
      const { rows } = await executor.query(sql);
      return rows.map((row) => Number(row[0]));
    },
    transaction: (work) => work(),
  };
}
