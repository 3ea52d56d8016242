import type { Command, CommandIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { parseArgs } from '../parse-args.ts';
import { waitForShutdown } from '../wait-for-shutdown.ts';

const HELP = `Usage: penumbra serve [options]

Runs the tracker (/p.js), the collector (POST /api/event), the API (/api/openapi.json) and the
home page, on the embedded stores (DuckDB for events, SQLite for state) in the data directory.

Options (each also read from the environment variable shown):
  --port N            port (PENUMBRA_PORT, default 8080; 0 picks a free one)
  --host HOST         address to bind (PENUMBRA_HOST, default 127.0.0.1)
  --data DIR          data directory (PENUMBRA_DATA, default ~/.penumbra)
  --log-level LEVEL   fatal|error|warn|info|debug|trace|silent (PENUMBRA_LOG_LEVEL, default info)
  --fsync MODE        always: fdatasync before acknowledging; never: survive kill -9 only
                      (PENUMBRA_FSYNC, default always)
  --events ENGINE     duckdb|clickhouse (PENUMBRA_EVENTS; clickhouse needs PENUMBRA_CLICKHOUSE_URL)
  --state ENGINE      sqlite|postgres (PENUMBRA_STATE; postgres needs PENUMBRA_POSTGRES_URL)
  --messaging FILE    the messaging hub's JSON config (PENUMBRA_MESSAGING; docs/messaging.md)
  --public-url URL    where people reach this server (PENUMBRA_PUBLIC_URL): share links in
                      messages point there
  -h, --help          show this help

The dashboard is at /app (create the first user there, or with \`penumbra users add\`).

Other settings: PENUMBRA_MAX_BACKLOG (events accepted but not stored before 503, default 200000),
PENUMBRA_RATE_LIMIT (events/s per IP and user agent, 0 = off, default 20),
PENUMBRA_TRUST_PROXY (true behind a reverse proxy that sets X-Forwarded-For),
PENUMBRA_DUCKDB_THREADS (DuckDB's worker threads, default one per core but one).
`;

export const SERVER_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  'log-level': { type: 'string' },
  fsync: { type: 'string' },
  events: { type: 'string' },
  state: { type: 'string' },
  messaging: { type: 'string' },
  'public-url': { type: 'string' },
} as const;

/**
 * Reads the server flags into a validated config; bad values become one-line usage errors.
 * The server (Fastify, DuckDB, SQLite) is imported here, on use, so other commands start fast.
 */
export async function serverConfigFromFlags(values: Record<string, string | boolean | undefined>) {
  const { ConfigError, loadServerConfig } = await import('../../server/index.ts');
  try {
    return loadServerConfig({
      port: values.port,
      host: values.host,
      dataDir: values.data,
      logLevel: values['log-level'],
      fsync: values.fsync,
      events: values.events,
      state: values.state,
      messagingConfig: values.messaging,
      publicUrl: values['public-url'],
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the collector, tracker and API on the embedded stores',
  help: HELP,
  async run(argv: string[], io: CommandIo) {
    const { values, positionals } = parseArgs(argv, SERVER_OPTIONS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const config = await serverConfigFromFlags(values);
    const { startServer } = await import('../../server/index.ts');
    const server = await startServer(config);
    // Handlers first: a supervisor may send SIGTERM the moment it reads the "listening" line.
    const stopped = waitForShutdown(server.close);
    io.stderr.write(`penumbra: listening on ${server.url} (Ctrl-C to stop)\n`);
    await stopped;
    return 0;
  },
};
