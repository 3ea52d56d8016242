import type { HubGdprMethods } from '../hub-method-groups.ts';
import {
  type ConsentRow,
  type ContactRow,
  type ConversationRow,
  type MembershipRow,
  type MessageRow,
  type OutboxRow,
  toConsent,
  toContact,
  toConversation,
  toMembership,
  toMessage,
  toOutbox,
} from '../sqlite/hub-rows.ts';
import type { Sql } from './open-postgres.ts';

type GdprMethods = HubGdprMethods;

/** GDPR access/portability (export) and erasure for one contact, each in one transaction. */
export function createPostgresHubGdpr(sql: Sql): GdprMethods {
  return {
    async exportContact(brandId, contactId) {
      // REPEATABLE READ: every part of the export comes from one snapshot.
      return sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
        const [contact] = await tx<ContactRow[]>`
          SELECT * FROM hub_contacts WHERE brand_id = ${brandId} AND id = ${contactId}`;
        if (!contact) return null;
        const consents = await tx<ConsentRow[]>`
          SELECT * FROM hub_consent_ledger WHERE brand_id = ${brandId} AND contact_id = ${contactId}
          ORDER BY at, seq`;
        const conversations = await tx<ConversationRow[]>`
          SELECT * FROM hub_conversations WHERE brand_id = ${brandId} AND contact_id = ${contactId}`;
        const messages = await tx<MessageRow[]>`
          SELECT m.* FROM hub_messages m JOIN hub_conversations c
            ON c.brand_id = m.brand_id AND c.conversation_key = m.conversation_key
          WHERE c.brand_id = ${brandId} AND c.contact_id = ${contactId}
          ORDER BY m.seq`;
        const outbox = await tx<OutboxRow[]>`
          SELECT * FROM hub_outbox WHERE brand_id = ${brandId} AND contact_id = ${contactId}
          ORDER BY seq`;
        const memberships = await tx<MembershipRow[]>`
          SELECT m.* FROM hub_memberships m JOIN hub_communities c ON c.id = m.community_id
          WHERE c.brand_id = ${brandId} AND m.contact_id = ${contactId} ORDER BY m.joined_at`;
        return {
          contact: toContact(contact),
          consents: consents.map(toConsent),
          conversations: conversations.map(toConversation),
          messages: messages.map(toMessage),
          outbox: outbox.map(toOutbox),
          memberships: memberships.map(toMembership),
        };
      });
    },
    async eraseContact(brandId, contactId, suppressions) {
      return sql.begin(async (tx) => {
        // The contact's conversations, as a subquery fragment of the deletes below.
        const keys = () => tx`SELECT conversation_key FROM hub_conversations
          WHERE brand_id = ${brandId} AND contact_id = ${contactId}`;
        await tx`DELETE FROM hub_messages
          WHERE brand_id = ${brandId} AND conversation_key IN (${keys()})`;
        // What an assistant remembered (ingredients, language) is theirs too.
        await tx`DELETE FROM hub_assistant_states
          WHERE brand_id = ${brandId} AND conversation_key IN (${keys()})`;
        // Raw webhook bodies carry the person's number and words: they go too.
        await tx`DELETE FROM hub_inbound_events
          WHERE brand_id = ${brandId} AND conversation_key IN (${keys()})`;
        await tx`DELETE FROM hub_conversations WHERE brand_id = ${brandId} AND contact_id = ${contactId}`;
        await tx`DELETE FROM hub_outbox WHERE brand_id = ${brandId} AND contact_id = ${contactId}`;
        await tx`DELETE FROM hub_memberships WHERE contact_id = ${contactId}
          AND community_id IN (SELECT id FROM hub_communities WHERE brand_id = ${brandId})`;
        await tx`DELETE FROM hub_consent_ledger WHERE brand_id = ${brandId} AND contact_id = ${contactId}`;
        const removed =
          await tx`DELETE FROM hub_contacts WHERE brand_id = ${brandId} AND id = ${contactId}`;
        for (const s of suppressions) {
          await tx`
            INSERT INTO hub_suppressions (brand_id, channel, address_hash, scope, at)
            VALUES (${s.brandId}, ${s.channel}, ${s.addressHash}, ${s.scope}, ${s.at})
            ON CONFLICT (brand_id, channel, address_hash, scope) DO NOTHING`;
        }
        return removed.count > 0;
      });
    },
  };
}
