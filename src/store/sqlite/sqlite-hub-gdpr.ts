import type { Database, Statement } from 'better-sqlite3';
import type { HubGdprMethods } from '../hub-method-groups.ts';
import type { Suppression } from '../hub-records.ts';
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
} from './hub-rows.ts';

type GdprMethods = HubGdprMethods;

/** GDPR access/portability (export) and erasure for one contact, each in one transaction. */
export function createSqliteHubGdpr(db: Database, sql: (text: string) => Statement): GdprMethods {
  const conversationKeys = (brandId: string, contactId: string) =>
    sql('SELECT conversation_key FROM hub_conversations WHERE brand_id = ? AND contact_id = ?')
      .pluck()
      .all(brandId, contactId) as string[];

  const exportAll = db.transaction((brandId: string, contactId: string) => {
    const contact = sql('SELECT * FROM hub_contacts WHERE brand_id = ? AND id = ?').get(
      brandId,
      contactId,
    ) as ContactRow | undefined;
    if (!contact) return null;
    const keys = conversationKeys(brandId, contactId);
    const messages = keys.flatMap((key) =>
      (
        sql(
          'SELECT * FROM hub_messages WHERE brand_id = ? AND conversation_key = ? ORDER BY seq',
        ).all(brandId, key) as MessageRow[]
      ).map(toMessage),
    );
    return {
      contact: toContact(contact),
      consents: (
        sql(
          'SELECT * FROM hub_consent_ledger WHERE brand_id = ? AND contact_id = ? ORDER BY at, seq',
        ).all(brandId, contactId) as ConsentRow[]
      ).map(toConsent),
      conversations: (
        sql('SELECT * FROM hub_conversations WHERE brand_id = ? AND contact_id = ?').all(
          brandId,
          contactId,
        ) as ConversationRow[]
      ).map(toConversation),
      messages,
      outbox: (
        sql('SELECT * FROM hub_outbox WHERE brand_id = ? AND contact_id = ? ORDER BY seq').all(
          brandId,
          contactId,
        ) as OutboxRow[]
      ).map(toOutbox),
      memberships: (
        sql(
          `SELECT m.* FROM hub_memberships m JOIN hub_communities c ON c.id = m.community_id
           WHERE c.brand_id = ? AND m.contact_id = ? ORDER BY m.joined_at`,
        ).all(brandId, contactId) as MembershipRow[]
      ).map(toMembership),
    };
  });

  const erase = db.transaction(
    (brandId: string, contactId: string, suppressions: Suppression[]): boolean => {
      const keys = conversationKeys(brandId, contactId);
      for (const key of keys) {
        sql('DELETE FROM hub_messages WHERE brand_id = ? AND conversation_key = ?').run(
          brandId,
          key,
        );
        // What an assistant remembered (ingredients, language) is theirs too.
        sql('DELETE FROM hub_assistant_states WHERE brand_id = ? AND conversation_key = ?').run(
          brandId,
          key,
        );
        // Raw webhook bodies carry the person's number and words: they go too.
        sql('DELETE FROM hub_inbound_events WHERE brand_id = ? AND conversation_key = ?').run(
          brandId,
          key,
        );
      }
      sql('DELETE FROM hub_conversations WHERE brand_id = ? AND contact_id = ?').run(
        brandId,
        contactId,
      );
      sql('DELETE FROM hub_outbox WHERE brand_id = ? AND contact_id = ?').run(brandId, contactId);
      sql(
        `DELETE FROM hub_memberships WHERE contact_id = ?
         AND community_id IN (SELECT id FROM hub_communities WHERE brand_id = ?)`,
      ).run(contactId, brandId);
      sql('DELETE FROM hub_consent_ledger WHERE brand_id = ? AND contact_id = ?').run(
        brandId,
        contactId,
      );
      const removed =
        sql('DELETE FROM hub_contacts WHERE brand_id = ? AND id = ?').run(brandId, contactId)
          .changes > 0;
      for (const s of suppressions) {
        sql(
          `INSERT INTO hub_suppressions (brand_id, channel, address_hash, scope, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (brand_id, channel, address_hash, scope) DO NOTHING`,
        ).run(s.brandId, s.channel, s.addressHash, s.scope, s.at);
      }
      return removed;
    },
  );

  return {
    async exportContact(brandId, contactId) {
      return exportAll(brandId, contactId);
    },
    async eraseContact(brandId, contactId, suppressions) {
      return erase.immediate(brandId, contactId, suppressions);
    },
  };
}
