import type { Migration } from '../migrations/migration.ts';

/**
 * The messaging hub's tables (versions 10+; 3–9 are reserved for accounts). Kept to types and
 * constraints PostgreSQL has too (TEXT, INTEGER/BIGINT, BLOB/BYTEA, UNIQUE, partial indexes);
 * JSON is stored as TEXT. `brand_id` is a site id; there is no foreign key to `sites` so the hub
 * can be tested and run on its own, and site deletion erases hub data explicitly.
 */
export const HUB_MIGRATIONS: readonly Migration[] = [
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
        created_at INTEGER NOT NULL,
        UNIQUE (brand_id, channel, endpoint_id, user_id)
      ) STRICT`,
      `CREATE TABLE hub_consent_ledger (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        brand_id TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        purpose TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('granted', 'revoked')),
        at INTEGER NOT NULL,
        source TEXT NOT NULL,
        wording TEXT NOT NULL,
        wording_version TEXT NOT NULL,
        evidence TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX hub_consent_contact ON hub_consent_ledger (brand_id, contact_id, seq)',
      `CREATE TABLE hub_suppressions (
        brand_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        address_hash TEXT NOT NULL,
        scope TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (brand_id, channel, address_hash, scope)
      ) STRICT`,
      `CREATE TABLE hub_inbound_events (
        seq INTEGER PRIMARY KEY,
        brand_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        provider_event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        event TEXT NOT NULL,
        raw_body BLOB NOT NULL,
        received_at INTEGER NOT NULL,
        processed_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        lease_owner TEXT,
        lease_until INTEGER,
        UNIQUE (provider, provider_event_id)
      ) STRICT`,
      'CREATE INDEX hub_inbound_pending ON hub_inbound_events (processed_at, seq)',
      'CREATE INDEX hub_inbound_conversation ON hub_inbound_events (conversation_key, seq)',
      `CREATE TABLE hub_conversations (
        brand_id TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        contact_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        last_inbound_at INTEGER,
        mode TEXT NOT NULL CHECK (mode IN ('assistant', 'agent')),
        assigned_agent TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (brand_id, conversation_key)
      ) STRICT`,
      'CREATE INDEX hub_conversations_contact ON hub_conversations (brand_id, contact_id)',
      `CREATE TABLE hub_messages (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        brand_id TEXT NOT NULL,
        conversation_key TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        author TEXT NOT NULL,
        parts TEXT NOT NULL,
        at INTEGER NOT NULL,
        provider_message_id TEXT,
        outbox_id TEXT
      ) STRICT`,
      'CREATE INDEX hub_messages_conversation ON hub_messages (brand_id, conversation_key, seq)',
      `CREATE TABLE hub_outbox (
        seq INTEGER PRIMARY KEY,
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
        not_before INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        expires_at INTEGER,
        provider_message_id TEXT,
        last_error TEXT NOT NULL DEFAULT 'null',
        payload TEXT NOT NULL DEFAULT 'null',
        correlation TEXT,
        broadcast_id TEXT,
        lease_owner TEXT,
        lease_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (brand_id, idempotency_key)
      ) STRICT`,
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
        until INTEGER NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (provider, endpoint_id)
      ) STRICT`,
      `CREATE TABLE hub_communities (
        id TEXT PRIMARY KEY,
        brand_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        opt_in_wording TEXT NOT NULL,
        wording_version TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (brand_id, name)
      ) STRICT`,
      `CREATE TABLE hub_memberships (
        community_id TEXT NOT NULL REFERENCES hub_communities (id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        consent_id TEXT NOT NULL,
        PRIMARY KEY (community_id, contact_id)
      ) STRICT`,
      'CREATE INDEX hub_memberships_contact ON hub_memberships (contact_id)',
      `CREATE TABLE hub_broadcasts (
        id TEXT PRIMARY KEY,
        brand_id TEXT NOT NULL,
        community_id TEXT NOT NULL,
        campaign TEXT NOT NULL,
        content TEXT NOT NULL,
        not_before INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        recipients INTEGER NOT NULL
      ) STRICT`,
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
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (brand_id, conversation_key)
      ) STRICT`,
    ],
  },
];
