import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Goal, SiteRole } from '../state-store.ts';
import { StoreError } from '../store-error.ts';
import {
  type AccountMethods,
  type GoalRow,
  ROLES,
  type SessionRow,
  toGoal,
  toSession,
} from './account-rows.ts';
import { type SiteRow, toSite, toUser, type UserRow } from './state-rows.ts';

function assertRole(role: string): asserts role is SiteRole {
  if (!ROLES.includes(role as SiteRole)) {
    throw new StoreError('invalid', `role must be one of ${ROLES.join(', ')}, got ${role}`);
  }
}

/** Users' sessions, site roles and goals on SQLite (tables of migration 3). */
export function createSqliteAccounts(
  _db: Database,
  sql: (text: string) => Statement,
): AccountMethods {
  return {
    async getUser(id) {
      const row = sql('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
      return row ? toUser(row) : null;
    },

    async createSession(session) {
      sql(
        'INSERT INTO user_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).run(
        session.idHash,
        session.userId,
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
      );
    },
    async findSession(idHash, now) {
      const row = sql('SELECT * FROM user_sessions WHERE id_hash = ? AND expires_at > ?').get(
        idHash,
        now,
      ) as SessionRow | undefined;
      return row ? toSession(row) : null;
    },
    async deleteSession(idHash) {
      return sql('DELETE FROM user_sessions WHERE id_hash = ?').run(idHash).changes > 0;
    },
    async deleteExpiredSessions(now) {
      return sql('DELETE FROM user_sessions WHERE expires_at <= ?').run(now).changes;
    },

    async setSiteRole(siteId, userId, role) {
      assertRole(role);
      sql(
        `INSERT INTO site_members (site_id, user_id, role) VALUES (?, ?, ?)
         ON CONFLICT (site_id, user_id) DO UPDATE SET role = excluded.role`,
      ).run(siteId, userId, role);
    },
    async removeSiteMember(siteId, userId) {
      return (
        sql('DELETE FROM site_members WHERE site_id = ? AND user_id = ?').run(siteId, userId)
          .changes > 0
      );
    },
    async siteRole(siteId, userId) {
      const role = sql('SELECT role FROM site_members WHERE site_id = ? AND user_id = ?')
        .pluck()
        .get(siteId, userId) as SiteRole | undefined;
      return role ?? null;
    },
    async listUserSites(userId) {
      const rows = sql(
        `SELECT s.*, m.role AS role FROM site_members m JOIN sites s ON s.id = m.site_id
         WHERE m.user_id = ? ORDER BY s.domain`,
      ).all(userId) as (SiteRow & { role: SiteRole })[];
      return rows.map((row) => ({ site: toSite(row), role: row.role }));
    },
    async listSiteMembers(siteId) {
      const rows = sql(
        `SELECT u.*, m.role AS role FROM site_members m JOIN users u ON u.id = m.user_id
         WHERE m.site_id = ? ORDER BY u.email`,
      ).all(siteId) as (UserRow & { role: SiteRole })[];
      return rows.map((row) => ({ user: toUser(row), role: row.role }));
    },

    async createGoal(input) {
      if (input.kind !== 'page' && input.kind !== 'event') {
        throw new StoreError('invalid', `a goal kind is page or event, got ${input.kind}`);
      }
      const goal: Goal = { ...input, id: randomUUID(), createdAt: Date.now() };
      sql(
        'INSERT INTO goals (id, site_id, name, kind, value, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(goal.id, goal.siteId, goal.name, goal.kind, goal.value, goal.createdAt);
      return goal;
    },
    async listGoals(siteId) {
      const rows = sql('SELECT * FROM goals WHERE site_id = ? ORDER BY created_at, id').all(
        siteId,
      ) as GoalRow[];
      return rows.map(toGoal);
    },
    async deleteGoal(siteId, goalId) {
      return sql('DELETE FROM goals WHERE site_id = ? AND id = ?').run(siteId, goalId).changes > 0;
    },
  };
}
