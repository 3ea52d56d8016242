import { describe, expect, it } from 'vitest';
import type { StateStore } from '../state-store.ts';
import { type OpenStore, storeError } from './conformance-context.ts';

const session = (idHash: string, userId: string, expiresAt: number) => ({
  idHash,
  userId,
  csrfToken: `csrf-${idHash}`,
  createdAt: 1000,
  expiresAt,
});

/** Sessions, site roles and goals: what the dashboard's accounts stand on. */
export function describeStateAccounts(open: OpenStore<StateStore>): void {
  describe('sessions', () => {
    it('finds a live session by hash, never an expired or deleted one', async () => {
      const store = await open();
      const user = await store.createUser({ email: 'a@example.com', passwordHash: 'h' });
      expect(await store.getUser(user.id)).toEqual(user);
      expect(await store.getUser('nobody')).toBeNull();
      await store.createSession(session('s1', user.id, 5000));
      await store.createSession(session('s2', user.id, 9000));
      expect(await store.findSession('s1', 4999)).toEqual(session('s1', user.id, 5000));
      expect(await store.findSession('s1', 5000)).toBeNull();
      expect(await store.findSession('S1', 10)).toBeNull();
      expect(await store.deleteExpiredSessions(6000)).toBe(1);
      expect(await store.deleteSession('s2')).toBe(true);
      expect(await store.deleteSession('s2')).toBe(false);
      expect(await store.findSession('s2', 10)).toBeNull();
    });
    it('refuses a session of an unknown user and a duplicate hash', async () => {
      const store = await open();
      const user = await store.createUser({ email: 'b@example.com', passwordHash: 'h' });
      await store.createSession(session('dup', user.id, 5000));
      await expect(store.createSession(session('dup', user.id, 6000))).rejects.toMatchObject(
        storeError('conflict'),
      );
      await expect(store.createSession(session('x', 'ghost', 5000))).rejects.toThrow();
    });
  });

  describe('site roles', () => {
    it('keeps one role per user and site, and lists only the user’s own sites', async () => {
      const store = await open();
      const ann = await store.createUser({ email: 'ann@example.com', passwordHash: 'h' });
      const bob = await store.createUser({ email: 'bob@example.com', passwordHash: 'h' });
      const a = await store.createSite('a.example');
      const b = await store.createSite('b.example');
      await store.setSiteRole(a.id, ann.id, 'viewer');
      await store.setSiteRole(a.id, ann.id, 'owner'); // replaces
      await store.setSiteRole(b.id, bob.id, 'admin');
      await store.setSiteRole(a.id, bob.id, 'viewer');
      expect(await store.siteRole(a.id, ann.id)).toBe('owner');
      expect(await store.siteRole(b.id, ann.id)).toBeNull();
      expect(await store.listUserSites(ann.id)).toEqual([{ site: a, role: 'owner' }]);
      expect((await store.listUserSites(bob.id)).map((m) => [m.site.domain, m.role])).toEqual([
        ['a.example', 'viewer'],
        ['b.example', 'admin'],
      ]);
      expect((await store.listSiteMembers(a.id)).map((m) => [m.user.email, m.role])).toEqual([
        ['ann@example.com', 'owner'],
        ['bob@example.com', 'viewer'],
      ]);
      expect(await store.removeSiteMember(a.id, bob.id)).toBe(true);
      expect(await store.removeSiteMember(a.id, bob.id)).toBe(false);
      expect(await store.siteRole(a.id, bob.id)).toBeNull();
    });
    it('refuses an unknown role and forgets members of a deleted site', async () => {
      const store = await open();
      const ann = await store.createUser({ email: 'ann@example.com', passwordHash: 'h' });
      const a = await store.createSite('a.example');
      await expect(
        store.setSiteRole(a.id, ann.id, 'root' as unknown as 'owner'),
      ).rejects.toMatchObject(storeError('invalid'));
      await store.setSiteRole(a.id, ann.id, 'owner');
      await store.deleteSite(a.id);
      expect(await store.listUserSites(ann.id)).toEqual([]);
    });
  });

  describe('goals', () => {
    it('creates, lists and deletes goals per site, never across sites', async () => {
      const store = await open();
      const a = await store.createSite('a.example');
      const b = await store.createSite('b.example');
      const signup = await store.createGoal({
        siteId: a.id,
        name: 'Signed up',
        kind: 'event',
        value: 'signup',
      });
      const pricing = await store.createGoal({
        siteId: a.id,
        name: 'Saw pricing',
        kind: 'page',
        value: '/pricing*',
      });
      await store.createGoal({ siteId: b.id, name: 'B', kind: 'page', value: '/' });
      expect(signup).toMatchObject({ siteId: a.id, name: 'Signed up', kind: 'event' });
      expect((await store.listGoals(a.id)).map((goal) => goal.id).sort()).toEqual(
        [signup.id, pricing.id].sort(),
      );
      expect(await store.deleteGoal(b.id, signup.id)).toBe(false);
      expect(await store.deleteGoal(a.id, signup.id)).toBe(true);
      expect(await store.listGoals(a.id)).toEqual([pricing]);
      await expect(
        store.createGoal({ siteId: a.id, name: 'x', kind: 'bogus' as 'page', value: '/' }),
      ).rejects.toMatchObject(storeError('invalid'));
    });
  });
}
