import type { MessagingHub } from '../../src/messaging/create-messaging-hub.ts';
import type { FakeStats } from '../../src/messaging/fakes/index.ts';
import type { ChannelAdapter, ChannelKind } from '../../src/messaging/types.ts';
import type { Broadcast } from '../../src/store/index.ts';

export const BRAND = 'bench-brand';

export interface ChannelPlan {
  kind: ChannelKind;
  endpointId: string;
  userId: (i: number) => string;
  /** The fake's sustained limit for this sender (messages per second). */
  allowed: number;
  stats: () => FakeStats;
  adapter: ChannelAdapter;
}

/**
 * `count` contacts join a community for this channel (each join records marketing consent with
 * its wording), then one broadcast queues a message per member. WhatsApp members have no open
 * window, so they get the template; Messenger members wrote recently (Messenger has no
 * templates outside the window).
 */
export async function prepareChannel(
  hub: MessagingHub,
  plan: ChannelPlan,
  count: number,
): Promise<Broadcast> {
  const now = Date.now();
  const community = await hub.communities.create({
    brandId: BRAND,
    name: `bench ${plan.kind}`,
    description: '',
    optInWording: `Yes, send me the weekly recipe on ${plan.kind}`,
    wordingVersion: 'v1',
  });
  for (let i = 0; i < count; i++) {
    const userId = plan.userId(i);
    const contact = await hub.hub.upsertContact(
      {
        brandId: BRAND,
        channel: plan.kind,
        provider: plan.adapter.provider,
        endpointId: plan.endpointId,
        userId,
        phone: plan.kind === 'sms' ? userId : null,
        username: null,
        email: null,
        displayName: null,
        language: 'en',
        timeZone: 'UTC',
      },
      now,
    );
    if (plan.kind === 'messenger') {
      const key = `${plan.kind}:${plan.endpointId}:${userId}`;
      await hub.hub.ensureConversation(
        { brandId: BRAND, key, contactId: contact.id, channel: plan.kind },
        now,
      );
      await hub.hub.touchInbound(BRAND, key, now);
    }
    await hub.communities.join({
      brandId: BRAND,
      communityId: community.id,
      contactId: contact.id,
      evidence: { bench: true },
    });
  }
  const report = await hub.communities.broadcast({
    brandId: BRAND,
    communityId: community.id,
    campaign: `bench-${plan.kind}`,
    parts: [{ type: 'text', text: 'This week: tomato soup, ready in 20 minutes.' }],
    template: { name: 'weekly_recipe', language: 'en', params: { '1': 'tomato soup' } },
  });
  if (report.queued !== count) {
    throw new Error(
      `${plan.kind}: queued ${report.queued}, refused ${JSON.stringify(report.refused)}`,
    );
  }
  return report.broadcast;
}
