import type { Migration } from '../migrations/migration.ts';
import { POSTGRES_HUB_MIGRATIONS } from './hub-migrations.ts';

/**
 * The PostgreSQL state store's schema history: the same versions and names as the SQLite list
 * (sqlite/state-migrations.ts), written for PostgreSQL rather than derived from it, because the
 * types differ where it matters: epoch ms need BIGINT (PostgreSQL's INTEGER is 32-bit), flags
 * are BOOLEAN, and SQLite's `STRICT` has no equivalent (PostgreSQL is strict already).
 * Settings and token scopes stay JSON text, parsed by the same shared code as on SQLite.
 *
 * Versions 10+ are the messaging hub's (`createPostgresHubStore`), kept in their own file.
 */
export const POSTGRES_STATE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_state',
    statements: [
      `CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        domain TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        settings TEXT NOT NULL
      )`,
      `CREATE TABLE site_domains (
        domain TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX site_domains_site_id ON site_domains (site_id)',
      `CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        site_ids TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      )`,
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE daily_salts (
        day TEXT PRIMARY KEY,
        salt TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      'CREATE INDEX daily_salts_created_at ON daily_salts (created_at)',
    ],
  },
  {
    version: 2,
    name: 'create_share_links',
    statements: [
      `CREATE TABLE share_links (
        code TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        target TEXT NOT NULL,
        channel TEXT NOT NULL,
        campaign TEXT NOT NULL,
        conversation TEXT NOT NULL,
        utm BOOLEAN NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE UNIQUE INDEX share_links_combination
        ON share_links (site_id, target, channel, campaign, conversation, utm)`,
    ],
  },
  {
    version: 3,
    name: 'create_accounts',
    statements: [
      `CREATE TABLE user_sessions (
        id_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      'CREATE INDEX user_sessions_expires_at ON user_sessions (expires_at)',
      `CREATE TABLE site_members (
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
        PRIMARY KEY (site_id, user_id)
      )`,
      'CREATE INDEX site_members_user_id ON site_members (user_id)',
      `CREATE TABLE goals (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('page', 'event')),
        value TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      'CREATE INDEX goals_site_id ON goals (site_id)',
    ],
  },
  // The messaging hub (versions 10+), kept in its own file.
  ...POSTGRES_HUB_MIGRATIONS,
];
