import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChannelAdapters,
  type ChannelsConfigInput,
  createChannelAdapters,
  createMemoryWebchatMailbox,
  createMessagingHub,
  type MessagingHub,
  type ShareLinker,
} from '../messaging/index.ts';
import {
  createPostgresHubStore,
  createSqliteHubStore,
  type HubStore,
  type Site,
  type StateStore,
} from '../store/index.ts';
import type { MessagingRouteDeps } from './messaging-routes.ts';
import { createStateShareLinker } from './messaging-share-linker.ts';
import { createRecipeAssistant } from './recipe-assistant.ts';

/** What `penumbra serve` needs to run the hub for one brand (a site). */
export interface MessagingSetupInput {
  site: Site;
  /** Provider channels (web chat is always on and needs no config). */
  channels: Omit<ChannelsConfigInput, 'webchat'>;
  /** Policy settings (src/messaging/policy/policy-config.ts); defaults when absent. */
  policy?: unknown;
  /** The recipe assistant answers conversations in assistant mode (default on). */
  assistant?: 'recipes' | 'none';
}

export interface MessagingSetup {
  messaging: MessagingHub;
  channels: ChannelAdapters;
  brandId: string;
  routes: Omit<MessagingRouteDeps, 'state'>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Secrets the hub must keep across restarts (suppression hashes must keep matching, web chat
 * tokens must stay valid), made once and kept in the data directory, readable by its owner only.
 */
function loadHubSecrets(dataDir: string): { suppression: string; webchat: string } {
  const file = join(dataDir, 'hub-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    suppression: randomBytes(32).toString('hex'),
    webchat: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/** The hub's tables sit beside the state store's: in its SQLite file or its PostgreSQL database. */
function openHubStore(options: {
  dataDir: string;
  state: StateStore;
  postgresUrl?: string;
}): Promise<HubStore> {
  if (options.state.dialect === 'postgres') {
    if (!options.postgresUrl)
      throw new Error('the hub needs PENUMBRA_POSTGRES_URL with --state postgres');
    return createPostgresHubStore({ url: options.postgresUrl });
  }
  return createSqliteHubStore({ path: join(options.dataDir, 'state.sqlite') });
}

/**
 * The messaging hub over the state store's SQLite file (or PostgreSQL database), the configured channels plus web chat,
 * and the recipe assistant. Every link the assistant or a broadcast sends becomes a share link
 * of `publicBaseUrl()` (known once the server listens).
 */
export async function setupMessaging(options: {
  dataDir: string;
  state: StateStore;
  input: MessagingSetupInput;
  publicBaseUrl: () => string;
  /** With the PostgreSQL state store, the hub's tables live in the same database. */
  postgresUrl?: string;
  hub?: HubStore;
}): Promise<MessagingSetup> {
  const { site } = options.input;
  const secrets = loadHubSecrets(options.dataDir);
  const hub = options.hub ?? (await openHubStore(options));
  await hub.migrate();
  const channels = createChannelAdapters(
    { ...options.input.channels, webchat: { sessionSecret: secrets.webchat, siteId: site.id } },
    { webchatMailbox: createMemoryWebchatMailbox() },
  );
  const shareLink: ShareLinker = (url, context) =>
    createStateShareLinker(options.state, options.publicBaseUrl())(url, context);
  let messaging: MessagingHub | undefined;
  const adapterFor = (channel: string) => messaging?.adapterFor(channel);
  messaging = createMessagingHub({
    hub,
    adapters: channels.all(),
    suppressionSecret: secrets.suppression,
    policy: options.input.policy,
    shareLink,
    assistant:
      options.input.assistant === 'none'
        ? undefined
        : createRecipeAssistant({
            hub,
            shareLink,
            siteDomain: site.domain,
            brand: site.domain,
            adapterFor,
          }),
  });
  const ready = messaging;
  return {
    messaging: ready,
    channels,
    brandId: site.id,
    routes: {
      messaging: ready,
      channels: channels.all().map((adapter) => ({ adapter, brandId: site.id })),
      ...(options.input.channels.email
        ? {
            unsubscribe: {
              secret: options.input.channels.email.unsubscribeSecret,
              brandId: site.id,
            },
          }
        : {}),
    },
    start: () => ready.start(),
    async stop() {
      await ready.stop();
      if (!options.hub) await hub.close();
    },
  };
}
