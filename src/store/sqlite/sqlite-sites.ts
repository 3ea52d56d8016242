import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { normalizeDomain } from '../normalize-domain.ts';
import { mergeSiteSettings } from '../site-settings.ts';
import { DEFAULT_SITE_SETTINGS, type Site, type StateStore } from '../state-store.ts';
import { StoreError } from '../store-error.ts';
import { type SiteRow, toSite } from './state-rows.ts';

type SiteMethods = Pick<
  StateStore,
  'createSite' | 'getSite' | 'findSiteByDomain' | 'listSites' | 'updateSiteSettings' | 'deleteSite'
>;

/**
 * Site methods on SQLite. Writes run in IMMEDIATE transactions, so the "is this domain taken?"
 * check and the insert cannot be split by another process; the `site_domains` primary key backs
 * the check up.
 */
export function createSqliteSites(db: Database, sql: (text: string) => Statement): SiteMethods {
  const getRow = (id: string) =>
    sql('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;

  /** Throws `conflict` when a domain already belongs to a site other than `siteId`. */
  const assertFree = (domains: readonly string[], siteId: string | null) => {
    for (const domain of domains) {
      const owner = sql('SELECT site_id FROM site_domains WHERE domain = ?').pluck().get(domain);
      if (owner !== undefined && owner !== siteId) {
        throw new StoreError('conflict', `${domain} already belongs to another site`);
      }
    }
  };

  const insertDomains = (siteId: string, domains: readonly string[]) => {
    for (const domain of domains) {
      sql('INSERT INTO site_domains (domain, site_id) VALUES (?, ?)').run(domain, siteId);
    }
  };

  const create = db.transaction((domain: string, patch: Partial<Site['settings']>): Site => {
    const primary = normalizeDomain(domain);
    if (!primary) throw new StoreError('invalid', `${JSON.stringify(domain)} is not a domain`);
    const settings = mergeSiteSettings(DEFAULT_SITE_SETTINGS, patch, primary);
    const site: Site = { id: randomUUID(), domain: primary, createdAt: Date.now(), settings };
    assertFree([primary, ...settings.extraDomains], null);
    sql('INSERT INTO sites (id, domain, created_at, settings) VALUES (?, ?, ?, ?)').run(
      site.id,
      site.domain,
      site.createdAt,
      JSON.stringify(settings),
    );
    insertDomains(site.id, [primary, ...settings.extraDomains]);
    return site;
  });

  const update = db.transaction((id: string, patch: Partial<Site['settings']>): Site => {
    const row = getRow(id);
    if (!row) throw new StoreError('not_found', `no site with id ${id}`);
    const site = toSite(row);
    const settings = mergeSiteSettings(site.settings, patch, site.domain);
    assertFree(settings.extraDomains, id);
    sql('DELETE FROM site_domains WHERE site_id = ? AND domain <> ?').run(id, site.domain);
    insertDomains(id, settings.extraDomains);
    sql('UPDATE sites SET settings = ? WHERE id = ?').run(JSON.stringify(settings), id);
    return { ...site, settings };
  });

  return {
    async createSite(domain, settings = {}) {
      return create.immediate(domain, settings);
    },
    async getSite(id) {
      const row = getRow(id);
      return row ? toSite(row) : null;
    },
    async findSiteByDomain(domain) {
      const key = normalizeDomain(domain);
      if (!key) return null;
      const row = sql(
        'SELECT s.* FROM site_domains d JOIN sites s ON s.id = d.site_id WHERE d.domain = ?',
      ).get(key) as SiteRow | undefined;
      return row ? toSite(row) : null;
    },
    async listSites() {
      const rows = sql('SELECT * FROM sites ORDER BY domain').all() as SiteRow[];
      return rows.map(toSite);
    },
    async updateSiteSettings(id, settings) {
      return update.immediate(id, settings);
    },
    async deleteSite(id) {
      // site_domains rows go with it (ON DELETE CASCADE; foreign_keys is on).
      return sql('DELETE FROM sites WHERE id = ?').run(id).changes > 0;
    },
  };
}
