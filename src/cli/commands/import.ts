import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { dataDirFrom } from './sites.ts';
import { postgresStateRows, type StateRows, sqliteStateRows } from './state-rows.ts';
import { STORE_FLAGS, STORE_OPTIONS_HELP, selectStores } from './store-flags.ts';
import { importRecords } from './store-records.ts';

const HELP = `Usage: penumbra import FILE [options]

Reads a file written by \`penumbra export\` into the stores selected below, typically
--events clickhouse and --state postgres (or back to the embedded files in --data). Migrates
them first. Running it again is harmless on ClickHouse and for state (known event ids and state
keys are skipped); an embedded DuckDB target must be empty.

Options:
${STORE_OPTIONS_HELP}  -h, --help            show this help
`;

export const importCommand: Command = {
  name: 'import',
  summary: 'load a `penumbra export` file into the selected stores',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, STORE_FLAGS);
    const [path, extra] = positionals;
    if (path === undefined) throw new UsageError('import needs the FILE written by export');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
    const selection = selectStores(values);
    const dataDir = dataDirFrom(values.data);
    const { createEventStoreFor, openStateStore } = await import('../../server/open-stores.ts');
    const { openPostgres } = await import('../../store/postgres/open-postgres.ts');
    const events = await createEventStoreFor(dataDir, selection);
    try {
      await events.migrate();
      if (events.dialect === 'duckdb' && (await events.count()) > 0) {
        throw new UsageError('the DuckDB event store is not empty; import into an empty one');
      }
      // Migrate through the store, then copy rows into its tables.
      await (await openStateStore(dataDir, selection)).close();
      const state: StateRows =
        selection.state === 'postgres' && selection.postgresUrl
          ? postgresStateRows(await openPostgres({ url: selection.postgresUrl, max: 2 }))
          : sqliteStateRows(join(dataDir, 'state.sqlite'));
      try {
        const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
        const counts = await importRecords(lines, { events, state });
        for (const [table, count] of Object.entries(counts)) {
          io.stderr.write(`${table}: ${count}\n`);
        }
      } finally {
        await state.close();
      }
      return 0;
    } finally {
      await events.close();
    }
  },
};
