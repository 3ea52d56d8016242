import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { HubContactMethods } from '../hub-method-groups.ts';
import { type ConsentRow, type ContactRow, toConsent, toContact } from './hub-rows.ts';

type ContactMethods = HubContactMethods;

/** Contacts, the append-only consent ledger and the suppression list on SQLite. */
export function createSqliteHubContacts(sql: (text: string) => Statement): ContactMethods {
  return {
    async upsertContact(input, now) {
      // One statement, so two webhooks for a new person agree on one row. Known fields are
      // kept when a later event lacks them (a Telegram update without the username).
      const row = sql(
        `INSERT INTO hub_contacts (id, brand_id, channel, provider, endpoint_id, user_id, phone,
           username, email, display_name, language, time_zone, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (brand_id, channel, endpoint_id, user_id) DO UPDATE SET
           phone = COALESCE(excluded.phone, hub_contacts.phone),
           username = COALESCE(excluded.username, hub_contacts.username),
           email = COALESCE(excluded.email, hub_contacts.email),
           display_name = COALESCE(excluded.display_name, hub_contacts.display_name),
           language = COALESCE(excluded.language, hub_contacts.language),
           time_zone = COALESCE(excluded.time_zone, hub_contacts.time_zone)
         RETURNING *`,
      ).get(
        randomUUID(),
        input.brandId,
        input.channel,
        input.provider,
        input.endpointId,
        input.userId,
        input.phone,
        input.username,
        input.email,
        input.displayName,
        input.language,
        input.timeZone,
        now,
      ) as ContactRow;
      return toContact(row);
    },
    async getContact(brandId, id) {
      const row = sql('SELECT * FROM hub_contacts WHERE brand_id = ? AND id = ?').get(brandId, id);
      return row ? toContact(row as ContactRow) : null;
    },
    async findContact(brandId, channel, endpointId, userId) {
      const row = sql(
        'SELECT * FROM hub_contacts WHERE brand_id = ? AND channel = ? AND endpoint_id = ? AND user_id = ?',
      ).get(brandId, channel, endpointId, userId);
      return row ? toContact(row as ContactRow) : null;
    },

    async appendConsent(input) {
      const id = randomUUID();
      sql(
        `INSERT INTO hub_consent_ledger (id, brand_id, contact_id, channel, purpose, status, at,
           source, wording, wording_version, evidence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.brandId,
        input.contactId,
        input.channel,
        input.purpose,
        input.status,
        input.at,
        input.source,
        input.wording,
        input.wordingVersion,
        JSON.stringify(input.evidence),
      );
      return { ...input, id };
    },
    async consentHistory(brandId, contactId) {
      const rows = sql(
        'SELECT * FROM hub_consent_ledger WHERE brand_id = ? AND contact_id = ? ORDER BY at, seq',
      ).all(brandId, contactId) as ConsentRow[];
      return rows.map(toConsent);
    },
    async addSuppression(input) {
      sql(
        `INSERT INTO hub_suppressions (brand_id, channel, address_hash, scope, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (brand_id, channel, address_hash, scope) DO NOTHING`,
      ).run(input.brandId, input.channel, input.addressHash, input.scope, input.at);
    },
    async suppressedScopes(brandId, channel, addressHash) {
      return sql(
        'SELECT scope FROM hub_suppressions WHERE brand_id = ? AND channel = ? AND address_hash = ? ORDER BY scope',
      )
        .pluck()
        .all(brandId, channel, addressHash) as string[];
    },
  };
}
