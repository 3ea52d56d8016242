import type { TrafficClass } from '../../core/index.ts';

/**
 * `utm_source` values (also Plausible's `source`/`ref`) that name a channel, lower-cased.
 * Private aliases follow research/measurement.md §5.2 R3 and §2d (webmasterid.com UTM guide;
 * Plausible treats `newsletter` as email); social aliases follow GA4's source list (fb, ig).
 */
const PRIVATE: Record<string, string> = {
  whatsapp: 'whatsapp',
  wa: 'whatsapp',
  'whatsapp.com': 'whatsapp',
  'web.whatsapp.com': 'whatsapp',
  telegram: 'telegram',
  tg: 'telegram',
  't.me': 'telegram',
  messenger: 'messenger',
  'fb-messenger': 'messenger',
  'facebook messenger': 'messenger',
  sms: 'sms',
  imessage: 'imessage',
  signal: 'signal',
  slack: 'slack',
  discord: 'discord',
  teams: 'teams',
  'microsoft teams': 'teams',
  line: 'line',
  viber: 'viber',
  wechat: 'wechat',
  weixin: 'wechat',
  snapchat: 'snapchat',
  skype: 'skype',
  kakaotalk: 'kakaotalk',
  kakao: 'kakaotalk',
  zalo: 'zalo',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  newsletter: 'email',
  gmail: 'email',
  outlook: 'email',
};

const SOCIAL: Record<string, string> = {
  facebook: 'facebook',
  fb: 'facebook',
  'facebook.com': 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  threads: 'threads',
  twitter: 'x',
  x: 'x',
  't.co': 'x',
  linkedin: 'linkedin',
  reddit: 'reddit',
  pinterest: 'pinterest',
  tiktok: 'tiktok',
  youtube: 'youtube',
  bluesky: 'bluesky',
  bsky: 'bluesky',
  mastodon: 'mastodon',
  vk: 'vk',
  hackernews: 'hackernews',
  hn: 'hackernews',
};

export interface SourceTarget {
  class: TrafficClass;
  channel: string;
}

/** The channel a campaign source names, or null for an unmapped source. */
export function lookupCampaignSource(source: string): SourceTarget | null {
  const privateChannel = PRIVATE[source];
  if (privateChannel) return { class: 'dark_social', channel: privateChannel };
  const socialChannel = SOCIAL[source];
  if (socialChannel) return { class: 'social', channel: socialChannel };
  return null;
}

/** GA4's paid-medium regex (§1.7). */
export const PAID_MEDIUM = /^(?:.*cp.*|ppc|retargeting|paid.*)$/;
/** GA4's email regex plus Plausible's `newsletter`. */
export const EMAIL_MEDIUM = /email|e-mail|e_mail|e mail|newsletter/;
/** Paid click ids and the ad network they imply. */
export const CLICK_ID_SOURCES: Record<string, string> = {
  gclid: 'google',
  gbraid: 'google',
  wbraid: 'google',
  dclid: 'google',
  msclkid: 'bing',
};
