import type { Site, SiteRole, StateStore } from '../../store/index.ts';
import type { SiteSummary } from '../api-types.ts';

export const toSiteSummary = (site: Site, role: SiteRole): SiteSummary => ({
  domain: site.domain,
  role,
  settings: {
    extraDomains: [...site.settings.extraDomains],
    deepLinkDepth: site.settings.deepLinkDepth,
    sectionPaths: [...site.settings.sectionPaths],
    excludedPaths: [...site.settings.excludedPaths],
    respectDoNotTrack: site.settings.respectDoNotTrack,
    publicSlug: site.settings.publicSlug,
  },
});

/** The user's sites as the dashboard lists them. */
export async function listSiteSummaries(state: StateStore, userId: string): Promise<SiteSummary[]> {
  const memberships = await state.listUserSites(userId);
  return memberships.map(({ site, role }) => toSiteSummary(site, role));
}
