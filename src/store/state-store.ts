import type { MigrationReport } from './event-store.ts';

export interface SiteSettings {
  /** Other hosts of the same site (internal referrers, accepted `data-site` values). */
  extraDomains: string[];
  deepLinkDepth: number;
  sectionPaths: string[];
  excludedPaths: string[];
  /** Honour Do Not Track / Global Privacy Control (tracker and collector). */
  respectDoNotTrack: boolean;
  /** Slug of the read-only public dashboard (`/public/<slug>`); null = off, the default. */
  publicSlug: string | null;
}

export interface Site {
  id: string;
  /** Primary domain, lower-case, without `www.`. */
  domain: string;
  createdAt: number;
  settings: SiteSettings;
}

export interface ApiToken {
  id: string;
  name: string;
  /** First characters of the token, shown in lists so people can tell tokens apart. */
  prefix: string;
  /** Site ids the token may read and write; empty = all sites. */
  siteIds: string[];
  createdAt: number;
  revokedAt: number | null;
}

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: number;
}

export type SiteRole = 'owner' | 'admin' | 'viewer';

/** A logged-in browser. The cookie holds the session secret; the store keeps only its hash. */
export interface UserSession {
  idHash: string;
  userId: string;
  /** Sent back by the browser in `x-csrf-token` on every state-changing request. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface SiteMembership {
  site: Site;
  role: SiteRole;
}

/** A conversion goal: a page view of `value` (a path, `*` wildcards) or a custom event named `value`. */
export interface Goal {
  id: string;
  siteId: string;
  name: string;
  kind: 'page' | 'event';
  value: string;
  createdAt: number;
}

export interface DailySalt {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** 16 random bytes, hex. */
  salt: string;
  createdAt: number;
}

/** A short share link: `/s/<code>` redirects people to `target`, stamped with a share token. */
export interface ShareLink {
  code: string;
  siteId: string;
  /** Absolute http(s) URL on one of the site's domains. */
  target: string;
  /** The channel it is meant for (`whatsapp`, `email`, …), '' when any. */
  channel: string;
  campaign: string;
  /** A messaging-hub conversation the link was sent in, '' when none. */
  conversation: string;
  /** Add utm_source/medium/campaign to the redirect. */
  utm: boolean;
  createdAt: number;
}

export type ShareLinkInput = Omit<ShareLink, 'createdAt'>;

/**
 * Small, transactional state. One adapter per engine (SQLite embedded now, PostgreSQL at
 * scale); every adapter passes `runStateStoreConformance`.
 */
export interface StateStore {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<MigrationReport>;

  createSite(domain: string, settings?: Partial<SiteSettings>): Promise<Site>;
  getSite(id: string): Promise<Site | null>;
  /** Finds a site by its primary domain or one of its extra domains (case/`www.` insensitive). */
  findSiteByDomain(domain: string): Promise<Site | null>;
  listSites(): Promise<Site[]>;
  updateSiteSettings(id: string, settings: Partial<SiteSettings>): Promise<Site>;
  deleteSite(id: string): Promise<boolean>;

  /** Stores a token by its hash (never the token); returns the record. */
  createApiToken(input: {
    name: string;
    tokenHash: string;
    prefix: string;
    siteIds: string[];
  }): Promise<ApiToken>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(): Promise<ApiToken[]>;
  revokeApiToken(id: string): Promise<boolean>;

  createUser(input: { email: string; passwordHash: string }): Promise<User>;
  findUserByEmail(email: string): Promise<User | null>;
  countUsers(): Promise<number>;
  getUser(id: string): Promise<User | null>;

  createSession(session: UserSession): Promise<void>;
  /** The session with this hash, or null when unknown or expired at `now`. */
  findSession(idHash: string, now: number): Promise<UserSession | null>;
  deleteSession(idHash: string): Promise<boolean>;
  deleteExpiredSessions(now: number): Promise<number>;

  /** Gives `userId` a role on a site (replacing any previous role). */
  setSiteRole(siteId: string, userId: string, role: SiteRole): Promise<void>;
  removeSiteMember(siteId: string, userId: string): Promise<boolean>;
  /** The user's role on the site, or null when the user is not a member. */
  siteRole(siteId: string, userId: string): Promise<SiteRole | null>;
  /** Sites the user belongs to, ordered by domain. */
  listUserSites(userId: string): Promise<SiteMembership[]>;
  listSiteMembers(siteId: string): Promise<{ user: User; role: SiteRole }[]>;

  createGoal(input: Omit<Goal, 'id' | 'createdAt'>): Promise<Goal>;
  /** Goals of a site, oldest first. */
  listGoals(siteId: string): Promise<Goal[]>;
  /** Deletes a goal of that site (a goal id of another site deletes nothing). */
  deleteGoal(siteId: string, goalId: string): Promise<boolean>;

  /**
   * Stores a share link, or returns the existing one for the same site, target, channel,
   * campaign, conversation and utm flag (one code per combination). A `code` already used by
   * another combination is a `conflict`: the caller draws another.
   */
  createShareLink(input: ShareLinkInput, now: number): Promise<ShareLink>;
  findShareLink(code: string): Promise<ShareLink | null>;

  /** The salt of a UTC day, created atomically on first use (two callers get the same salt). */
  saltForDay(day: string, now: number): Promise<DailySalt>;
  /** Deletes salts created before `olderThan` (epoch ms); returns how many. */
  deleteSaltsBefore(olderThan: number): Promise<number>;

  close(): Promise<void>;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  extraDomains: [],
  deepLinkDepth: 2,
  sectionPaths: [],
  excludedPaths: [],
  respectDoNotTrack: false,
  publicSlug: null,
};
