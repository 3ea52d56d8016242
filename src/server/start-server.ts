import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { type Collector, createCollector } from '../ingest/index.ts';
import type { OpenGraphCard } from '../links/index.ts';
import type { EventStore, Site, StateStore } from '../store/index.ts';
import type { ServerConfig } from './config.ts';
import { createApp } from './create-app.ts';
import { loadDashboardAssets } from './dashboard-routes.ts';
import { loadMessagingConfig } from './load-messaging-config.ts';
import {
  type MessagingSetup,
  type MessagingSetupInput,
  setupMessaging,
} from './messaging-setup.ts';
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

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

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
  /** The messaging hub, when the demo or PENUMBRA_MESSAGING set it up. */
  messaging?: MessagingSetup;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Prepares state (e.g. the demo site) after the stores open, before listening. */
  prepare?: (stores: { state: StateStore; events: EventStore }) => Promise<Site | undefined>;
  logger?: Logger;
  /** Sets up the messaging hub for a site (the demo); otherwise PENUMBRA_MESSAGING's file does. */
  messaging?: (stores: { state: StateStore }) => Promise<MessagingSetupInput | undefined>;
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
  const { events, state } = await openStores(
    config.dataDir,
    {
      events: config.events,
      state: config.state,
      clickhouseUrl: config.clickhouseUrl,
      postgresUrl: config.postgresUrl,
    },
    { duckdbThreads: config.duckdbThreads },
  );
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
  let messaging: MessagingSetup | undefined;
  // Share links in messages point here; known for sure only once the server listens.
  let publicBaseUrl = config.publicUrl ?? '';
  try {
    const messagingInput = options.messaging
      ? await options.messaging({ state })
      : config.messagingConfig
        ? await loadMessagingConfig(config.messagingConfig, state)
        : undefined;
    messaging = messagingInput
      ? await setupMessaging({
          dataDir: config.dataDir,
          state,
          input: messagingInput,
          publicBaseUrl: () => publicBaseUrl,
          postgresUrl: config.postgresUrl,
        })
      : undefined;
  } catch (error) {
    // A bad hub configuration must not leave the stores (and their file locks) open behind it.
    await collector.close();
    await events.close();
    await state.close();
    throw error;
  }
  const app = createApp({
    config,
    logger,
    collector,
    events,
    state,
    tracker: loadTrackerAssets(findDistDir()),
    dashboard: loadDashboardAssets(findDistDir()),
    messaging,
    webchatScript: readOrNull(join(findDistDir(), 'webchat.js')),
    version: VERSION,
    demoSite,
    fetchCard: options.fetchCard,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, data: config.dataDir }, 'penumbra is listening');
  publicBaseUrl ||= url;
  await messaging?.start();

  let closing: Promise<void> | null = null;
  return {
    url,
    logger,
    collector,
    events,
    state,
    messaging,
    close() {
      // Stop taking requests, then store everything accepted, then close the files.
      closing ??= (async () => {
        await app.close();
        await messaging?.stop();
        await collector.close();
        await events.close();
        await state.close();
      })();
      return closing;
    },
  };
}
