import { randomUUID } from 'node:crypto';
import {
  type AccountMethods,
  type GoalRow,
  ROLES,
  type SessionRow,
  toGoal,
  toSession,
} from '../sqlite/account-rows.ts';
import { type SiteRow, toSite, toUser, type UserRow } from '../sqlite/state-rows.ts';
import type { Goal, SiteRole } from '../state-store.ts';
import { StoreError } from '../store-error.ts';
import type { Sql } from './open-postgres.ts';

/** Users' sessions, site roles and goals on PostgreSQL (tables of migration 3). */
export function createPostgresAccounts(sql: Sql): AccountMethods {
  return {
    async getUser(id) {
      const [row] = await sql<UserRow[]>`SELECT * FROM users WHERE id = ${id}`;
      return row ? toUser(row) : null;
    },

    async createSession(session) {
      await sql`INSERT INTO user_sessions (id_hash, user_id, csrf_token, created_at, expires_at)
        VALUES (${session.idHash}, ${session.userId}, ${session.csrfToken},
                ${session.createdAt}, ${session.expiresAt})`;
    },
    async findSession(idHash, now) {
      const [row] = await sql<SessionRow[]>`
        SELECT * FROM user_sessions WHERE id_hash = ${idHash} AND expires_at > ${now}`;
      return row ? toSession(row) : null;
    },
    async deleteSession(idHash) {
      return (await sql`DELETE FROM user_sessions WHERE id_hash = ${idHash}`).count > 0;
    },
    async deleteExpiredSessions(now) {
      return (await sql`DELETE FROM user_sessions WHERE expires_at <= ${now}`).count;
    },

    async setSiteRole(siteId, userId, role) {
      if (!ROLES.includes(role)) {
        throw new StoreError('invalid', `role must be one of ${ROLES.join(', ')}, got ${role}`);
      }
      await sql`INSERT INTO site_members (site_id, user_id, role) VALUES (${siteId}, ${userId}, ${role})
        ON CONFLICT (site_id, user_id) DO UPDATE SET role = excluded.role`;
    },
    async removeSiteMember(siteId, userId) {
      const result = await sql`
        DELETE FROM site_members WHERE site_id = ${siteId} AND user_id = ${userId}`;
      return result.count > 0;
    },
    async siteRole(siteId, userId) {
      const [row] = await sql<{ role: SiteRole }[]>`
        SELECT role FROM site_members WHERE site_id = ${siteId} AND user_id = ${userId}`;
      return row?.role ?? null;
    },
    async listUserSites(userId) {
      const rows = await sql<(SiteRow & { role: SiteRole })[]>`
        SELECT s.*, m.role AS role FROM site_members m JOIN sites s ON s.id = m.site_id
        WHERE m.user_id = ${userId} ORDER BY s.domain COLLATE "C"`;
      return rows.map((row) => ({ site: toSite(row), role: row.role }));
    },
    async listSiteMembers(siteId) {
      const rows = await sql<(UserRow & { role: SiteRole })[]>`
        SELECT u.*, m.role AS role FROM site_members m JOIN users u ON u.id = m.user_id
        WHERE m.site_id = ${siteId} ORDER BY u.email COLLATE "C"`;
      return rows.map((row) => ({ user: toUser(row), role: row.role }));
    },

    async createGoal(input) {
      if (input.kind !== 'page' && input.kind !== 'event') {
        throw new StoreError('invalid', `a goal kind is page or event, got ${input.kind}`);
      }
      const goal: Goal = { ...input, id: randomUUID(), createdAt: Date.now() };
      await sql`INSERT INTO goals (id, site_id, name, kind, value, created_at)
        VALUES (${goal.id}, ${goal.siteId}, ${goal.name}, ${goal.kind}, ${goal.value}, ${goal.createdAt})`;
      return goal;
    },
    async listGoals(siteId) {
      const rows = await sql<GoalRow[]>`
        SELECT * FROM goals WHERE site_id = ${siteId} ORDER BY created_at, id COLLATE "C"`;
      return rows.map(toGoal);
    },
    async deleteGoal(siteId, goalId) {
      return (await sql`DELETE FROM goals WHERE site_id = ${siteId} AND id = ${goalId}`).count > 0;
    },
  };
}
