import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { type Collector, createCollector } from '../ingest/index.ts';
import type { OpenGraphCard } from '../links/index.ts';
import type { EventStore, Site, StateStore } from '../store/index.ts';
import type { ServerConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { loadDashboardAssets } from './dashboard-routes.ts';
import { openStores } from './open-stores.ts';
import { loadTrackerAssets } from './tracker-assets.ts';

export const VERSION = '0.1.0';

/** Secrets and personal data never reach the logs, whatever a handler logs by mistake. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.token',
  '*.password',
  '*.passwordHash',
  '*.ip',
];

/** dist/ holds the built tracker: beside the bundled CLI, or two levels up from src/server. */
function findDistDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, join(here, '..', '..', 'dist')];
  return candidates.find((dir) => existsSync(join(dir, 'p.js'))) ?? candidates[1]!;
}

export interface RunningServer {
  url: string;
  logger: Logger;
  collector: Collector;
  events: EventStore;
  state: StateStore;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Prepares state (e.g. the demo site) after the stores open, before listening. */
  prepare?: (stores: { state: StateStore; events: EventStore }) => Promise<Site | undefined>;
  logger?: Logger;
  /** Replaces how share-link targets' Open Graph cards are fetched (tests). */
  fetchCard?: (url: string) => Promise<OpenGraphCard>;
}

/** Opens the embedded stores, replays the ingest log, and listens. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const logger = options.logger ?? pino({ level: config.logLevel, redact: REDACT });
  const { events, state } = await openStores(config.dataDir);
  const demoSite = await options.prepare?.({ state, events });
  const collector = await createCollector({
    events,
    state,
    logDir: join(config.dataDir, 'ingest-log'),
    fsync: config.fsync,
    maxBacklog: config.maxBacklog,
    rateLimitPerSecond: config.rateLimitPerSecond,
    onError: (error) => logger.error({ err: error }, 'storing events failed; will retry'),
  });
  if (collector.replayed > 0)
    logger.info({ replayed: collector.replayed }, 'replaying accepted events');
  const app = createApp({
    config,
    logger,
    collector,
    events,
    state,
    tracker: loadTrackerAssets(findDistDir()),
    dashboard: loadDashboardAssets(findDistDir()),
    version: VERSION,
    demoSite,
    fetchCard: options.fetchCard,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, data: config.dataDir }, 'penumbra is listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    logger,
    collector,
    events,
    state,
    close() {
      // Stop taking requests, then store everything accepted, then close the files.
      closing ??= (async () => {
        await app.close();
        await collector.close();
        await events.close();
        await state.close();
      })();
      return closing;
    },
  };
}
