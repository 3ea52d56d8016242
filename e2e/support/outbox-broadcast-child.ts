// A separate process that runs a WhatsApp broadcast through the durable outbox and the real
// WhatsApp adapter, for the kill -9 test:
//   node --import tsx outbox-broadcast-child.ts <db> <fakeUrl> broadcast|resume <members>
import { createWhatsAppAdapter } from '../../src/messaging/channels/whatsapp.ts';
import { createMessagingHub } from '../../src/messaging/create-messaging-hub.ts';
import { createSqliteHubStore } from '../../src/store/index.ts';

export const KILL_BRAND = 'brand-kill';
export const PHONE_NUMBER_ID = '106540352242922';

const [db, fakeUrl, mode, members = '200'] = process.argv.slice(2);
if (db && fakeUrl) await run(db, fakeUrl, mode ?? 'broadcast', Number(members));

async function run(path: string, baseUrl: string, step: string, count: number) {
  const store = await createSqliteHubStore({ path });
  await store.migrate();
  const adapter = createWhatsAppAdapter({
    baseUrl,
    apiVersion: 'v21.0',
    phoneNumberId: PHONE_NUMBER_ID,
    accessToken: 'test-whatsapp-token',
    appSecret: 'test-app-secret',
    verifyToken: 'kill-test-verify',
  });
  const hub = createMessagingHub({
    hub: store,
    adapters: [adapter],
    suppressionSecret: 'kill-test',
    policy: { caps: [], quietHours: { purposes: [] } },
    // The test delivers every status callback before the resumed run: settle the rest at once.
    worker: { unknownGraceMs: step === 'resume' ? 0 : 3_600_000, leaseMs: 3000 },
  });
  if (step === 'broadcast') await queueBroadcast(hub, count);
  await hub.worker.start();
  process.stderr.write('sending\n');
  // The resumed run exits once nothing is left; the first run is killed before that.
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const open = await store.listOutbox(KILL_BRAND, {
      states: ['queued', 'sending', 'unknown'],
      limit: 1,
    });
    if (open.length === 0) break;
  }
  await hub.worker.stop();
  await store.close();
  process.stderr.write('done\n');
}

async function queueBroadcast(hub: ReturnType<typeof createMessagingHub>, count: number) {
  const community = await hub.communities.create({
    brandId: KILL_BRAND,
    name: 'kill test',
    description: '',
    optInWording: 'Yes, send me the weekly recipe on WhatsApp',
    wordingVersion: 'v1',
  });
  for (let i = 0; i < count; i++) {
    const contact = await hub.hub.upsertContact(
      {
        brandId: KILL_BRAND,
        channel: 'whatsapp',
        provider: 'meta',
        endpointId: PHONE_NUMBER_ID,
        userId: `3361${String(i).padStart(7, '0')}`,
        phone: null,
        username: null,
        email: null,
        displayName: null,
        language: 'en',
        timeZone: 'UTC',
      },
      Date.now(),
    );
    await hub.communities.join({
      brandId: KILL_BRAND,
      communityId: community.id,
      contactId: contact.id,
      evidence: {},
    });
  }
  // Nobody wrote first: outside the 24-hour window, so the template is what goes out.
  const report = await hub.communities.broadcast({
    brandId: KILL_BRAND,
    communityId: community.id,
    campaign: 'kill',
    parts: [{ type: 'text', text: 'One message each, whatever happens' }],
    template: { name: 'weekly_recipe', language: 'en', params: { '1': 'soup' } },
  });
  process.stderr.write(`queued ${report.queued}\n`);
}
