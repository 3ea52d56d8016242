import { z } from 'zod';
import { normalizeDomain } from './normalize-domain.ts';
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from './state-store.ts';
import { StoreError } from './store-error.ts';

const SITE_SETTINGS_SCHEMA = z.object({
  extraDomains: z.array(z.string().min(1).max(253)).max(100),
  deepLinkDepth: z.number().int().min(0).max(100),
  sectionPaths: z.array(z.string()).max(1000),
  excludedPaths: z.array(z.string()).max(1000),
  respectDoNotTrack: z.boolean(),
  publicSlug: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'a public slug is 8 to 64 letters, digits, - or _')
    .nullable(),
});

/**
 * Applies a partial update to site settings, the same way in every adapter: keys that are
 * absent or `undefined` keep their value, extra domains are normalised like lookups are (and
 * the primary domain is dropped from them), and the result is validated so no adapter can store
 * settings the collector would choke on.
 */
export function mergeSiteSettings(
  base: SiteSettings,
  patch: Partial<SiteSettings>,
  primaryDomain: string,
): SiteSettings {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = value;
  }
  const parsed = SITE_SETTINGS_SCHEMA.safeParse(merged);
  if (!parsed.success) {
    throw new StoreError('invalid', `invalid site settings: ${z.prettifyError(parsed.error)}`);
  }
  const extra = new Set(parsed.data.extraDomains.map(normalizeDomain));
  extra.delete('');
  extra.delete(primaryDomain);
  return {
    ...parsed.data,
    extraDomains: [...extra],
    sectionPaths: [...parsed.data.sectionPaths],
    excludedPaths: [...parsed.data.excludedPaths],
  };
}

/**
 * Reads settings JSON written by any earlier version: keys added since then take their
 * default, unknown keys are dropped.
 */
export function parseStoredSiteSettings(json: string): SiteSettings {
  const parsed = SITE_SETTINGS_SCHEMA.partial().safeParse(JSON.parse(json));
  if (!parsed.success) {
    throw new StoreError('invalid', `stored site settings are corrupt: ${parsed.error.message}`);
  }
  return { ...structuredClone(DEFAULT_SITE_SETTINGS), ...parsed.data };
}
