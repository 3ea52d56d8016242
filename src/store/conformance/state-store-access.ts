import { describe, expect, it } from 'vitest';
import type { StateStore } from '../state-store.ts';
import { type OpenStore, storeError } from './conformance-context.ts';

/** API tokens, users, daily salts and close. */
export function describeStateAccess(open: OpenStore<StateStore>): void {
  describe('API tokens', () => {
    it('finds a token by its hash and never hands the hash back', async () => {
      const store = await open();
      const token = await store.createApiToken({
        name: 'deploy',
        tokenHash: 'sha256:abc',
        prefix: 'pn_abcd',
        siteIds: ['s1', 's2'],
      });
      expect(token).toMatchObject({
        name: 'deploy',
        prefix: 'pn_abcd',
        siteIds: ['s1', 's2'],
        revokedAt: null,
      });
      expect(Object.values(token)).not.toContain('sha256:abc');
      expect(await store.findApiTokenByHash('sha256:abc')).toEqual(token);
      expect(await store.findApiTokenByHash('sha256:ABC')).toBeNull();
      expect(await store.findApiTokenByHash('')).toBeNull();
      await expect(
        store.createApiToken({
          name: 'again',
          tokenHash: 'sha256:abc',
          prefix: 'pn_x',
          siteIds: [],
        }),
      ).rejects.toMatchObject(storeError('conflict'));
    });
    it('revokes once, keeps the revoked record findable, and lists every token', async () => {
      const store = await open();
      const a = await store.createApiToken({
        name: 'a',
        tokenHash: 'ha',
        prefix: 'pa',
        siteIds: [],
      });
      const b = await store.createApiToken({
        name: 'b',
        tokenHash: 'hb',
        prefix: 'pb',
        siteIds: [],
      });
      expect(await store.revokeApiToken(a.id)).toBe(true);
      const revoked = await store.findApiTokenByHash('ha');
      expect(revoked?.revokedAt).toEqual(expect.any(Number));
      expect(await store.revokeApiToken(a.id)).toBe(false);
      expect((await store.findApiTokenByHash('ha'))?.revokedAt).toBe(revoked?.revokedAt);
      expect(await store.revokeApiToken('no-such-id')).toBe(false);
      expect((await store.findApiTokenByHash('hb'))?.revokedAt).toBeNull();
      const listed = await store.listApiTokens();
      expect(listed.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
      expect(listed.find((t) => t.id === b.id)).toEqual(b);
    });
  });

  describe('users', () => {
    it('treats email addresses case-insensitively and keeps them unique', async () => {
      const store = await open();
      const user = await store.createUser({
        email: ' Ann.Lee@Example.COM ',
        passwordHash: 'scrypt$1',
      });
      expect(user).toMatchObject({ email: 'ann.lee@example.com', passwordHash: 'scrypt$1' });
      expect(await store.findUserByEmail('ANN.LEE@example.com')).toEqual(user);
      expect(await store.findUserByEmail('bob@example.com')).toBeNull();
      await expect(
        store.createUser({ email: 'ann.lee@EXAMPLE.com', passwordHash: 'other' }),
      ).rejects.toMatchObject(storeError('conflict'));
      await expect(
        store.createUser({ email: 'not-an-email', passwordHash: 'x' }),
      ).rejects.toMatchObject(storeError('invalid'));
      expect(await store.countUsers()).toBe(1);
      await store.createUser({ email: 'bob@example.com', passwordHash: 'x' });
      expect(await store.countUsers()).toBe(2);
    });
  });

  describe('daily salts', () => {
    it('gives one salt per day, created on first use, to every caller', async () => {
      const store = await open();
      const [a, b, c] = await Promise.all([
        store.saltForDay('2026-03-01', 1000),
        store.saltForDay('2026-03-01', 2000),
        store.saltForDay('2026-03-01', 3000),
      ]);
      expect(a?.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
      expect(await store.saltForDay('2026-03-01', 9000)).toEqual({
        day: '2026-03-01',
        salt: a?.salt,
        createdAt: 1000,
      });
      const next = await store.saltForDay('2026-03-02', 90_000_000);
      expect(next.salt).not.toBe(a?.salt);
      for (const day of ['2026-3-1', '2026-02-30', 'today', '']) {
        await expect(store.saltForDay(day, 0)).rejects.toMatchObject(storeError('invalid'));
      }
    });
    it('deletes only salts created before the cut-off', async () => {
      const store = await open();
      const old = await store.saltForDay('2026-03-01', 1000);
      await store.saltForDay('2026-03-02', 2000);
      const kept = await store.saltForDay('2026-03-03', 3000);
      expect(await store.deleteSaltsBefore(3000)).toBe(2);
      expect(await store.deleteSaltsBefore(3000)).toBe(0);
      expect(await store.saltForDay('2026-03-03', 4000)).toEqual(kept);
      const renewed = await store.saltForDay('2026-03-01', 5000);
      expect(renewed.salt).not.toBe(old.salt);
      expect(renewed.createdAt).toBe(5000);
    });
  });

  describe('close', () => {
    it('refuses calls after close; closing twice is harmless', async () => {
      const store = await open();
      await store.close();
      await store.close();
      await expect(store.listSites()).rejects.toMatchObject(storeError('closed'));
      await expect(store.saltForDay('2026-01-01', 0)).rejects.toMatchObject(storeError('closed'));
    });
  });
}
