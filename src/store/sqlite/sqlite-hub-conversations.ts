import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { HubConversationMethods } from '../hub-method-groups.ts';
import type { JsonValue, StoredMessage } from '../hub-records.ts';
import { StoreError } from '../store-error.ts';
import {
  type BroadcastRow,
  type CommunityRow,
  type ConversationRow,
  type MembershipRow,
  type MessageRow,
  toBroadcast,
  toCommunity,
  toConversation,
  toMembership,
  toMessage,
} from './hub-rows.ts';

type ConversationMethods = HubConversationMethods;

/** Conversations and their messages (the inbox), communities and broadcasts on SQLite. */
export function createSqliteHubConversations(
  sql: (text: string) => Statement,
): ConversationMethods {
  const get = (brandId: string, key: string) =>
    sql('SELECT * FROM hub_conversations WHERE brand_id = ? AND conversation_key = ?').get(
      brandId,
      key,
    ) as ConversationRow | undefined;

  return {
    async ensureConversation(input, now) {
      sql(
        `INSERT INTO hub_conversations (brand_id, conversation_key, contact_id, channel, mode, updated_at)
         VALUES (?, ?, ?, ?, 'assistant', ?) ON CONFLICT (brand_id, conversation_key) DO NOTHING`,
      ).run(input.brandId, input.key, input.contactId, input.channel, now);
      return toConversation(get(input.brandId, input.key)!);
    },
    async getConversation(brandId, key) {
      const row = get(brandId, key);
      return row ? toConversation(row) : null;
    },
    async touchInbound(brandId, key, at) {
      sql(
        `UPDATE hub_conversations SET last_inbound_at = ?, updated_at = ?
         WHERE brand_id = ? AND conversation_key = ? AND (last_inbound_at IS NULL OR last_inbound_at < ?)`,
      ).run(at, at, brandId, key, at);
    },
    async setConversationMode(brandId, key, mode, assignedAgent, now) {
      const changed = sql(
        `UPDATE hub_conversations SET mode = ?, assigned_agent = ?, updated_at = ?
         WHERE brand_id = ? AND conversation_key = ?`,
      ).run(mode, assignedAgent, now, brandId, key).changes;
      if (!changed) throw new StoreError('not_found', `no conversation ${key}`);
      return toConversation(get(brandId, key)!);
    },
    async listConversations(brandId, filter = {}) {
      const rows = sql(
        `SELECT * FROM hub_conversations WHERE brand_id = ?
           AND (? IS NULL OR mode = ?) AND (? IS NULL OR assigned_agent = ?)
         ORDER BY updated_at DESC, conversation_key LIMIT ?`,
      ).all(
        brandId,
        filter.mode ?? null,
        filter.mode ?? null,
        filter.assignedAgent ?? null,
        filter.assignedAgent ?? null,
        filter.limit ?? 100,
      ) as ConversationRow[];
      return rows.map(toConversation);
    },
    async getAssistantState(brandId, key) {
      const text = sql(
        'SELECT state FROM hub_assistant_states WHERE brand_id = ? AND conversation_key = ?',
      )
        .pluck()
        .get(brandId, key) as string | undefined;
      return text === undefined ? null : (JSON.parse(text) as JsonValue);
    },
    async setAssistantState(brandId, key, state, now) {
      sql(
        `INSERT INTO hub_assistant_states (brand_id, conversation_key, state, updated_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (brand_id, conversation_key)
         DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ).run(brandId, key, JSON.stringify(state), now);
    },
    async appendMessage(input) {
      return insertMessage(sql, input);
    },
    async listMessages(brandId, conversationKey, limit = 200) {
      // The newest `limit`, returned oldest first (how an inbox shows a thread).
      const rows = sql(
        `SELECT * FROM (SELECT * FROM hub_messages WHERE brand_id = ? AND conversation_key = ?
           ORDER BY seq DESC LIMIT ?) recent ORDER BY seq`,
      ).all(brandId, conversationKey, limit) as MessageRow[];
      return rows.map(toMessage);
    },

    async createCommunity(input) {
      const id = randomUUID();
      sql(
        `INSERT INTO hub_communities (id, brand_id, name, description, opt_in_wording,
           wording_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.brandId,
        input.name,
        input.description,
        input.optInWording,
        input.wordingVersion,
        input.createdAt,
      );
      return { ...input, id };
    },
    async getCommunity(brandId, id) {
      const row = sql('SELECT * FROM hub_communities WHERE brand_id = ? AND id = ?').get(
        brandId,
        id,
      );
      return row ? toCommunity(row as CommunityRow) : null;
    },
    async listCommunities(brandId) {
      const rows = sql(
        'SELECT * FROM hub_communities WHERE brand_id = ? ORDER BY created_at, name',
      ).all(brandId) as CommunityRow[];
      return rows.map(toCommunity);
    },
    async joinCommunity(input) {
      const row = sql(
        `INSERT INTO hub_memberships (community_id, contact_id, joined_at, consent_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (community_id, contact_id) DO UPDATE SET consent_id = hub_memberships.consent_id
         RETURNING *`,
      ).get(input.communityId, input.contactId, input.joinedAt, input.consentId) as MembershipRow;
      return toMembership(row);
    },
    async leaveCommunity(communityId, contactId) {
      return (
        sql('DELETE FROM hub_memberships WHERE community_id = ? AND contact_id = ?').run(
          communityId,
          contactId,
        ).changes > 0
      );
    },
    async listMembers(communityId) {
      const rows = sql(
        'SELECT * FROM hub_memberships WHERE community_id = ? ORDER BY joined_at, contact_id',
      ).all(communityId) as MembershipRow[];
      return rows.map(toMembership);
    },
    async createBroadcast(input) {
      const id = randomUUID();
      sql(
        `INSERT INTO hub_broadcasts (id, brand_id, community_id, campaign, content, not_before,
           created_at, recipients) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.brandId,
        input.communityId,
        input.campaign,
        JSON.stringify(input.content),
        input.notBefore,
        input.createdAt,
        input.recipients,
      );
      return { ...input, id };
    },
    async getBroadcast(brandId, id) {
      const row = sql('SELECT * FROM hub_broadcasts WHERE brand_id = ? AND id = ?').get(
        brandId,
        id,
      );
      return row ? toBroadcast(row as BroadcastRow) : null;
    },
  };
}

/** Inserts one history message (also used inside the outbox's "sent" transaction). */
export function insertMessage(
  sql: (text: string) => Statement,
  input: Omit<StoredMessage, 'id'>,
): StoredMessage {
  const id = randomUUID();
  sql(
    `INSERT INTO hub_messages (id, brand_id, conversation_key, direction, author, parts, at,
       provider_message_id, outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.brandId,
    input.conversationKey,
    input.direction,
    input.author,
    JSON.stringify(input.parts),
    input.at,
    input.providerMessageId,
    input.outboxId,
  );
  return { ...input, id };
}
