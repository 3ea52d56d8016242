import { parseStoredSiteSettings } from '../site-settings.ts';
import type { ApiToken, DailySalt, Site, User } from '../state-store.ts';
import { StoreError } from '../store-error.ts';

// Row shapes as the STRICT tables of state-migrations.ts return them.
export interface SiteRow {
  id: string;
  domain: string;
  created_at: number;
  settings: string;
}

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  site_ids: string;
  created_at: number;
  revoked_at: number | null;
}

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
}

export interface SaltRow {
  day: string;
  salt: string;
  created_at: number;
}

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    domain: row.domain,
    createdAt: row.created_at,
    settings: parseStoredSiteSettings(row.settings),
  };
}

export function toApiToken(row: ApiTokenRow): ApiToken {
  const siteIds: unknown = JSON.parse(row.site_ids);
  // An unreadable scope must not turn into [] (= every site).
  if (!Array.isArray(siteIds)) {
    throw new StoreError('invalid', `api token ${row.id} has a corrupt site list`);
  }
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    siteIds: siteIds.map(String),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export function toDailySalt(row: SaltRow): DailySalt {
  return { day: row.day, salt: row.salt, createdAt: row.created_at };
}
