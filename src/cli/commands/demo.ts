import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs, parseIntegerFlag } from '../parse-args.ts';
import { waitForShutdown } from '../wait-for-shutdown.ts';
import { SERVER_OPTIONS, serverConfigFromFlags } from './serve.ts';

const DEMO_DOMAIN = 'demo.penumbra.localhost';
const OTHER_DOMAIN = 'other.penumbra.localhost';
export const DEMO_EMAIL = 'demo@penumbra.test';
const OTHER_EMAIL = 'other@penumbra.test';
/** The demo's public read-only dashboard: /public/penumbra-demo. */
const DEMO_PUBLIC_SLUG = 'penumbra-demo';

const HELP = `Usage: penumbra demo [options]

Starts the server with a demo site (${DEMO_DOMAIN}) and realistic simulated traffic through
the real collector pipeline: visits from every channel, share-button shares, link-preview
fetches, bots, and share cascades several generations deep. Open the printed URL.

Log in to the dashboard (/app) as ${DEMO_EMAIL} with the password printed at start-up (or
PENUMBRA_DEMO_PASSWORD when set); ${OTHER_EMAIL} owns a second site. The demo site's read-only
public dashboard is at /public/${DEMO_PUBLIC_SLUG}.

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
    const { startServer, hashPassword } = await import('../../server/index.ts');
    const password = process.env.PENUMBRA_DEMO_PASSWORD || randomBytes(9).toString('base64url');
    const { createTrafficSimulator } = await import('../demo/simulate-traffic.ts');
    const { startDemoMessaging } = await import('../demo/demo-messaging.ts');
    const demoMessaging = await startDemoMessaging();
    const server = await startServer(
      { ...config, rateLimitPerSecond: 0 },
      {
        prepare: async ({ state }) => {
          const site =
            (await state.findSiteByDomain(DEMO_DOMAIN)) ??
            (await state.createSite(DEMO_DOMAIN, { publicSlug: DEMO_PUBLIC_SLUG }));
          const other =
            (await state.findSiteByDomain(OTHER_DOMAIN)) ?? (await state.createSite(OTHER_DOMAIN));
          const passwordHash = await hashPassword(password);
          for (const [email, owned] of [
            [DEMO_EMAIL, site],
            [OTHER_EMAIL, other],
          ] as const) {
            const user =
              (await state.findUserByEmail(email)) ??
              (await state.createUser({ email, passwordHash }));
            await state.setSiteRole(owned.id, user.id, 'owner');
          }
          if ((await state.listGoals(site.id)).length === 0) {
            await state.createGoal({
              siteId: site.id,
              name: 'Paid subscription',
              kind: 'event',
              value: 'subscribe',
            });
            await state.createGoal({
              siteId: site.id,
              name: 'Read a recipe',
              kind: 'page',
              value: '/food/recipes/*',
            });
          }
          return site;
        },
        messaging: async ({ state }) => {
          const site = await state.findSiteByDomain(DEMO_DOMAIN);
          return site ? demoMessaging.input(site) : undefined;
        },
      },
    );
    const simulator = createTrafficSimulator(server.collector, DEMO_DOMAIN);
    const stopped = waitForShutdown(async () => {
      simulator.stop();
      await server.close();
      await demoMessaging.stop();
    });
    io.stderr.write(`penumbra demo: open ${server.url} (data in ${data})\n`);
    io.stderr.write(
      `penumbra demo: dashboard ${server.url}/app — log in as ${DEMO_EMAIL} / ${process.env.PENUMBRA_DEMO_PASSWORD ? '$PENUMBRA_DEMO_PASSWORD' : password}\n`,
    );
    io.stderr.write(
      `penumbra demo: try the recipe assistant at ${server.url}/webchat/try; WhatsApp and Telegram are local fakes\n`,
    );
    await demoMessaging.connect(server.url);
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
