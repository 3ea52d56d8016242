import type { DuckDBConnection } from '@duckdb/node-api';
import { ROLLUP_VALUE_COLUMNS, type RollupFill } from '../event-store.ts';
import { StoreError } from '../store-error.ts';
import { rollbackQuietly } from './duckdb-session.ts';
import { READ_ONLY } from './select-rows.ts';

const DAY_MS = 86_400_000;

/** `rollup_rows`' columns in order: what a fill's SELECT returns, one row per (day, group). */
const ROLLUP_ROW_COLUMNS = ['site_id', 'rollup', 'day', 'k0', 'k1', ...ROLLUP_VALUE_COLUMNS];

const isDayStart = (ms: number) => Number.isSafeInteger(ms) && ms % DAY_MS === 0;

/**
 * Replaces the rows of `[fromDay, toDay)` of one rollup with what `fill.rows` selects and lists
 * those days as rolled up, in one transaction on the writer: loads go through the same queue, so
 * none can land between the SELECT and the listing and leave a day listed but stale.
 */
export async function fillRollup(connection: DuckDBConnection, fill: RollupFill): Promise<void> {
  const { siteId, rollup, fromDay, toDay, rows } = fill;
  if (!isDayStart(fromDay) || !isDayStart(toDay) || toDay <= fromDay) {
    throw new StoreError('invalid', 'a rollup fill covers whole UTC days: fromDay < toDay');
  }
  if (!READ_ONLY.test(rows.sql)) throw new StoreError('invalid', 'a rollup fill reads a SELECT');
  const scope = [siteId, rollup, BigInt(fromDay), BigInt(toDay)];
  const inScope = 'site_id = $1 AND rollup = $2 AND day >= $3 AND day < $4';
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(`DELETE FROM rollup_rows WHERE ${inScope}`, scope);
    await connection.run(`DELETE FROM rollup_days WHERE ${inScope}`, scope);
    await connection.run(
      `INSERT INTO rollup_rows SELECT ${ROLLUP_ROW_COLUMNS.join(', ')} FROM (${rows.sql})`,
      [...rows.params],
    );
    await connection.run(
      'INSERT INTO rollup_days SELECT $1, $2, day FROM range($3::BIGINT, $4::BIGINT, $5::BIGINT) t(day)',
      [...scope, BigInt(DAY_MS)],
    );
    await dropUnusedRollups(connection, siteId, toDay);
    await connection.run('COMMIT');
  } catch (error) {
    await rollbackQuietly(connection);
    if (error instanceof StoreError) throw error;
    throw new StoreError('invalid', `rollup fill failed: ${(error as Error).message}`);
  }
}

/** A rollup whose latest day is this much older than a new fill's is no longer read. */
export const UNUSED_AFTER_DAYS = 35;

/**
 * Drops the site's rollups whose latest listed day is more than `UNUSED_AFTER_DAYS` before
 * `toDay`. A rollup in use gets yesterday filled the first time it is read each day, so this
 * only drops the ones nobody asks for any more (a goal since edited, an older ROLLUP_VERSION,
 * an old period looked at once), which would otherwise stay for ever; asked again, they are
 * computed again.
 */
async function dropUnusedRollups(
  connection: DuckDBConnection,
  siteId: string,
  toDay: number,
): Promise<void> {
  const unused = `SELECT rollup FROM rollup_days WHERE site_id = $1 GROUP BY rollup HAVING max(day) < $2`;
  const params = [siteId, BigInt(toDay - UNUSED_AFTER_DAYS * DAY_MS)];
  await connection.run(
    `DELETE FROM rollup_rows WHERE site_id = $1 AND rollup IN (${unused})`,
    params,
  );
  await connection.run(
    `DELETE FROM rollup_days WHERE site_id = $1 AND rollup IN (${unused})`,
    params,
  );
}

/**
 * Unlists, on the caller's open transaction, every rollup's rows for the UTC days `days` (a
 * SELECT of day starts in epoch ms): the next read computes them again. Every site's, not only
 * the batch's: naming the sites would cost each load a join, and live traffic only touches
 * today, which is never rolled up; a late or imported batch costs other sites one refill.
 */
export async function forgetRolledUpDays(
  connection: DuckDBConnection,
  days: string,
): Promise<void> {
  await connection.run(`DELETE FROM rollup_days WHERE day IN (${days})`);
}
