import type { TrafficClass } from '../../core/index.ts';

export interface AppTarget {
  class: TrafficClass;
  channel: string;
}

const dark = (channel: string): AppTarget => ({ class: 'dark_social', channel });
const social = (channel: string): AppTarget => ({ class: 'social', channel });

/**
 * `android-app://<package>` referrers sent by Chrome Custom Tabs and WebViews (§2c), keyed by
 * lower-cased package. Sources: snowplow referer-parser referers.yml (facts only; the file is
 * GPL so nothing is copied), Plausible priv/custom_sources.json, matomo-org/searchengine-and-
 * social-list (CC0), redpandatronicsuk/react-native-check-app-install app-list.js, and the
 * logged examples in research/measurement.md §2c. Signal/Viber/LINE packages are deliberately
 * absent until seen in real logs (§7).
 */
export const ANDROID_PACKAGES: ReadonlyMap<string, AppTarget> = new Map([
  ['com.whatsapp', dark('whatsapp')],
  ['com.whatsapp.w4b', dark('whatsapp')],
  ['org.telegram.messenger', dark('telegram')],
  ['org.telegram.messenger.web', dark('telegram')],
  ['org.telegram.plus', dark('telegram')],
  ['com.slack', dark('slack')],
  ['com.facebook.orca', dark('messenger')],
  ['com.tencent.mm', dark('wechat')],
  ['com.snapchat.android', dark('snapchat')],
  ['com.skype.raider', dark('skype')],
  ['com.microsoft.teams', dark('teams')],
  ['com.discord', dark('discord')],
  ['com.google.android.gm', dark('email')],
  ['com.microsoft.office.outlook', dark('email')],
  ['com.yahoo.mobile.client.android.mail', dark('email')],
  ['com.aol.mobile.aolapp', dark('email')],
  ['com.mailchimp.mailchimp', dark('email')],
  ['com.facebook.katana', social('facebook')],
  ['m.facebook.com', social('facebook')],
  ['com.facebook.lite', social('facebook')],
  ['com.instagram.android', social('instagram')],
  ['com.instagram.barcelona', social('threads')],
  ['com.twitter.android', social('x')],
  ['com.linkedin.android', social('linkedin')],
  ['com.pinterest', social('pinterest')],
  ['com.reddit.frontpage', social('reddit')],
  ['org.joinmastodon.android', social('mastodon')],
  ['com.zhiliaoapp.musically', social('tiktok')],
  ['com.google.android.googlequicksearchbox', { class: 'search', channel: 'google' }],
]);
