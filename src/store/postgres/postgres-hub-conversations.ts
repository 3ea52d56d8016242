import { randomUUID } from 'node:crypto';
import type { HubConversationMethods } from '../hub-method-groups.ts';
import type { JsonValue, StoredMessage } from '../hub-records.ts';
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
} from '../sqlite/hub-rows.ts';
import { StoreError } from '../store-error.ts';
import type { Query } from './hub-query.ts';
import type { Sql } from './open-postgres.ts';

type ConversationMethods = HubConversationMethods;

/**
 * Conversations and their messages (the inbox), communities and broadcasts on PostgreSQL.
 * Text sort keys use `COLLATE "C"` so listings come in SQLite's byte order.
 */
export function createPostgresHubConversations(sql: Sql): ConversationMethods {
  const get = async (brandId: string, key: string) => {
    const [row] = await sql<ConversationRow[]>`
      SELECT * FROM hub_conversations WHERE brand_id = ${brandId} AND conversation_key = ${key}`;
    return row;
  };

  return {
    async ensureConversation(input, now) {
      await sql`
        INSERT INTO hub_conversations (brand_id, conversation_key, contact_id, channel, mode, updated_at)
        VALUES (${input.brandId}, ${input.key}, ${input.contactId}, ${input.channel}, 'assistant', ${now})
        ON CONFLICT (brand_id, conversation_key) DO NOTHING`;
      const row = await get(input.brandId, input.key);
      if (!row) throw new StoreError('not_found', `conversation ${input.key} vanished`);
      return toConversation(row);
    },
    async getConversation(brandId, key) {
      const row = await get(brandId, key);
      return row ? toConversation(row) : null;
    },
    async touchInbound(brandId, key, at) {
      await sql`
        UPDATE hub_conversations SET last_inbound_at = ${at}, updated_at = ${at}
        WHERE brand_id = ${brandId} AND conversation_key = ${key}
          AND (last_inbound_at IS NULL OR last_inbound_at < ${at})`;
    },
    async setConversationMode(brandId, key, mode, assignedAgent, now) {
      const [row] = await sql<ConversationRow[]>`
        UPDATE hub_conversations SET mode = ${mode}, assigned_agent = ${assignedAgent},
          updated_at = ${now}
        WHERE brand_id = ${brandId} AND conversation_key = ${key} RETURNING *`;
      if (!row) throw new StoreError('not_found', `no conversation ${key}`);
      return toConversation(row);
    },
    async listConversations(brandId, filter = {}) {
      // Optional filters as fragments: an untyped `$n IS NULL` would leave PostgreSQL unable to
      // infer the parameter's type.
      const rows = await sql<ConversationRow[]>`
        SELECT * FROM hub_conversations WHERE brand_id = ${brandId}
          ${filter.mode === undefined ? sql`` : sql`AND mode = ${filter.mode}`}
          ${filter.assignedAgent === undefined ? sql`` : sql`AND assigned_agent = ${filter.assignedAgent}`}
        ORDER BY updated_at DESC, conversation_key COLLATE "C" LIMIT ${filter.limit ?? 100}`;
      return rows.map(toConversation);
    },
    async getAssistantState(brandId, key) {
      const [row] = await sql<{ state: string }[]>`
        SELECT state FROM hub_assistant_states
        WHERE brand_id = ${brandId} AND conversation_key = ${key}`;
      return row ? (JSON.parse(row.state) as JsonValue) : null;
    },
    async setAssistantState(brandId, key, state, now) {
      await sql`
        INSERT INTO hub_assistant_states (brand_id, conversation_key, state, updated_at)
        VALUES (${brandId}, ${key}, ${JSON.stringify(state)}, ${now})
        ON CONFLICT (brand_id, conversation_key)
        DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`;
    },
    async appendMessage(input) {
      return insertMessage(sql, input);
    },
    async listMessages(brandId, conversationKey, limit = 200) {
      // The newest `limit`, returned oldest first (how an inbox shows a thread).
      const rows = await sql<MessageRow[]>`
        SELECT * FROM (SELECT * FROM hub_messages
          WHERE brand_id = ${brandId} AND conversation_key = ${conversationKey}
          ORDER BY seq DESC LIMIT ${limit}) recent ORDER BY seq`;
      return rows.map(toMessage);
    },

    async createCommunity(input) {
      const id = randomUUID();
      await sql`
        INSERT INTO hub_communities (id, brand_id, name, description, opt_in_wording,
          wording_version, created_at)
        VALUES (${id}, ${input.brandId}, ${input.name}, ${input.description}, ${input.optInWording},
          ${input.wordingVersion}, ${input.createdAt})`;
      return { ...input, id };
    },
    async getCommunity(brandId, id) {
      const [row] = await sql<CommunityRow[]>`
        SELECT * FROM hub_communities WHERE brand_id = ${brandId} AND id = ${id}`;
      return row ? toCommunity(row) : null;
    },
    async listCommunities(brandId) {
      const rows = await sql<CommunityRow[]>`
        SELECT * FROM hub_communities WHERE brand_id = ${brandId}
        ORDER BY created_at, name COLLATE "C"`;
      return rows.map(toCommunity);
    },
    async joinCommunity(input) {
      // The no-op update makes RETURNING give the existing row: a repeat keeps the first opt-in.
      const [row] = await sql<MembershipRow[]>`
        INSERT INTO hub_memberships (community_id, contact_id, joined_at, consent_id)
        VALUES (${input.communityId}, ${input.contactId}, ${input.joinedAt}, ${input.consentId})
        ON CONFLICT (community_id, contact_id)
        DO UPDATE SET consent_id = hub_memberships.consent_id
        RETURNING *`;
      if (!row) throw new Error('the membership upsert returned no row');
      return toMembership(row);
    },
    async leaveCommunity(communityId, contactId) {
      const result = await sql`
        DELETE FROM hub_memberships WHERE community_id = ${communityId} AND contact_id = ${contactId}`;
      return result.count > 0;
    },
    async listMembers(communityId) {
      const rows = await sql<MembershipRow[]>`
        SELECT * FROM hub_memberships WHERE community_id = ${communityId}
        ORDER BY joined_at, contact_id COLLATE "C"`;
      return rows.map(toMembership);
    },
    async createBroadcast(input) {
      const id = randomUUID();
      await sql`
        INSERT INTO hub_broadcasts (id, brand_id, community_id, campaign, content, not_before,
          created_at, recipients)
        VALUES (${id}, ${input.brandId}, ${input.communityId}, ${input.campaign},
          ${JSON.stringify(input.content)}, ${input.notBefore}, ${input.createdAt}, ${input.recipients})`;
      return { ...input, id };
    },
    async getBroadcast(brandId, id) {
      const [row] = await sql<BroadcastRow[]>`
        SELECT * FROM hub_broadcasts WHERE brand_id = ${brandId} AND id = ${id}`;
      return row ? toBroadcast(row) : null;
    },
  };
}

/** Inserts one history message (also inside the outbox's "sent" transaction). */
export async function insertMessage(
  sql: Query,
  input: Omit<StoredMessage, 'id'>,
): Promise<StoredMessage> {
  const id = randomUUID();
  await sql`
    INSERT INTO hub_messages (id, brand_id, conversation_key, direction, author, parts, at,
      provider_message_id, outbox_id)
    VALUES (${id}, ${input.brandId}, ${input.conversationKey}, ${input.direction}, ${input.author},
      ${JSON.stringify(input.parts)}, ${input.at}, ${input.providerMessageId}, ${input.outboxId})`;
  return { ...input, id };
}
