// The messaging hub each instance of the two-instance outbox test builds: one PostgreSQL hub
// store (a schema of the test's server), the real WhatsApp adapter against the fake.
import { createWhatsAppAdapter } from '../../src/messaging/channels/whatsapp.ts';
import { createMessagingHub, type MessagingHub } from '../../src/messaging/create-messaging-hub.ts';
import type { OutboxEvent } from '../../src/messaging/outbox/outbox-context.ts';
import { RATE_LIMITS } from '../../src/messaging/outbox/rate-limits.ts';
import { createPostgresHubStore } from '../../src/store/index.ts';

export const TWO_BRAND = 'brand-two';
export const TWO_PHONE_NUMBER_ID = '106540352242933';
export const INSTANCES = 2;

const whatsapp = RATE_LIMITS.whatsapp;
if (!whatsapp) throw new Error('no WhatsApp rate limits');
/**
 * Each worker paces the sender in its own memory, so instances sharing one phone number each
 * take their share of its 80 messages/s: together they stay under the provider's limit.
 */
const SHARED_LIMITS = {
  ...RATE_LIMITS,
  whatsapp: {
    ...whatsapp,
    endpoint: {
      ...whatsapp.endpoint,
      perSecond: whatsapp.endpoint.perSecond / INSTANCES,
      burst: whatsapp.endpoint.burst / INSTANCES,
    },
  },
};

export async function openTwoInstanceHub(
  url: string,
  schema: string,
  fakeUrl: string,
  onEvent?: (event: OutboxEvent) => void,
): Promise<MessagingHub> {
  const store = await createPostgresHubStore({ url, schema, max: 4 });
  await store.migrate();
  const adapter = createWhatsAppAdapter({
    baseUrl: fakeUrl,
    apiVersion: 'v21.0',
    phoneNumberId: TWO_PHONE_NUMBER_ID,
    accessToken: 'test-whatsapp-token',
    appSecret: 'test-app-secret',
    verifyToken: 'two-instances-verify',
  });
  return createMessagingHub({
    hub: store,
    adapters: [adapter],
    suppressionSecret: 'two-instances',
    policy: { caps: [], quietHours: { purposes: [] } },
    // A small claim each (maxPending) so the two workers interleave on one broadcast instead of
    // the first leasing every row; a short lease so a lost one comes back soon.
    worker: { limits: SHARED_LIMITS, maxPending: 40, leaseMs: 3000, pollMs: 50, onEvent },
  });
}

/** Creates a community of `count` WhatsApp members and broadcasts one template to it. */
export async function queueTwoInstanceBroadcast(hub: MessagingHub, count: number): Promise<number> {
  const community = await hub.communities.create({
    brandId: TWO_BRAND,
    name: 'two instances',
    description: '',
    optInWording: 'Yes, send me the weekly recipe on WhatsApp',
    wordingVersion: 'v1',
  });
  for (let i = 0; i < count; i++) {
    const contact = await hub.hub.upsertContact(
      {
        brandId: TWO_BRAND,
        channel: 'whatsapp',
        provider: 'meta',
        endpointId: TWO_PHONE_NUMBER_ID,
        userId: `3362${String(i).padStart(7, '0')}`,
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
      brandId: TWO_BRAND,
      communityId: community.id,
      contactId: contact.id,
      evidence: {},
    });
  }
  // Nobody wrote first: outside the 24-hour window, so the template is what goes out.
  const report = await hub.communities.broadcast({
    brandId: TWO_BRAND,
    communityId: community.id,
    campaign: 'two-instances',
    parts: [{ type: 'text', text: 'One message each, from whichever instance' }],
    template: { name: 'weekly_recipe', language: 'en', params: { '1': 'soup' } },
  });
  return report.queued;
}
