import type { Goal, SiteRole, StateStore, UserSession } from '../state-store.ts';

// The accounts tables (state migration 3) as both SQL adapters read them.
export type AccountMethods = Pick<
  StateStore,
  | 'getUser'
  | 'createSession'
  | 'findSession'
  | 'deleteSession'
  | 'deleteExpiredSessions'
  | 'setSiteRole'
  | 'removeSiteMember'
  | 'siteRole'
  | 'listUserSites'
  | 'listSiteMembers'
  | 'createGoal'
  | 'listGoals'
  | 'deleteGoal'
>;

export interface SessionRow {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface GoalRow {
  id: string;
  site_id: string;
  name: string;
  kind: 'page' | 'event';
  value: string;
  created_at: number;
}

export const ROLES: readonly SiteRole[] = ['owner', 'admin', 'viewer'];

export const toSession = (row: SessionRow): UserSession => ({
  idHash: row.id_hash,
  userId: row.user_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export const toGoal = (row: GoalRow): Goal => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  kind: row.kind,
  value: row.value,
  createdAt: row.created_at,
});
