import { describe, expect, it } from 'vitest';
import type { StateStore } from '../state-store.ts';
import { storeError, trackStores } from './conformance-context.ts';
import { describeStateAccess } from './state-store-access.ts';
import { describeStateAccounts } from './state-store-accounts.ts';

export interface StateStoreConformanceOptions {
  /**
   * For adapters that persist: returns an opener bound to one fresh location; every call of the
   * opener opens the same data again. Enables the close-and-reopen test.
   */
  reopenable?: () => () => Promise<StateStore>;
}

/**
 * The behaviour every StateStore adapter must have, written once. `create` must return a new,
 * empty, unmigrated store each call.
 *
 * @example
 * runStateStoreConformance('sqlite :memory:', () => createSqliteStateStore({ path: ':memory:' }));
 */
export function runStateStoreConformance(
  name: string,
  create: () => Promise<StateStore>,
  options: StateStoreConformanceOptions = {},
): void {
  describe(`StateStore conformance: ${name}`, () => {
    const { open, track } = trackStores(create);

    it('reports the schema version on migrate, then applies nothing the second time', async () => {
      const store = track(await create());
      const first = await store.migrate();
      expect(first.version).toBeGreaterThan(0);
      expect(first.applied.at(-1)).toBe(first.version);
      expect(await store.migrate()).toEqual({ applied: [], version: first.version });
    });

    describe('share links', () => {
      it('gives one code per combination and finds it again', async () => {
        const store = await open();
        const site = await store.createSite('example.com');
        const input = {
          code: 'Ab3dE5g',
          siteId: site.id,
          target: 'https://example.com/story',
          channel: 'whatsapp',
          campaign: 'spring',
          conversation: '',
          utm: true,
        };
        const link = await store.createShareLink(input, 1000);
        expect(link).toEqual({ ...input, createdAt: 1000 });
        // The same combination under another candidate code: the first code wins.
        expect(await store.createShareLink({ ...input, code: 'Zz9yY8x' }, 2000)).toEqual(link);
        expect(await store.findShareLink('Ab3dE5g')).toEqual(link);
        expect(await store.findShareLink('Zz9yY8x')).toBeNull();
        const email = await store.createShareLink(
          { ...input, code: 'Qq1wW2e', channel: 'email' },
          3000,
        );
        expect(email.code).toBe('Qq1wW2e');
        await expect(
          store.createShareLink({ ...input, code: 'Ab3dE5g', channel: 'sms' }, 4000),
        ).rejects.toMatchObject(storeError('conflict'));
        await store.deleteSite(site.id);
        expect(await store.findShareLink('Ab3dE5g')).toBeNull();
      });
    });

    describe('sites', () => {
      it('creates a site under its normalised domain with default settings', async () => {
        const store = await open();
        const site = await store.createSite('https://WWW.Example.COM/');
        expect(site).toMatchObject({ domain: 'example.com' });
        expect(site.settings).toEqual({
          extraDomains: [],
          deepLinkDepth: 2,
          sectionPaths: [],
          excludedPaths: [],
          respectDoNotTrack: false,
          publicSlug: null,
        });
        expect(await store.getSite(site.id)).toEqual(site);
        expect(await store.getSite('no-such-id')).toBeNull();
        await expect(store.createSite('  ')).rejects.toMatchObject(storeError('invalid'));
      });
      it('finds a site by any spelling of its primary or extra domains', async () => {
        const store = await open();
        const site = await store.createSite('example.com', {
          extraDomains: ['Blog.Example.ORG', 'www.example.net', 'example.com'],
          deepLinkDepth: 3,
        });
        expect(site.settings.extraDomains).toEqual(['blog.example.org', 'example.net']);
        for (const spelling of [
          'example.com',
          'WWW.Example.com',
          'www.example.com.',
          ' example.com:8080 ',
          'blog.example.org',
          'WWW.BLOG.EXAMPLE.ORG',
          'example.net',
        ]) {
          expect((await store.findSiteByDomain(spelling))?.id, spelling).toBe(site.id);
        }
        for (const miss of ['example.co', 'sub.example.com', 'example.com.evil.test', '']) {
          expect(await store.findSiteByDomain(miss), miss).toBeNull();
        }
      });
      it('gives each domain to one site only', async () => {
        const store = await open();
        await store.createSite('example.com', { extraDomains: ['example.org'] });
        for (const domain of ['www.example.com', 'EXAMPLE.ORG']) {
          await expect(store.createSite(domain)).rejects.toMatchObject(storeError('conflict'));
        }
        await expect(
          store.createSite('new.test', { extraDomains: ['www.example.com'] }),
        ).rejects.toMatchObject(storeError('conflict'));
        expect((await store.listSites()).map((s) => s.domain)).toEqual(['example.com']);
        expect(await store.findSiteByDomain('new.test')).toBeNull();
      });
      it('updates settings partially and moves extra domains', async () => {
        const store = await open();
        const site = await store.createSite('example.com', { extraDomains: ['old.test'] });
        const updated = await store.updateSiteSettings(site.id, {
          extraDomains: ['new.test'],
          sectionPaths: ['/news/'],
        });
        expect(updated.settings).toMatchObject({
          extraDomains: ['new.test'],
          sectionPaths: ['/news/'],
          deepLinkDepth: 2,
        });
        expect(await store.getSite(site.id)).toEqual(updated);
        expect(await store.findSiteByDomain('old.test')).toBeNull();
        expect((await store.findSiteByDomain('new.test'))?.id).toBe(site.id);
        const depth = await store.updateSiteSettings(site.id, { respectDoNotTrack: true });
        expect(depth.settings).toMatchObject({
          extraDomains: ['new.test'],
          respectDoNotTrack: true,
        });
      });
      it('refuses bad updates and leaves the settings as they were', async () => {
        const store = await open();
        const other = await store.createSite('other.test');
        const site = await store.createSite('example.com', { extraDomains: ['mine.test'] });
        await expect(
          store.updateSiteSettings(site.id, { extraDomains: ['other.test'], deepLinkDepth: 5 }),
        ).rejects.toMatchObject(storeError('conflict'));
        await expect(
          store.updateSiteSettings(site.id, { deepLinkDepth: -1 }),
        ).rejects.toMatchObject(storeError('invalid'));
        await expect(store.updateSiteSettings('no-such-id', {})).rejects.toMatchObject(
          storeError('not_found'),
        );
        expect(await store.getSite(site.id)).toEqual(site);
        expect((await store.findSiteByDomain('mine.test'))?.id).toBe(site.id);
        expect((await store.findSiteByDomain('other.test'))?.id).toBe(other.id);
      });
      it('lists sites by domain and deletes them with their domains', async () => {
        const store = await open();
        const b = await store.createSite('b.test', { extraDomains: ['b2.test'] });
        const a = await store.createSite('a.test');
        expect((await store.listSites()).map((s) => s.id)).toEqual([a.id, b.id]);
        expect(await store.deleteSite(b.id)).toBe(true);
        expect(await store.deleteSite(b.id)).toBe(false);
        expect(await store.getSite(b.id)).toBeNull();
        expect(await store.findSiteByDomain('b2.test')).toBeNull();
        const again = await store.createSite('b2.test');
        expect((await store.findSiteByDomain('b2.test'))?.id).toBe(again.id);
      });
    });

    describeStateAccess(open);
    describeStateAccounts(open);

    const { reopenable } = options;
    if (reopenable) {
      it('keeps sites, tokens, users and salts across close and reopen', async () => {
        const reopen = reopenable();
        const first = track(await reopen());
        const { version } = await first.migrate();
        const site = await first.createSite('example.com', { excludedPaths: ['/admin/*'] });
        const token = await first.createApiToken({
          name: 'ci',
          tokenHash: 'h1',
          prefix: 'pn_1',
          siteIds: [site.id],
        });
        const user = await first.createUser({ email: 'ann@example.com', passwordHash: 'x' });
        const salt = await first.saltForDay('2026-01-01', 1000);
        await first.close();
        const second = track(await reopen());
        expect(await second.migrate()).toEqual({ applied: [], version });
        expect(await second.findSiteByDomain('www.example.com')).toEqual(site);
        expect(await second.findApiTokenByHash('h1')).toEqual(token);
        expect(await second.findUserByEmail('ANN@example.com')).toEqual(user);
        expect(await second.saltForDay('2026-01-01', 5000)).toEqual(salt);
      });
    }
  });
}
