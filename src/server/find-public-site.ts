import type { Site, StateStore } from '../store/index.ts';

/**
 * The site whose read-only public dashboard lives at `slug`, or null. A scan: public links are
 * few and off by default, and the slug is 16+ random characters, so guessing one is hopeless.
 */
export async function findPublicSite(state: StateStore, slug: string): Promise<Site | null> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(slug)) return null;
  const sites = await state.listSites();
  return sites.find((site) => site.settings.publicSlug === slug) ?? null;
}
