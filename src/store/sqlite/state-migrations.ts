import type { Migration } from '../migrations/migration.ts';
import { HUB_MIGRATIONS } from './hub-migrations.ts';

/**
 * The state store's schema history; never edit a released migration, add one. STRICT tables make
 * SQLite reject a value of the wrong type instead of storing it.
 *
 * Every domain of a site (primary and extra) has a row in `site_domains`, whose primary key is
 * what makes a domain belong to one site only and what `findSiteByDomain` looks up.
 */
export const STATE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_state',
    statements: [
      `CREATE TABLE sites (
        id TEXT PRIMARY KEY,
        domain TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        settings TEXT NOT NULL
      ) STRICT`,
      `CREATE TABLE site_domains (
        domain TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE
      ) STRICT`,
      'CREATE INDEX site_domains_site_id ON site_domains (site_id)',
      `CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        site_ids TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT`,
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE daily_salts (
        day TEXT PRIMARY KEY,
        salt TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT`,
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
        utm INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT`,
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
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT`,
      'CREATE INDEX user_sessions_expires_at ON user_sessions (expires_at)',
      `CREATE TABLE site_members (
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
        PRIMARY KEY (site_id, user_id)
      ) STRICT`,
      'CREATE INDEX site_members_user_id ON site_members (user_id)',
      `CREATE TABLE goals (
        id TEXT PRIMARY KEY,
        site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('page', 'event')),
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT`,
      'CREATE INDEX goals_site_id ON goals (site_id)',
    ],
  },
  // The messaging hub (versions 10+), kept in its own file.
  ...HUB_MIGRATIONS,
];
