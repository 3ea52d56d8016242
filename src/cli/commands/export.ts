import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTOR_STREAM } from '../../ingest/store-writer.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { dataDirFrom } from './sites.ts';
import { postgresStateRows, sqliteStateRows } from './state-rows.ts';
import { STORE_FLAGS, STORE_OPTIONS_HELP, selectStores } from './store-flags.ts';
import { exportRecords } from './store-records.ts';

const HELP = `Usage: penumbra export --out FILE [options]

Writes the state (sites, domains, tokens' hashes, users, salts, share links, sessions, members,
goals, and the messaging hub's contacts, consent ledger, conversations, outbox and communities)
and every event to FILE as JSON Lines, streaming, to move them to other engines with
\`penumbra import\`. Reads the stores selected below: by default the SQLite and DuckDB files in
--data (stop the server first: it owns the DuckDB file).

Options:
  --out FILE            where to write (written as FILE.partial, renamed when complete)
${STORE_OPTIONS_HELP}  -h, --help            show this help
`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write state and events to a JSON Lines file (to move to other engines)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, { ...STORE_FLAGS, out: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.out) throw new UsageError('export needs --out FILE');
    const selection = selectStores(values);
    const dataDir = dataDirFrom(values.data);
    const sqlitePath = join(dataDir, 'state.sqlite');
    if (selection.state === 'sqlite' && !existsSync(sqlitePath)) {
      throw new UsageError(`no state store at ${sqlitePath} (use --data DIR)`);
    }
    const { createEventStoreFor } = await import('../../server/open-stores.ts');
    const { openPostgres } = await import('../../store/postgres/open-postgres.ts');
    const state =
      selection.state === 'postgres' && selection.postgresUrl
        ? postgresStateRows(await openPostgres({ url: selection.postgresUrl, max: 2 }))
        : sqliteStateRows(sqlitePath);
    const events = await createEventStoreFor(dataDir, selection);
    const partial = `${values.out}.partial`;
    const file = createWriteStream(partial);
    try {
      await events.migrate();
      const counts = await exportRecords(
        async (line) => {
          // Respect back-pressure: millions of lines must not pile up in memory.
          if (!file.write(line)) await once(file, 'drain');
        },
        { events, state, streams: [COLLECTOR_STREAM] },
      );
      file.end();
      await once(file, 'finish');
      renameSync(partial, values.out);
      for (const [table, count] of Object.entries(counts)) {
        io.stderr.write(`${table}: ${count}\n`);
      }
      return 0;
    } catch (error) {
      file.destroy();
      rmSync(partial, { force: true });
      throw error;
    } finally {
      await Promise.all([events.close(), state.close()]);
    }
  },
};
