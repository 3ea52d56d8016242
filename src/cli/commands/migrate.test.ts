import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStores } from '../../server/open-stores.ts';
import { startTestPostgres, type TestPostgres } from '../../store/postgres/test-postgres.ts';
import { type CommandIo, UsageError } from '../command.ts';
import { migrateCommand } from './migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'penumbra-migrate-'));
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function migrate(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const io: CommandIo = {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    stderrIsTty: false,
  };
  expect(await migrateCommand.run(args, io)).toBe(0);
  return text;
}

describe('penumbra migrate', () => {
  it('migrates the embedded event store and a PostgreSQL state store, then has nothing to do', async () => {
    const args = ['--data', join(dir, 'a'), '--state', 'postgres', '--postgres-url', pg.url];
    expect(await migrate(args)).toBe(
      'events (duckdb): schema version 4, applied 1, 2, 3, 4\nstate (postgres): schema version 11, applied 1, 2, 3, 10, 11\n',
    );
    expect(await migrate(args)).toBe(
      'events (duckdb): schema version 4, up to date\nstate (postgres): schema version 11, up to date\n',
    );
    expect(JSON.parse((await migrate([...args, '--only', 'state', '--json'])).trim())).toEqual({
      store: 'state',
      engine: 'postgres',
      version: 11,
      applied: [],
    });
  });

  it('opens the stores the selection names (serve does the same)', async () => {
    const selection = { events: 'duckdb', state: 'postgres', postgresUrl: pg.url } as const;
    const { events, state } = await openStores(join(dir, 'b'), selection);
    expect([events.dialect, state.dialect]).toEqual(['duckdb', 'postgres']);
    await Promise.all([events.close(), state.close()]);
  });

  it('refuses a bad selection as a usage error (exit 2)', async () => {
    const io: CommandIo = {
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stderrIsTty: false,
    };
    await expect(migrateCommand.run(['--events', 'clickhouse'], io)).rejects.toThrow(UsageError);
    await expect(migrateCommand.run(['--events', 'clickhouse'], io)).rejects.toThrow(
      /--clickhouse-url or PENUMBRA_CLICKHOUSE_URL/,
    );
    await expect(migrateCommand.run(['--only', 'both'], io)).rejects.toThrow(UsageError);
  });
});
