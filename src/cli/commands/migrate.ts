import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { dataDirFrom } from './sites.ts';
import { STORE_FLAGS, STORE_OPTIONS_HELP, selectStores } from './store-flags.ts';

const HELP = `Usage: penumbra migrate [options]

Brings the event store and the state store to this Penumbra's schema version. Safe to run
again (it then applies nothing) and from several instances at once; \`penumbra serve\` does the
same at start-up, so this is for upgrading ahead of a deploy and for new server databases.

Options:
  --only events|state   migrate one store only
  --json                machine-readable output
${STORE_OPTIONS_HELP}  -h, --help            show this help
`;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the event and state stores to the current schema version',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      ...STORE_FLAGS,
      only: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.only !== undefined && values.only !== 'events' && values.only !== 'state') {
      throw new UsageError(`--only expects events or state, got "${values.only}"`);
    }
    const selection = selectStores(values);
    const dataDir = dataDirFrom(values.data);
    const { createEventStoreFor, createStateStoreFor } = await import(
      '../../server/open-stores.ts'
    );
    const reports: { store: string; engine: string; version: number; applied: number[] }[] = [];
    if (values.only !== 'state') {
      const events = await createEventStoreFor(dataDir, selection);
      try {
        reports.push({ store: 'events', engine: selection.events, ...(await events.migrate()) });
      } finally {
        await events.close();
      }
    }
    if (values.only !== 'events') {
      const state = await createStateStoreFor(dataDir, selection);
      try {
        reports.push({ store: 'state', engine: selection.state, ...(await state.migrate()) });
      } finally {
        await state.close();
      }
    }
    for (const report of reports) {
      const applied = report.applied.length ? `applied ${report.applied.join(', ')}` : 'up to date';
      io.stdout.write(
        values.json
          ? `${JSON.stringify(report)}\n`
          : `${report.store} (${report.engine}): schema version ${report.version}, ${applied}\n`,
      );
    }
    return 0;
  },
};
