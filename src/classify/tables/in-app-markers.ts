import type { TrafficClass } from '../../core/index.ts';

/** A marker an app adds to its in-app browser's user agent: a human click inside that app. */
export interface InAppMarker {
  class: TrafficClass;
  channel: string;
  pattern: RegExp;
  source: string;
}

/**
 * Ordered (research/measurement.md §5.2 R5): Messenger before the generic Facebook markers,
 * WhatsApp first. Applied only when the hit has no referrer (Shopify/pyreferrer#20).
 */
export const IN_APP_MARKERS: readonly InAppMarker[] = [
  {
    class: 'dark_social',
    channel: 'whatsapp',
    pattern: /\b(?:WAiOS|WA4A)\/[\d.]*/,
    source: 'shalanah/inapp-spy src/regexAppName.ts (v5.0.8, 2025-11-13)',
  },
  {
    class: 'dark_social',
    channel: 'messenger',
    pattern:
      /FBAN\/(?:MessengerForiOS|MessengerLiteForiOS|Orca-Android)|FB_IAB\/(?:MESSENGER|Orca-Android)/,
    source:
      'matomo-org/device-detector Tests/fixtures/mobile_apps.yml; omrilotan/isbot fixtures/browsers.yml',
  },
  {
    class: 'social',
    channel: 'facebook',
    pattern: /FBAN\/[\w.-]*|FB_IAB\/[\w.-]*|FBAV\/[\d.]*|\bMetaIAB Facebook\b/,
    source:
      'omrilotan/isbot fixtures/browsers.yml; shalanah/inapp-spy src/tests/mobile.ts (MetaIAB Facebook)',
  },
  {
    class: 'social',
    channel: 'instagram',
    pattern: /\bInstagram [\d.]+/,
    source: 'faisalman/ua-parser-js browser-all.json; shalanah/inapp-spy tests',
  },
  {
    class: 'social',
    channel: 'threads',
    pattern: /\bBarcelona [\d.]+/,
    source: 'shalanah/inapp-spy tests; dubinc/dub detect-bot.ts',
  },
  {
    class: 'dark_social',
    channel: 'line',
    pattern: /\bLine\/[\d.]+/,
    source: 'faisalman/ua-parser-js; matomo-org/device-detector fixtures',
  },
  {
    class: 'dark_social',
    channel: 'wechat',
    pattern: /MicroMessenger\/[\d.]*|WindowsWechat/,
    source: 'faisalman/ua-parser-js browser-all.json',
  },
  {
    class: 'dark_social',
    channel: 'kakaotalk',
    pattern: /KAKAOTALK(?: [\d.]+)?/,
    source: 'matomo-org/device-detector fixtures; faisalman/ua-parser-js',
  },
  {
    class: 'dark_social',
    channel: 'zalo',
    pattern: /\bZalo\/[\d.]*/,
    source: 'faisalman/ua-parser-js',
  },
  {
    class: 'dark_social',
    channel: 'viber',
    pattern: /\bViber\/[\d.]+/,
    source: 'omrilotan/isbot fixtures/browsers.yml',
  },
  {
    class: 'dark_social',
    channel: 'snapchat',
    pattern: /\bSnapchat\/[\d.]+/,
    source: 'faisalman/ua-parser-js; omrilotan/isbot fixtures',
  },
  {
    class: 'dark_social',
    channel: 'teams',
    pattern: /TeamsMobile-(?:iOS|Android)|\bTeams\/[\d.]+(?=.*Electron)/,
    source: 'faisalman/ua-parser-js test/data/ua/extension/inapp.json',
  },
  {
    class: 'dark_social',
    channel: 'slack',
    pattern: /\bSlack\/[\d.]+(?=.*Electron)|Slack_SSB/,
    source: 'faisalman/ua-parser-js inapp.json; omrilotan/isbot fixtures',
  },
  {
    class: 'dark_social',
    channel: 'discord',
    pattern: /\bdiscord\/[\d.]+(?=.*Electron)|^Discord\/[\d.]+/i,
    source: 'faisalman/ua-parser-js inapp.json; omrilotan/isbot fixtures',
  },
  {
    class: 'social',
    channel: 'tiktok',
    pattern: /musical_ly[\w.]*|BytedanceWebview|trill_[\w.]*/,
    source: 'shalanah/inapp-spy tests; faisalman/ua-parser-js',
  },
  {
    class: 'social',
    channel: 'x',
    pattern: /Twitter for iP(?:hone|ad)|TwitterAndroid/,
    source: 'omrilotan/isbot fixtures; faisalman/ua-parser-js',
  },
  {
    class: 'social',
    channel: 'linkedin',
    pattern: /\[LinkedInApp\]/,
    source: 'omrilotan/isbot fixtures; unilimitclone/url-shrtnr tests',
  },
  {
    class: 'social',
    channel: 'pinterest',
    pattern: /Pinterest for (?:iOS|Android)|\[Pinterest\/(?:iOS|Android)\]/,
    source: 'omrilotan/isbot fixtures; faisalman/ua-parser-js',
  },
  {
    class: 'search',
    channel: 'google',
    pattern: /\bGSA\/[\d.]+/,
    source: 'faisalman/ua-parser-js (Google app)',
  },
];
