import { randomUUID } from 'node:crypto';
import type { HubContactMethods } from '../hub-method-groups.ts';
import { type ConsentRow, type ContactRow, toConsent, toContact } from '../sqlite/hub-rows.ts';
import type { Sql } from './open-postgres.ts';

type ContactMethods = HubContactMethods;

/** Contacts, the append-only consent ledger and the suppression list on PostgreSQL. */
export function createPostgresHubContacts(sql: Sql): ContactMethods {
  return {
    async upsertContact(input, now) {
      // One statement, so two instances receiving webhooks for a new person agree on one row.
      // Known fields are kept when a later event lacks them (a Telegram update without username).
      const [row] = await sql<ContactRow[]>`
        INSERT INTO hub_contacts (id, brand_id, channel, provider, endpoint_id, user_id, phone,
          username, email, display_name, language, time_zone, created_at)
        VALUES (${randomUUID()}, ${input.brandId}, ${input.channel}, ${input.provider},
          ${input.endpointId}, ${input.userId}, ${input.phone}, ${input.username}, ${input.email},
          ${input.displayName}, ${input.language}, ${input.timeZone}, ${now})
        ON CONFLICT (brand_id, channel, endpoint_id, user_id) DO UPDATE SET
          phone = COALESCE(excluded.phone, hub_contacts.phone),
          username = COALESCE(excluded.username, hub_contacts.username),
          email = COALESCE(excluded.email, hub_contacts.email),
          display_name = COALESCE(excluded.display_name, hub_contacts.display_name),
          language = COALESCE(excluded.language, hub_contacts.language),
          time_zone = COALESCE(excluded.time_zone, hub_contacts.time_zone)
        RETURNING *`;
      if (!row) throw new Error('the contact upsert returned no row');
      return toContact(row);
    },
    async getContact(brandId, id) {
      const [row] = await sql<ContactRow[]>`
        SELECT * FROM hub_contacts WHERE brand_id = ${brandId} AND id = ${id}`;
      return row ? toContact(row) : null;
    },
    async findContact(brandId, channel, endpointId, userId) {
      const [row] = await sql<ContactRow[]>`
        SELECT * FROM hub_contacts WHERE brand_id = ${brandId} AND channel = ${channel}
          AND endpoint_id = ${endpointId} AND user_id = ${userId}`;
      return row ? toContact(row) : null;
    },

    async appendConsent(input) {
      const id = randomUUID();
      await sql`
        INSERT INTO hub_consent_ledger (id, brand_id, contact_id, channel, purpose, status, at,
          source, wording, wording_version, evidence)
        VALUES (${id}, ${input.brandId}, ${input.contactId}, ${input.channel}, ${input.purpose},
          ${input.status}, ${input.at}, ${input.source}, ${input.wording}, ${input.wordingVersion},
          ${JSON.stringify(input.evidence)})`;
      return { ...input, id };
    },
    async consentHistory(brandId, contactId) {
      const rows = await sql<ConsentRow[]>`
        SELECT * FROM hub_consent_ledger WHERE brand_id = ${brandId} AND contact_id = ${contactId}
        ORDER BY at, seq`;
      return rows.map(toConsent);
    },
    async addSuppression(input) {
      await sql`
        INSERT INTO hub_suppressions (brand_id, channel, address_hash, scope, at)
        VALUES (${input.brandId}, ${input.channel}, ${input.addressHash}, ${input.scope}, ${input.at})
        ON CONFLICT (brand_id, channel, address_hash, scope) DO NOTHING`;
    },
    async suppressedScopes(brandId, channel, addressHash) {
      // COLLATE "C": byte order, as SQLite sorts.
      const rows = await sql<{ scope: string }[]>`
        SELECT scope FROM hub_suppressions
        WHERE brand_id = ${brandId} AND channel = ${channel} AND address_hash = ${addressHash}
        ORDER BY scope COLLATE "C"`;
      return rows.map((row) => row.scope);
    },
  };
}
