import { randomUUID } from 'node:crypto';
import { normalizeDomain } from '../normalize-domain.ts';
import { mergeSiteSettings } from '../site-settings.ts';
import { type SiteRow, toSite } from '../sqlite/state-rows.ts';
import { DEFAULT_SITE_SETTINGS, type Site, type StateStore } from '../state-store.ts';
import { StoreError } from '../store-error.ts';
import type { Sql, Tx } from './open-postgres.ts';

type SiteMethods = Pick<
  StateStore,
  'createSite' | 'getSite' | 'findSiteByDomain' | 'listSites' | 'updateSiteSettings' | 'deleteSite'
>;

/**
 * Site methods on PostgreSQL. The "is this domain taken?" check and the inserts share one
 * transaction; two instances racing for one domain both pass the check, and the `site_domains`
 * primary key then refuses the second (a `conflict`, as on SQLite).
 */
export function createPostgresSites(sql: Sql): SiteMethods {
  const assertFree = async (tx: Tx, domains: readonly string[], siteId: string | null) => {
    if (domains.length === 0) return;
    const owners = await tx<{ domain: string; site_id: string }[]>`
      SELECT domain, site_id FROM site_domains WHERE domain IN ${tx(domains)}`;
    const taken = owners.find((owner) => owner.site_id !== siteId);
    if (taken) throw new StoreError('conflict', `${taken.domain} already belongs to another site`);
  };
  const insertDomains = async (tx: Tx, siteId: string, domains: readonly string[]) => {
    if (domains.length === 0) return;
    const rows = domains.map((domain) => ({ domain, site_id: siteId }));
    await tx`INSERT INTO site_domains ${tx(rows, 'domain', 'site_id')}`;
  };
  const getRow = async (runner: Sql | Tx, id: string, lock = false) => {
    const [row] = lock
      ? await runner<SiteRow[]>`SELECT * FROM sites WHERE id = ${id} FOR UPDATE`
      : await runner<SiteRow[]>`SELECT * FROM sites WHERE id = ${id}`;
    return row;
  };

  return {
    async createSite(domain, patch = {}) {
      const primary = normalizeDomain(domain);
      if (!primary) throw new StoreError('invalid', `${JSON.stringify(domain)} is not a domain`);
      const settings = mergeSiteSettings(DEFAULT_SITE_SETTINGS, patch, primary);
      const site: Site = { id: randomUUID(), domain: primary, createdAt: Date.now(), settings };
      await sql.begin(async (tx) => {
        await assertFree(tx, [primary, ...settings.extraDomains], null);
        await tx`INSERT INTO sites (id, domain, created_at, settings)
          VALUES (${site.id}, ${site.domain}, ${site.createdAt}, ${JSON.stringify(settings)})`;
        await insertDomains(tx, site.id, [primary, ...settings.extraDomains]);
      });
      return site;
    },
    async getSite(id) {
      const row = await getRow(sql, id);
      return row ? toSite(row) : null;
    },
    async findSiteByDomain(domain) {
      const key = normalizeDomain(domain);
      if (!key) return null;
      const [row] = await sql<SiteRow[]>`
        SELECT s.* FROM site_domains d JOIN sites s ON s.id = d.site_id WHERE d.domain = ${key}`;
      return row ? toSite(row) : null;
    },
    async listSites() {
      const rows = await sql<SiteRow[]>`SELECT * FROM sites ORDER BY domain COLLATE "C"`;
      return rows.map(toSite);
    },
    async updateSiteSettings(id, patch) {
      return sql.begin(async (tx) => {
        // FOR UPDATE: two concurrent updates of one site apply one after the other.
        const row = await getRow(tx, id, true);
        if (!row) throw new StoreError('not_found', `no site with id ${id}`);
        const site = toSite(row);
        const settings = mergeSiteSettings(site.settings, patch, site.domain);
        await assertFree(tx, settings.extraDomains, id);
        await tx`DELETE FROM site_domains WHERE site_id = ${id} AND domain <> ${site.domain}`;
        await insertDomains(tx, id, settings.extraDomains);
        await tx`UPDATE sites SET settings = ${JSON.stringify(settings)} WHERE id = ${id}`;
        return { ...site, settings };
      });
    },
    async deleteSite(id) {
      // site_domains, share links, members and goals go with it (ON DELETE CASCADE).
      const result = await sql`DELETE FROM sites WHERE id = ${id}`;
      return result.count > 0;
    },
  };
}
