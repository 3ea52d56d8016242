import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs, parseIntegerFlag } from '../parse-args.ts';
import { waitForShutdown } from '../wait-for-shutdown.ts';
import { SERVER_OPTIONS, serverConfigFromFlags } from './serve.ts';

const DEMO_DOMAIN = 'demo.penumbra.localhost';

const HELP = `Usage: penumbra demo [options]

Starts the server with a demo site (${DEMO_DOMAIN}) and realistic simulated traffic through
the real collector pipeline: visits from every channel, share-button shares, link-preview
fetches, bots, and share cascades several generations deep. Open the printed URL.

Options:
  --port N         port (default 8080; 0 picks a free one)
  --host HOST      address to bind (default 127.0.0.1)
  --data DIR       data directory (default: a fresh temporary one)
  --days N         days of history to backfill first (default 7)
  --per-day N      visits per backfilled day (default 300)
  --no-live        backfill only, no live traffic
  -h, --help       show this help
`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the server with a demo site and simulated traffic',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs(argv, {
      ...SERVER_OPTIONS,
      days: { type: 'string' },
      'per-day': { type: 'string' },
      'no-live': { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const days = parseIntegerFlag('days', values.days, 7);
    const perDay = parseIntegerFlag('per-day', values['per-day'], 300);
    const data = values.data ?? mkdtempSync(join(tmpdir(), 'penumbra-demo-'));
    const config = await serverConfigFromFlags({ ...values, data });
    const { startServer } = await import('../../server/index.ts');
    const { createTrafficSimulator } = await import('../demo/simulate-traffic.ts');
    const server = await startServer(
      { ...config, rateLimitPerSecond: 0 },
      {
        prepare: async ({ state }) =>
          (await state.findSiteByDomain(DEMO_DOMAIN)) ?? (await state.createSite(DEMO_DOMAIN)),
      },
    );
    const simulator = createTrafficSimulator(server.collector, DEMO_DOMAIN);
    const stopped = waitForShutdown(async () => {
      simulator.stop();
      await server.close();
    });
    io.stderr.write(`penumbra demo: open ${server.url} (data in ${data})\n`);
    const visits = await simulator.backfill(days, perDay);
    await server.collector.flush();
    io.stderr.write(
      `penumbra demo: ${visits} simulated visits over ${days} days; live traffic ${values['no-live'] ? 'off' : 'on'}\n`,
    );
    if (!values['no-live']) simulator.start();
    await stopped;
    return 0;
  },
};
