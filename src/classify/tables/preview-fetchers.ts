import type { Confidence } from '../../core/index.ts';

/** A link-preview ("unfurl") fetcher: its request means the URL was just pasted somewhere. */
export interface PreviewFetcher {
  channel: string;
  pattern: RegExp;
  confidence: Confidence;
  /** Where the user-agent string was observed. */
  source: string;
}

/**
 * Ordered most specific first (research/measurement.md §5.2 R1a): several apps prefix their UA
 * with `facebookexternalhit`, so the Meta rule must come after LINE, KakaoTalk, NAVER and iMessage.
 * Never list in-app browser tokens here (`Line/`, `KAKAOTALK`, bare `Viber/`): they are humans.
 */
export const PREVIEW_FETCHERS: readonly PreviewFetcher[] = [
  {
    channel: 'imessage',
    pattern: /facebookexternalhit\/1\.1 Facebot Twitterbot\/1\.0/,
    confidence: 'confirmed',
    source: 'hachyderm/community#212; arcjet/well-known-bots#36; mileusna/useragent#54',
  },
  {
    channel: 'line',
    pattern: /line-poker/i,
    confidence: 'confirmed',
    source:
      'unilimitclone/url-shrtnr data/preview_bots.json; monperrus/crawler-user-agents PR #306',
  },
  {
    channel: 'kakaotalk',
    pattern: /kakaotalk-scrap/i,
    confidence: 'confirmed',
    source: 'WhichBrowser/Parser-PHP#265; faisalman/ua-parser-js fetcher.json',
  },
  {
    channel: 'naver',
    pattern: /Blueno\/|naver\.me\/scrap/i,
    confidence: 'confirmed',
    source: 'faisalman/ua-parser-js fetcher.json (NAVER Blueno)',
  },
  {
    // Signal borrows WhatsApp's UA verbatim; others copy it too, hence heuristic.
    channel: 'signal',
    pattern: /^WhatsApp\/2$/,
    confidence: 'heuristic',
    source:
      'signalapp/Signal-Desktop ts/linkPreviews/linkPreviewFetch.ts; matomo-org/device-detector mobile_apps.yml',
  },
  {
    channel: 'whatsapp',
    pattern: /^whatsapp(?:\/|$)/i,
    confidence: 'confirmed',
    source:
      'monperrus/crawler-user-agents PR #33; prerender/prerender-node#174; omrilotan/isbot fixtures/crawlers.yml',
  },
  {
    channel: 'telegram',
    pattern: /TelegramBot/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents crawler-user-agents.json',
  },
  {
    channel: 'slack',
    pattern: /Slackbot|Slack-ImgProxy/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents; faisalman/ua-parser-js fetcher.json',
  },
  {
    channel: 'discord',
    pattern: /Discordbot/i,
    confidence: 'confirmed',
    source: 'discord/discord-api-docs#1600; prerender/prerender-node#117',
  },
  {
    channel: 'skype',
    pattern: /SkypeUriPreview/i,
    confidence: 'confirmed',
    source: 'omrilotan/isbot fixtures; faisalman/ua-parser-js fetcher.json',
  },
  {
    channel: 'microsoft',
    pattern: /MicrosoftPreview/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents (MicrosoftPreview, 2025-02-11)',
  },
  {
    channel: 'snapchat',
    pattern: /Snap URL Preview Service|SnapURLPreview|snapchat-proxy/i,
    confidence: 'confirmed',
    source:
      'monperrus/crawler-user-agents (2022-11-13, 2026-04-17); omrilotan/isbot fixtures (AppEngine snapchat-proxy)',
  },
  {
    channel: 'viber',
    pattern: /ViberUrlDownloader|^Viber$/i,
    confidence: 'confirmed',
    source:
      'matomo-org/device-detector regexes/bots.yml; monperrus/crawler-user-agents (2021-04-27)',
  },
  {
    channel: 'x',
    pattern: /Twitterbot/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents crawler-user-agents.json',
  },
  {
    channel: 'linkedin',
    pattern: /LinkedInBot/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents crawler-user-agents.json',
  },
  {
    channel: 'meta',
    pattern: /facebookexternalhit|Facebot|meta-externalfetcher|meta-externalhit/i,
    confidence: 'confirmed',
    source:
      'monperrus/crawler-user-agents; faisalman/ua-parser-js fetcher.json; ai-robots-txt/ai.robots.txt#209',
  },
  {
    channel: 'pinterest',
    pattern: /Pinterestbot|^Pinterest\/0\./i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents crawler-user-agents.json',
  },
  {
    channel: 'vk',
    pattern: /vkShare/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents crawler-user-agents.json',
  },
  {
    channel: 'google',
    pattern: /Google-PageRenderer/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents crawler-user-agents.json',
  },
  {
    // Mail image proxies fetch on open (an email-open signal, not a click); Yahoo Mail also
    // unfurls links pasted into a message.
    channel: 'email',
    pattern: /GoogleImageProxy|YahooMailProxy|Yahoo Link Preview/i,
    confidence: 'confirmed',
    source:
      'faisalman/ua-parser-js fetcher.json; unilimitclone/url-shrtnr data/preview_bots.json; monperrus/crawler-user-agents (Yahoo Link Preview)',
  },
  {
    channel: 'mastodon',
    pattern: /\bMastodon\/\d/i,
    confidence: 'confirmed',
    source:
      'monperrus/crawler-user-agents; omrilotan/isbot fixtures (http.rb/… (Mastodon/2.4.3; …))',
  },
  {
    channel: 'bluesky',
    pattern: /Bluesky Cardyb|BlueskyPreviewBot/i,
    confidence: 'confirmed',
    source: 'monperrus/crawler-user-agents; unilimitclone/url-shrtnr tests',
  },
];
