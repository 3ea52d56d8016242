/**
 * The populations the benchmark log is drawn from besides user agents (user-agents.ts):
 * referrers, campaign tags, pages, assets and client addresses.
 */
import type { Prng } from './prng.ts';

export const SITE_HOST = 'www.example-news.com';

export const SEARCH_REFERRERS: readonly string[] = [
  'https://www.google.com/',
  'https://www.google.com/',
  'https://www.google.com/',
  'https://www.google.co.uk/',
  'https://www.google.de/',
  'https://www.bing.com/',
  'https://duckduckgo.com/',
  'https://search.yahoo.com/',
  'https://www.ecosia.org/',
  'android-app://com.google.android.googlequicksearchbox/',
];

export const SOCIAL_REFERRERS: readonly string[] = [
  'https://l.facebook.com/',
  'https://lm.facebook.com/',
  'https://m.facebook.com/',
  'https://t.co/',
  'https://www.linkedin.com/',
  'https://www.reddit.com/',
  'https://l.instagram.com/',
  'https://news.ycombinator.com/',
  'android-app://com.linkedin.android/',
];

/** Private channels that do leave a referrer: webmail, messaging web clients, Android apps. */
export const PRIVATE_REFERRERS: readonly string[] = [
  'https://mail.google.com/',
  'https://outlook.live.com/',
  'https://mail.yahoo.com/',
  'android-app://com.google.android.gm/',
  'android-app://com.google.android.gm',
  'android-app://org.telegram.messenger/',
  'android-app://com.slack/',
  'https://web.whatsapp.com/',
  'https://web.telegram.org/',
  'https://app.slack.com/',
  'https://discord.com/',
];

export const AI_REFERRERS: readonly string[] = [
  'https://chatgpt.com/',
  'https://www.perplexity.ai/',
  'https://gemini.google.com/',
];

const REFERRAL_WORDS = [
  'daily',
  'city',
  'food',
  'tech',
  'green',
  'blue',
  'metro',
  'local',
  'world',
];
const REFERRAL_NOUNS = ['news', 'blog', 'times', 'post', 'digest', 'forum', 'review', 'wire'];

/** About 700 other sites linking in, some with a full path. */
export function referralReferrer(prng: Prng): string {
  const host = `${prng.pick(REFERRAL_WORDS)}${prng.pick(REFERRAL_NOUNS)}${prng.int(10)}.${prng.pick(['com', 'org', 'net', 'de', 'co.uk'])}`;
  return prng.chance(0.4) ? `https://${host}/` : `https://${host}/posts/${prng.int(5000)}`;
}

/** Tagged links as people really build them (medium/source spelled many ways). */
export const CAMPAIGN_TAGS: readonly string[] = [
  'utm_source=whatsapp&utm_medium=social',
  'utm_source=whatsapp&utm_medium=chat&utm_campaign=share',
  'utm_source=telegram&utm_medium=social',
  'utm_source=newsletter&utm_medium=email&utm_campaign=weekly',
  'utm_source=facebook&utm_medium=cpc&utm_campaign=autumn',
  'utm_source=facebook&utm_medium=social',
  'utm_source=twitter&utm_medium=social',
  'utm_source=partner&utm_medium=referral',
  'gclid=Cj0KCQiA',
  'fbclid=IwAR2x',
];

const SECTIONS = ['news', 'recipes', 'travel', 'tech', 'culture', 'sport'];
const SLUG_WORDS = [
  'best',
  'quick',
  'easy',
  'winter',
  'city',
  'guide',
  'soup',
  'pasta',
  'train',
  'phone',
  'market',
  'garden',
  'review',
  'how',
  'to',
  'why',
  'the',
  'new',
  'local',
  'week',
];

export interface Page {
  path: string;
  image: string;
}

/** Pages by popularity rank: home and section fronts first, then articles. */
export function buildPages(prng: Prng, articleCount: number): Page[] {
  const pages: Page[] = [
    { path: '/', image: '/images/og-default.jpg' },
    ...SECTIONS.map((s) => ({ path: `/${s}/`, image: '/images/og-default.jpg' })),
    { path: '/about', image: '/images/og-default.jpg' },
    { path: '/contact', image: '/images/og-default.jpg' },
  ];
  for (let i = 0; i < articleCount; i++) {
    const section = prng.pick(SECTIONS);
    const words = Array.from({ length: 3 + prng.int(4) }, () => prng.pick(SLUG_WORDS));
    const slug = `${words.join('-')}-${i}`;
    const path = prng.chance(0.5)
      ? `/${section}/2026/${10 + prng.int(2)}/${slug}`
      : `/${section}/${slug}`;
    pages.push({ path, image: `/images/${slug}.jpg` });
  }
  // Popular articles outrank the minor static pages, as on a real news site.
  const head = pages.splice(0, 7);
  const tail = pages.splice(0, 2);
  return [...head, ...pages.slice(0, 40), ...tail, ...pages.slice(40)];
}

export const ASSETS: readonly string[] = [
  '/static/css/main.4f2a9c.css',
  '/static/js/app.8b1d3e.js',
  '/static/js/vendor.c71f02.js',
  '/fonts/inter-var.woff2',
  '/favicon.ico',
  '/static/img/logo.svg',
];

export const BOT_PROBES: readonly string[] = [
  '/robots.txt',
  '/sitemap.xml',
  '/wp-login.php',
  '/.env',
  '/xmlrpc.php',
  '/feed/',
  '/ads.txt',
];

export function randomIp(prng: Prng): string {
  if (prng.chance(0.12)) {
    const groups = Array.from({ length: 4 }, () => prng.int(65536).toString(16));
    return `2a02:${prng.int(65536).toString(16)}:${groups.join(':')}`;
  }
  return `${1 + prng.int(223)}.${prng.int(256)}.${prng.int(256)}.${1 + prng.int(254)}`;
}
