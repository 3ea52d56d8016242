import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createCollector } from '../../src/ingest/index.ts';
import { createWhatsAppAdapter } from '../../src/messaging/channels/whatsapp.ts';
import { WHATSAPP_CAPABILITIES } from '../../src/messaging/channels/whatsapp-render.ts';
import { createMessagingHub, type MessagingHub } from '../../src/messaging/create-messaging-hub.ts';
import { type FakeWhatsApp, startFakeWhatsApp } from '../../src/messaging/fakes/fake-whatsapp.ts';
import type { ChannelAdapter } from '../../src/messaging/types.ts';
import { hashPassword } from '../../src/server/auth/hash-password.ts';
import { serverConfigSchema } from '../../src/server/config.ts';
import { createApp } from '../../src/server/create-app.ts';
import { loadDashboardAssets } from '../../src/server/dashboard-routes.ts';
import { registerMessagingRoutes } from '../../src/server/messaging-routes.ts';
import { openStores } from '../../src/server/open-stores.ts';
import { loadTrackerAssets } from '../../src/server/tracker-assets.ts';
import { createSqliteHubStore, type Site, type StateStore } from '../../src/store/index.ts';

const DIST = join(import.meta.dirname, '..', '..', 'dist');
export const ASSISTANT_TEXT = 'Thanks for writing! A recipe is on its way.';

export interface MessagingServer {
  url: string;
  site: Site;
  state: StateStore;
  messaging: MessagingHub;
  fake: FakeWhatsApp;
  /** Moves the hub's clock (policy, outbox) forward, e.g. past the 24-hour window. */
  skew(ms: number): void;
  close(): Promise<void>;
}

/**
 * A real Penumbra app (dashboard, auth, site routes) in this process, with the messaging hub
 * wired to the real WhatsApp adapter talking to the fake Cloud API, and a signed-up owner of
 * `domain`. In-process so the test holds the fake provider and can move the hub's clock;
 * everything the browser touches (app, auth, dashboard bundle, hub API) is the production code.
 */
export async function startMessagingServer(options: {
  domain: string;
  email: string;
  password: string;
}): Promise<MessagingServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-e2e-messaging-'));
  const config = serverConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    logLevel: 'silent',
    fsync: 'never',
  });
  const logger = pino({ level: 'silent' });
  const { events, state } = await openStores(dataDir, { events: 'duckdb', state: 'sqlite' });
  const collector = await createCollector({
    events,
    state,
    logDir: join(dataDir, 'ingest-log'),
    fsync: 'never',
    maxBacklog: 1_000,
    rateLimitPerSecond: 0,
  });
  const site = await state.createSite(options.domain);
  const user = await state.createUser({
    email: options.email,
    passwordHash: await hashPassword(options.password),
  });
  await state.setSiteRole(site.id, user.id, 'owner');

  const hubStore = await createSqliteHubStore({ path: join(dataDir, 'hub.sqlite') });
  await hubStore.migrate();
  let offset = 0;
  // The fake needs our webhook URL and the adapter needs the fake's: bind the adapter late.
  let real: ChannelAdapter | undefined;
  const adapter: ChannelAdapter = {
    kind: 'whatsapp',
    provider: 'meta',
    capabilities: WHATSAPP_CAPABILITIES,
    handshake: (request) => real!.handshake?.(request),
    verify: (request) => real!.verify(request),
    parse: (request) => real!.parse(request),
    render: (message) => real!.render(message),
    send: (payload) => real!.send(payload),
  };
  const messaging = createMessagingHub({
    hub: hubStore,
    adapters: [adapter],
    suppressionSecret: 'e2e-suppression-secret',
    assistant: () => [{ type: 'text', text: ASSISTANT_TEXT }],
    now: () => Date.now() + offset,
    // No quiet hours: the broadcast must go out whatever the time of day the test runs at.
    policy: { quietHours: { purposes: [] } },
    worker: { pollMs: 20 },
  });
  const app = createApp({
    config,
    logger,
    collector,
    events,
    state,
    tracker: loadTrackerAssets(DIST),
    dashboard: loadDashboardAssets(DIST),
    version: 'e2e',
  });
  registerMessagingRoutes(app, { state, messaging, channels: [{ adapter, brandId: site.id }] });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const fake = await startFakeWhatsApp({ webhookUrl: `${url}/hooks/whatsapp` });
  real = createWhatsAppAdapter({
    baseUrl: fake.url,
    apiVersion: 'v21.0',
    phoneNumberId: fake.phoneNumberId,
    accessToken: fake.accessToken,
    appSecret: fake.appSecret,
    verifyToken: 'verify-token-123',
  });
  await messaging.start();

  return {
    url,
    site,
    state,
    messaging,
    fake,
    skew(ms) {
      offset += ms;
    },
    async close() {
      await messaging.stop();
      await fake.stop();
      await app.close();
      await collector.close();
      await events.close();
      await state.close();
      await hubStore.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
