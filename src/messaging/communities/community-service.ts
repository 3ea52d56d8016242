import type { Broadcast, Community, HubStore, JsonValue, Membership } from '../../store/index.ts';
import { StoreError } from '../../store/index.ts';
import type { ConsentLedger } from '../consent/consent-ledger.ts';
import { addressOf } from '../inbox/inbox-service.ts';
import { type EnqueueDeps, enqueueMessage } from '../outbox/enqueue-message.ts';
import type { OutboundMessage, OutboundPart } from '../types.ts';
import { rewriteLinks, type ShareLinker } from './rewrite-links.ts';

export interface BroadcastInput {
  brandId: string;
  communityId: string;
  campaign: string;
  parts: OutboundPart[];
  /** Needed to reach WhatsApp members outside their 24-hour window. */
  template?: OutboundMessage['template'];
  /** Scheduling: nobody gets it before this (epoch ms). */
  notBefore?: number;
}

export interface BroadcastReport {
  broadcast: Broadcast;
  queued: number;
  /** Members the policy refused, by reason code (no consent, cap, window…). */
  refused: Record<string, number>;
}

export interface Communities {
  create(input: Omit<Community, 'id' | 'createdAt'>): Promise<Community>;
  list(brandId: string): Promise<Community[]>;
  /** Joins after an explicit opt-in: the exact wording goes to the ledger as marketing consent. */
  join(input: {
    brandId: string;
    communityId: string;
    contactId: string;
    evidence: { [key: string]: JsonValue };
  }): Promise<Membership>;
  leave(brandId: string, communityId: string, contactId: string): Promise<boolean>;
  members(brandId: string, communityId: string): Promise<Membership[]>;
  /** Queues one message per member, each through the policy and with its own share links. */
  broadcast(input: BroadcastInput): Promise<BroadcastReport>;
}

export function createCommunities(deps: {
  hub: HubStore;
  consent: ConsentLedger;
  enqueue: EnqueueDeps;
  shareLink?: ShareLinker;
}): Communities {
  const { hub } = deps;
  const now = deps.enqueue.now;
  const communityOf = async (brandId: string, id: string) => {
    const community = await hub.getCommunity(brandId, id);
    if (!community) throw new StoreError('not_found', 'no such community');
    return community;
  };

  return {
    create: (input) => hub.createCommunity({ ...input, createdAt: now() }),
    list: (brandId) => hub.listCommunities(brandId),
    async join(input) {
      const community = await communityOf(input.brandId, input.communityId);
      const contact = await hub.getContact(input.brandId, input.contactId);
      if (!contact) throw new StoreError('not_found', 'no such contact');
      const record = await deps.consent.grant({
        brandId: input.brandId,
        contact,
        purpose: 'marketing',
        source: 'community_join',
        wording: community.optInWording,
        wordingVersion: community.wordingVersion,
        evidence: { ...input.evidence, communityId: community.id },
      });
      return hub.joinCommunity({
        communityId: community.id,
        contactId: contact.id,
        joinedAt: record.at,
        consentId: record.id,
      });
    },
    async leave(brandId, communityId, contactId) {
      await communityOf(brandId, communityId);
      return hub.leaveCommunity(communityId, contactId);
    },
    async members(brandId, communityId) {
      await communityOf(brandId, communityId);
      return hub.listMembers(communityId);
    },
    async broadcast(input) {
      await communityOf(input.brandId, input.communityId);
      const members = await hub.listMembers(input.communityId);
      const notBefore = Math.max(now(), input.notBefore ?? 0);
      const broadcast = await hub.createBroadcast({
        brandId: input.brandId,
        communityId: input.communityId,
        campaign: input.campaign,
        content: JSON.parse(
          JSON.stringify({ parts: input.parts, template: input.template ?? null }),
        ),
        notBefore,
        createdAt: now(),
        recipients: members.length,
      });
      const refused: Record<string, number> = {};
      let queued = 0;
      for (const member of members) {
        const contact = await hub.getContact(input.brandId, member.contactId);
        if (!contact) continue;
        const to = addressOf(contact);
        const key = `${to.channel}:${to.endpointId}:${to.userId}`;
        const link = deps.shareLink;
        const result = await enqueueMessage(deps.enqueue, {
          brandId: input.brandId,
          contact,
          author: 'broadcast',
          broadcastId: broadcast.id,
          message: {
            idempotencyKey: `broadcast:${broadcast.id}:${contact.id}`,
            to,
            purpose: 'marketing',
            conversationKey: key,
            parts: input.parts,
            ...(input.template ? { template: input.template } : {}),
            notBefore,
          },
          // Share links are minted only for members the policy lets through.
          finalize: async (message) => {
            if (!link) return message;
            const context = { conversation: key, channel: to.channel, campaign: input.campaign };
            const { parts, params } = await rewriteLinks(
              message.parts,
              message.template?.params ?? {},
              (url) => link(url, context),
            );
            return {
              ...message,
              parts,
              ...(message.template ? { template: { ...message.template, params } } : {}),
            };
          },
        });
        if (result.outcome === 'queued') queued++;
        else refused[result.code] = (refused[result.code] ?? 0) + 1;
      }
      return { broadcast, queued, refused };
    },
  };
}
