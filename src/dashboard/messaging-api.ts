import type {
  Broadcast,
  Community,
  Conversation,
  ConversationMode,
  Membership,
  OutboxRecord,
  OutboxState,
  StoredMessage,
} from '../store/hub-records.ts';
import type { ApiClient } from './api-client.ts';

export interface BroadcastBody {
  campaign: string;
  parts: { type: 'text'; text: string }[];
  template?: { name: string; language: string; params: Record<string, string> };
  notBefore?: number;
}

export interface BroadcastReport {
  broadcast: Broadcast;
  queued: number;
  /** Members the policy refused, by reason code. */
  refused: Record<string, number>;
}

/** Every outbox state: a thread shows replies whatever became of them. */
export const ALL_OUTBOX_STATES: readonly OutboxState[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'dead',
  'cancelled',
  'unknown',
];

/**
 * The messaging hub's API for one brand (`/api/brands/:domain/…`, see
 * src/server/messaging-api-routes.ts), typed for the views. It goes through the dashboard's
 * ApiClient, so the session cookie and the CSRF header come with every change.
 */
export function brandApi(api: ApiClient, domain: string) {
  const base = `/brands/${encodeURIComponent(domain)}`;
  const conversation = (key: string) => `${base}/conversations/${encodeURIComponent(key)}`;
  return {
    async conversations(filter: { mode?: ConversationMode; agent?: string } = {}) {
      const query = new URLSearchParams();
      if (filter.mode) query.set('mode', filter.mode);
      if (filter.agent) query.set('agent', filter.agent);
      const text = query.toString();
      const answer = await api.get<{ conversations: Conversation[] }>(
        `${base}/conversations${text ? `?${text}` : ''}`,
      );
      return answer.conversations;
    },
    async messages(key: string) {
      return (await api.get<{ messages: StoredMessage[] }>(`${conversation(key)}/messages`))
        .messages;
    },
    assign: (key: string, agent: string) =>
      api.post<Conversation>(`${conversation(key)}/assign`, { agent }),
    handBack: (key: string) => api.post<Conversation>(`${conversation(key)}/hand-back`),
    /** 202 queued (200 when this requestId was already queued); 422 refused with the reason. */
    reply: (key: string, agent: string, text: string, requestId: string) =>
      api.post<{ id: string; state: OutboxState }>(`${conversation(key)}/reply`, {
        agent,
        parts: [{ type: 'text', text }],
        requestId,
      }),
    /** The outbox rows in `states`; with `conversationKey`, that conversation's latest 500. */
    async outbox(states: readonly OutboxState[], conversationKey?: string) {
      const conversationQuery = conversationKey
        ? `&conversation=${encodeURIComponent(conversationKey)}`
        : '';
      const answer = await api.get<{ messages: OutboxRecord[] }>(
        `${base}/outbox?state=${states.join(',')}${conversationQuery}`,
      );
      return answer.messages;
    },
    async deadLetters() {
      return (await api.get<{ messages: OutboxRecord[] }>(`${base}/dead-letters`)).messages;
    },
    requeue: (id: string) =>
      api.post<{ id: string; state: 'queued' }>(`${base}/outbox/${encodeURIComponent(id)}/requeue`),
    async communities() {
      return (await api.get<{ communities: Community[] }>(`${base}/communities`)).communities;
    },
    createCommunity: (body: {
      name: string;
      description: string;
      optInWording: string;
      wordingVersion: string;
    }) => api.post<Community>(`${base}/communities`, body),
    join: (communityId: string, contactId: string, evidence: Record<string, string>) =>
      api.post<Membership>(`${base}/communities/${encodeURIComponent(communityId)}/members`, {
        contactId,
        evidence,
      }),
    leave: (communityId: string, contactId: string) =>
      api.delete<{ removed: boolean }>(
        `${base}/communities/${encodeURIComponent(communityId)}/members/${encodeURIComponent(contactId)}`,
      ),
    broadcast: (communityId: string, body: BroadcastBody) =>
      api.post<BroadcastReport>(
        `${base}/communities/${encodeURIComponent(communityId)}/broadcasts`,
        body,
      ),
    /** GDPR export (Art. 15/20): a plain link works, the session cookie goes with it. */
    exportUrl: (contactId: string) =>
      `${api.base}${base}/contacts/${encodeURIComponent(contactId)}/export`,
    eraseContact: (contactId: string) =>
      api.delete<{ erased: boolean }>(`${base}/contacts/${encodeURIComponent(contactId)}`),
    getBroadcast: (id: string) =>
      api.get<{ broadcast: Broadcast; states: Record<string, number> }>(
        `${base}/broadcasts/${encodeURIComponent(id)}`,
      ),
  };
}

export type BrandApi = ReturnType<typeof brandApi>;
