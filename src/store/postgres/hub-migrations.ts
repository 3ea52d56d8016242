import type { Migration } from '../migrations/migration.ts';

/**
 * The messaging hub's tables on PostgreSQL: the same versions, names, tables and columns as
 * SQLite's (sqlite/hub-migrations.ts), so `schema_migrations` agrees and the same row mappers
 * read both. Epoch ms are BIGINT (PostgreSQL's INTEGER is 32-bit), raw webhook bodies BYTEA,
 * `seq` an identity column. JSON stays TEXT, as on SQLite: nothing queries inside it, and the
 * text comes back exactly as written (JSONB would reorder keys).
 */
export const POSTGRES_HUB_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'create_messaging_hub',
    statements: [
      `CREATE TABLE hub_contacts (
        id TEXT PRIMARY KEY,
        brand_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        provider TEXT NOT NULL,
        endpoint_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        phone TEXT,
        username TEXT,
        email TEXT,
        display_name TEXT,
        language TEXT,
        time_zone TEXT,
        created_at BIGINT NOT NULL,
        UNIQUE (brand_id, channel, endpoint_id, user_id)
      )`,
      `CREATE TABLE hub_consent_ledger (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        brand_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        purpose TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('granted', 'revoked')),
        at BIGINT NOT NULL,
        source TEXT NOT NULL,
        wording TEXT NOT NULL,
        wording_version TEXT NOT NULL,
        evidence TEXT NOT NULL
      )`,
      'CREATE INDEX hub_consent_contact ON hub_consent_ledger (brand_id, contact_id, seq)',
      `CREATE TABLE hub_suppressions (
        brand_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        address_hash TEXT NOT NULL,
        scope TEXT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (brand_id, channel, address_hash, scope)
      )`,
      `CREATE TABLE hub_inbound_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        brand_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        provider_event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        event TEXT NOT NULL,
        raw_body BYTEA NOT NULL,
        received_at BIGINT NOT NULL,
        processed_at BIGINT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        lease_owner TEXT,
        lease_until BIGINT,
        UNIQUE (provider, provider_event_id)
      )`,
      'CREATE INDEX hub_inbound_pending ON hub_inbound_events (processed_at, seq)',
      'CREATE INDEX hub_inbound_conversation ON hub_inbound_events (conversation_key, seq)',
      `CREATE TABLE hub_conversations (
        brand_id TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        last_inbound_at BIGINT,
        mode TEXT NOT NULL CHECK (mode IN ('assistant', 'agent')),
        assigned_agent TEXT,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (brand_id, conversation_key)
      )`,
      'CREATE INDEX hub_conversations_contact ON hub_conversations (brand_id, contact_id)',
      `CREATE TABLE hub_messages (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        brand_id TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        author TEXT NOT NULL,
        parts TEXT NOT NULL,
        at BIGINT NOT NULL,
        provider_message_id TEXT,
        outbox_id TEXT
      )`,
      'CREATE INDEX hub_messages_conversation ON hub_messages (brand_id, conversation_key, seq)',
      `CREATE TABLE hub_outbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        brand_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        provider TEXT NOT NULL,
        endpoint_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        message TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before BIGINT NOT NULL,
        next_attempt_at BIGINT NOT NULL,
        expires_at BIGINT,
        provider_message_id TEXT,
        last_error TEXT NOT NULL DEFAULT 'null',
        payload TEXT NOT NULL DEFAULT 'null',
        correlation TEXT,
        broadcast_id TEXT,
        lease_owner TEXT,
        lease_until BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        sent_at BIGINT,
        UNIQUE (brand_id, idempotency_key)
      )`,
      // Only the due index carries `state`: a state change (two or three per message) then
      // rewrites one index entry, not four.
      'CREATE INDEX hub_outbox_due ON hub_outbox (state, next_attempt_at, seq)',
      'CREATE INDEX hub_outbox_conversation ON hub_outbox (brand_id, conversation_key, seq)',
      'CREATE INDEX hub_outbox_contact ON hub_outbox (brand_id, contact_id, purpose)',
      'CREATE INDEX hub_outbox_provider_id ON hub_outbox (provider, provider_message_id)',
      'CREATE INDEX hub_outbox_broadcast ON hub_outbox (broadcast_id)',
      `CREATE TABLE hub_sender_halts (
        provider TEXT NOT NULL,
        endpoint_id TEXT NOT NULL,
        until BIGINT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (provider, endpoint_id)
      )`,
      `CREATE TABLE hub_communities (
        id TEXT PRIMARY KEY,
        brand_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        opt_in_wording TEXT NOT NULL,
        wording_version TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (brand_id, name)
      )`,
      `CREATE TABLE hub_memberships (
        community_id TEXT NOT NULL REFERENCES hub_communities (id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL,
        joined_at BIGINT NOT NULL,
        consent_id TEXT NOT NULL,
        PRIMARY KEY (community_id, contact_id)
      )`,
      'CREATE INDEX hub_memberships_contact ON hub_memberships (contact_id)',
      `CREATE TABLE hub_broadcasts (
        id TEXT PRIMARY KEY,
        brand_id TEXT NOT NULL,
        community_id TEXT NOT NULL,
        campaign TEXT NOT NULL,
        content TEXT NOT NULL,
        not_before BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        recipients INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 11,
    name: 'create_hub_assistant_states',
    statements: [
      // What an assistant remembers of a conversation between turns (its own JSON); erased with
      // the contact's conversations.
      `CREATE TABLE hub_assistant_states (
        brand_id TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (brand_id, conversation_key)
      )`,
    ],
  },
];
