/**
 * How simulated visitors arrive: each scenario is one real-world path with real strings
 * (the same families as the classifier's corpus), weighted roughly like a news site's mix.
 */
export interface Scenario {
  weight: number;
  userAgent: string;
  referrer?: string;
  query?: string;
  client?: Record<string, boolean>;
  deep: boolean;
}

const IPHONE = (extra: string) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1${extra}`;
const ANDROID = (extra: string) =>
  `Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36${extra}`;
export const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

export const SCENARIOS: Scenario[] = [
  { weight: 10, userAgent: IPHONE(' [WAiOS/2.25.31]'), deep: true },
  { weight: 7, userAgent: ANDROID(' [WA4A/2.25.32.75;]'), deep: true },
  { weight: 4, userAgent: ANDROID(' [FB_IAB/Orca-Android;FBAV/349.0.0.7.108;]'), deep: true },
  { weight: 3, userAgent: ANDROID(''), client: { telegram_webview: true }, deep: true },
  { weight: 3, userAgent: DESKTOP, referrer: 'https://web.whatsapp.com/', deep: true },
  {
    weight: 4,
    userAgent: ANDROID(''),
    referrer: 'android-app://com.google.android.gm',
    deep: true,
  },
  { weight: 3, userAgent: DESKTOP, referrer: 'https://app.slack.com/', deep: true },
  { weight: 2, userAgent: DESKTOP, referrer: 'https://discord.com/', deep: true },
  { weight: 2, userAgent: IPHONE(' Safari Line/8.4.1'), deep: true },
  { weight: 4, userAgent: DESKTOP, query: '?utm_source=newsletter&utm_medium=email', deep: true },
  { weight: 14, userAgent: DESKTOP, referrer: 'https://www.google.com/', deep: true },
  { weight: 4, userAgent: IPHONE(''), referrer: 'https://www.bing.com/', deep: true },
  { weight: 6, userAgent: ANDROID(' [FB_IAB/FB4A;FBAV/263.0.0.46.121;]'), deep: true },
  { weight: 4, userAgent: DESKTOP, referrer: 'https://l.facebook.com/', deep: true },
  { weight: 3, userAgent: DESKTOP, referrer: 'https://t.co/', deep: true },
  { weight: 2, userAgent: DESKTOP, referrer: 'https://chatgpt.com/', deep: true },
  { weight: 3, userAgent: DESKTOP, referrer: 'https://news.ycombinator.com/', deep: true },
  { weight: 2, userAgent: DESKTOP, query: '?utm_source=google&utm_medium=cpc', deep: true },
  { weight: 8, userAgent: DESKTOP, deep: true },
  { weight: 9, userAgent: DESKTOP, deep: false },
];

export const PAGES = [
  '/2026/11/24/city-budget-vote',
  '/2026/11/25/harbour-bridge-closure',
  '/2026/11/26/school-meals-inquiry',
  '/2026/11/27/port-strike-talks',
  '/sport/2026/11/28/derby-report',
  '/culture/reviews/winter-festival-lineup',
  '/food/recipes/tomato-and-egg-shakshuka',
  '/2026/11/29/night-train-returns',
];
export const SHALLOW_PAGES = ['/', '/sport', '/culture', '/food'];

export const SHARE_BUTTONS = [
  'whatsapp',
  'whatsapp',
  'telegram',
  'messenger',
  'email',
  'sms',
  'copy',
  'native',
];

/** The UA a recipient's app shows when the parent shared through that channel. */
export const ARRIVAL_AGENT: Record<string, Scenario> = {
  whatsapp: { weight: 0, userAgent: IPHONE(' [WAiOS/2.25.31]'), deep: true },
  telegram: { weight: 0, userAgent: ANDROID(''), client: { telegram_webview: true }, deep: true },
  messenger: {
    weight: 0,
    userAgent: ANDROID(' [FB_IAB/Orca-Android;FBAV/349.0.0.7.108;]'),
    deep: true,
  },
  email: {
    weight: 0,
    userAgent: ANDROID(''),
    referrer: 'android-app://com.google.android.gm',
    deep: true,
  },
  sms: { weight: 0, userAgent: IPHONE(''), deep: true },
  copy: { weight: 0, userAgent: DESKTOP, deep: true },
  native: { weight: 0, userAgent: IPHONE(''), deep: true },
};

export const PREVIEW_AGENTS: Record<string, string> = {
  whatsapp: 'WhatsApp/2.23.20.0 A',
  telegram: 'TelegramBot (like TwitterBot)',
  messenger: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  email:
    'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  sms: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
  copy: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  native: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
};

export const BOT_AGENTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'python-requests/2.31.0',
];
