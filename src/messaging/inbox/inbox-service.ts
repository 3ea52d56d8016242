import type {
  Contact,
  Conversation,
  ConversationMode,
  HubStore,
  StoredMessage,
} from '../../store/index.ts';
import { StoreError } from '../../store/index.ts';
import { type EnqueueDeps, type EnqueueResult, enqueueMessage } from '../outbox/enqueue-message.ts';
import type { Address, OutboundPart, Provider } from '../types.ts';

export interface Inbox {
  list(
    brandId: string,
    filter?: { mode?: ConversationMode; assignedAgent?: string; limit?: number },
  ): Promise<Conversation[]>;
  thread(brandId: string, key: string, limit?: number): Promise<StoredMessage[]>;
  /** A person takes over: the assistant stops answering this conversation. */
  assign(brandId: string, key: string, agentId: string): Promise<Conversation>;
  /** The person hands the conversation back to the assistant. */
  handBack(brandId: string, key: string): Promise<Conversation>;
  /**
   * An agent's reply, through the same outbox and policy as everything else. It goes out from
   * the brand's endpoint with only the parts given: the agent's name never reaches the contact
   * (it is kept as the internal author, for the team's history).
   */
  reply(input: {
    brandId: string;
    key: string;
    agentId: string;
    parts: OutboundPart[];
    /** The client's id for this reply, so a double-click or a retried request sends once. */
    requestId: string;
  }): Promise<EnqueueResult>;
}

export const addressOf = (contact: Contact): Address => ({
  channel: contact.channel as Address['channel'],
  provider: contact.provider as Provider,
  endpointId: contact.endpointId,
  userId: contact.userId,
  ...(contact.phone ? { phone: contact.phone } : {}),
  ...(contact.email ? { email: contact.email } : {}),
});

/** The human inbox over the hub store (service functions; the UI is elsewhere). */
export function createInbox(deps: { hub: HubStore; enqueue: EnqueueDeps }): Inbox {
  const { hub } = deps;
  const now = deps.enqueue.now;
  const conversationOf = async (brandId: string, key: string) => {
    const conversation = await hub.getConversation(brandId, key);
    if (!conversation) throw new StoreError('not_found', 'no such conversation');
    return conversation;
  };
  return {
    list: (brandId, filter) => hub.listConversations(brandId, filter),
    async thread(brandId, key, limit) {
      await conversationOf(brandId, key);
      return hub.listMessages(brandId, key, limit);
    },
    assign: (brandId, key, agentId) =>
      hub.setConversationMode(brandId, key, 'agent', agentId, now()),
    handBack: (brandId, key) => hub.setConversationMode(brandId, key, 'assistant', null, now()),
    async reply(input) {
      const conversation = await conversationOf(input.brandId, input.key);
      const contact = await hub.getContact(input.brandId, conversation.contactId);
      if (!contact) throw new StoreError('not_found', 'the contact was erased');
      return enqueueMessage(deps.enqueue, {
        brandId: input.brandId,
        contact,
        author: `agent:${input.agentId}`,
        message: {
          idempotencyKey: `agent:${input.key}:${input.requestId}`,
          to: addressOf(contact),
          purpose: 'service',
          conversationKey: input.key,
          parts: input.parts,
        },
      });
    },
  };
}
