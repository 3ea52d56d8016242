import type { Ga4Channel } from '../core/index.ts';
import type { CampaignParams } from './read-campaign.ts';
import { ga4SourceCategory } from './tables/ga4-source-categories.ts';

/**
 * GA4's default channel grouping, rule by rule and in Google's order
 * (support.google.com/analytics/answer/9756891, as transcribed in Velir/dbt-ga4
 * macros/default_channel_grouping.sql).
 */
const PAID_MEDIUM = /^(?:.*cp.*|ppc|retargeting|paid.*)$/;
const DISPLAY_MEDIUM = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const SOCIAL_MEDIUM = new Set([
  'social',
  'social-network',
  'social-media',
  'sm',
  'social network',
  'social media',
]);
const EMAIL = /email|e-mail|e_mail|e mail/;
const SHOPPING_CAMPAIGN = /^(?:.*(?:(?:^|[^a-df-z])shop|shopping).*)$/;

export function ga4FromTags(source: string, medium: string, campaign: string): Ga4Channel {
  const category = ga4SourceCategory(source);
  const paid = PAID_MEDIUM.test(medium);
  const shopping = category === 'SHOPPING' || SHOPPING_CAMPAIGN.test(campaign);
  if (source === '(direct)' && (medium === '' || medium === '(none)' || medium === '(not set)')) {
    return 'Direct';
  }
  if (campaign.includes('cross-network')) return 'Cross-network';
  if (paid && shopping) return 'Paid Shopping';
  if (paid && category === 'SEARCH') return 'Paid Search';
  if (paid && category === 'SOCIAL') return 'Paid Social';
  if (paid && category === 'VIDEO') return 'Paid Video';
  if (DISPLAY_MEDIUM.has(medium)) return 'Display';
  if (paid) return 'Paid Other';
  if (shopping) return 'Organic Shopping';
  if (category === 'SOCIAL' || SOCIAL_MEDIUM.has(medium)) return 'Organic Social';
  if (category === 'VIDEO' || medium.includes('video')) return 'Organic Video';
  if (category === 'SEARCH' || medium === 'organic') return 'Organic Search';
  if (medium === 'referral' || medium === 'app' || medium === 'link') return 'Referral';
  if (EMAIL.test(source) || EMAIL.test(medium)) return 'Email';
  if (medium === 'affiliate') return 'Affiliates';
  if (medium === 'audio') return 'Audio';
  if (source === 'sms' || medium === 'sms') return 'SMS';
  if (
    medium.endsWith('push') ||
    medium.includes('mobile') ||
    medium.includes('notification') ||
    source === 'firebase'
  ) {
    return 'Mobile Push';
  }
  return 'Unassigned';
}

/** GA4 sees a referrer as source=<host>, medium=referral (organic for search engines). */
export function ga4FromReferrer(host: string): Ga4Channel {
  const category = ga4SourceCategory(host);
  if (category === 'SOCIAL') return 'Organic Social';
  if (category === 'SEARCH') return 'Organic Search';
  if (category === 'VIDEO') return 'Organic Video';
  if (category === 'SHOPPING') return 'Organic Shopping';
  return 'Referral';
}

/**
 * What GA4 makes of the landing URL's tags, or null when it has none it reads (then the
 * referrer decides). GA4 reads utm_* only: Plausible-style `source`/`ref` are invisible to it.
 */
export function ga4FromCampaign(campaign: CampaignParams): Ga4Channel | null {
  const utmSource = campaign.sourceParam === 'utm_source' ? campaign.source : '';
  if (utmSource || campaign.medium) {
    return ga4FromTags(utmSource || '(not set)', campaign.medium, campaign.campaign);
  }
  if (campaign.clickId) return 'Paid Search';
  return null;
}
