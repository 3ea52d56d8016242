/**
 * User agents of the benchmark log: browsers with varied versions, in-app browsers with the
 * markers of research/measurement.md §2b, preview fetchers (§2a) and bots.
 */
import type { Prng } from './prng.ts';
import { createZipf } from './prng.ts';

const CHROME_VERSIONS = [118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131];
const WINDOWS = ['Windows NT 10.0; Win64; x64', 'Windows NT 6.1; Win64; x64'];
const MAC_VERSIONS = ['10_15_7', '13_6_1', '14_2_1', '14_5', '15_1'];
const IOS_VERSIONS = ['16_7_10', '17_1_2', '17_4_1', '17_6_1', '18_0_1', '18_1', '18_2', '18_3_2'];
const ANDROID_DEVICES = [
  'SM-G991B',
  'SM-S918B',
  'SM-A536B',
  'Pixel 7',
  'Pixel 8 Pro',
  'M2101K6G',
  'CPH2305',
  'moto g(60)',
  'K',
  'SM-A146P',
  '2201117TG',
  'RMX3630',
];
const ANDROID_VERSIONS = ['10', '11', '12', '13', '14', '15'];

function chromeBuild(prng: Prng, major: number): string {
  return `${major}.0.${6000 + prng.int(800)}.${prng.int(200)}`;
}

function iosVersion(prng: Prng): { os: string; dotted: string } {
  const os = prng.pick(IOS_VERSIONS);
  return { os, dotted: os.replaceAll('_', '.') };
}

function androidPlatform(prng: Prng): string {
  return `Linux; Android ${prng.pick(ANDROID_VERSIONS)}; ${prng.pick(ANDROID_DEVICES)}`;
}

function desktopBrowser(prng: Prng): string {
  const kind = prng.next();
  const major = prng.pick(CHROME_VERSIONS);
  if (kind < 0.55) {
    const platform = prng.chance(0.7)
      ? prng.pick(WINDOWS)
      : `Macintosh; Intel Mac OS X ${prng.pick(MAC_VERSIONS)}`;
    return `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeBuild(prng, major)} Safari/537.36`;
  }
  if (kind < 0.72) {
    const rv = 115 + prng.int(18);
    return `Mozilla/5.0 (${prng.pick(WINDOWS)}; rv:${rv}.0) Gecko/20100101 Firefox/${rv}.0`;
  }
  if (kind < 0.87) {
    const v = `${16 + prng.int(3)}.${prng.int(6)}`;
    return `Mozilla/5.0 (Macintosh; Intel Mac OS X ${prng.pick(MAC_VERSIONS)}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`;
  }
  const build = chromeBuild(prng, major);
  return `Mozilla/5.0 (${prng.pick(WINDOWS)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${build} Safari/537.36 Edg/${build}`;
}

function mobileBrowser(prng: Prng, ios = prng.chance(0.5)): string {
  if (ios) {
    const { os, dotted } = iosVersion(prng);
    return `Mozilla/5.0 (iPhone; CPU iPhone OS ${os} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${dotted} Mobile/15E148 Safari/604.1`;
  }
  const major = prng.pick(CHROME_VERSIONS);
  return `Mozilla/5.0 (${androidPlatform(prng)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeBuild(prng, major)} Mobile Safari/537.36`;
}

export type InAppKind = 'whatsapp' | 'messenger' | 'facebook' | 'instagram' | 'line';

/** In-app browser UAs: the app's marker appended to the phone's browser UA. */
export function inAppBrowser(prng: Prng, kind: InAppKind): string {
  const ios = prng.chance(0.5);
  const base = mobileBrowser(prng, ios);
  const iosBase = ios ? base.replace(/ Safari\/604\.1$/, '') : base;
  switch (kind) {
    case 'whatsapp':
      return ios
        ? `${base} [WAiOS/2.25.${20 + prng.int(15)}]`
        : `${base} [WA4A/2.25.${20 + prng.int(15)}.${prng.int(90)};]`;
    case 'messenger':
      return ios
        ? `${iosBase} [FBAN/MessengerForiOS;FBAV/${440 + prng.int(20)}.0.0.41.90;FBBV/${600000000 + prng.int(9999999)};FBDV/iPhone14,5;FBMD/iPhone;FBSN/iOS;FBSV/17.4.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/5]`
        : `${base} [FB_IAB/Orca-Android;FBAV/${440 + prng.int(20)}.0.0.7.108;]`;
    case 'facebook':
      return ios
        ? `${iosBase} [FBAN/FBIOS;FBAV/${480 + prng.int(20)}.0.0.40.109;FBBV/${650000000 + prng.int(9999999)};FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/18.1;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5;FBRV/0]`
        : `${base} [FB_IAB/FB4A;FBAV/${480 + prng.int(20)}.0.0.46.121;]`;
    case 'instagram':
      return `${iosBase} Instagram ${350 + prng.int(20)}.0.0.${prng.int(40)}.109 (iPhone14,5; iOS 17_4_1; en_US; en; scale=3.00; 1170x2532; ${600000000 + prng.int(9999999)})`;
    case 'line':
      return ios ? `${base} Line/14.${prng.int(20)}.0` : `${base} Line/14.${prng.int(20)}.1/IAB`;
  }
}

export type PreviewKind =
  | 'whatsapp'
  | 'imessage'
  | 'telegram'
  | 'slack'
  | 'discord'
  | 'facebook'
  | 'x';

export const PREVIEW_USER_AGENTS: Record<PreviewKind, readonly string[]> = {
  whatsapp: [
    'WhatsApp/2.23.20.0 A',
    'WhatsApp/2.24.18.80 A',
    'WhatsApp/2.19.31 i',
    'WhatsApp/2.25.31.76 i',
  ],
  imessage: [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
  ],
  telegram: ['TelegramBot (like TwitterBot)'],
  slack: [
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'Slack-ImgProxy 0.19 (+https://api.slack.com/robots)',
  ],
  discord: ['Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
  facebook: ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  x: ['Twitterbot/1.0'],
};

export const BOT_USER_AGENTS: readonly string[] = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  'Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)',
  'curl/8.5.0',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  '-',
];

/**
 * Real UA popularity is heavily skewed (a few current browser builds carry most traffic, with a
 * long tail of old versions and in-app builds), so UAs are drawn from fixed pools by a Zipf law.
 */
export class UserAgentPools {
  private readonly desktop: string[];
  private readonly mobile: string[];
  private readonly inApp: Record<InAppKind, string[]>;
  private readonly pickers = new Map<string[], () => number>();

  constructor(private readonly prng: Prng) {
    this.desktop = Array.from({ length: 2500 }, () => desktopBrowser(prng));
    this.mobile = Array.from({ length: 3000 }, () => mobileBrowser(prng));
    const pool = (kind: InAppKind, size: number) =>
      Array.from({ length: size }, () => inAppBrowser(prng, kind));
    this.inApp = {
      whatsapp: pool('whatsapp', 400),
      messenger: pool('messenger', 300),
      facebook: pool('facebook', 800),
      instagram: pool('instagram', 500),
      line: pool('line', 100),
    };
  }

  desktopOrMobile(): string {
    return this.prng.chance(0.45) ? this.draw(this.desktop) : this.draw(this.mobile);
  }

  mobileBrowser(): string {
    return this.draw(this.mobile);
  }

  inAppBrowser(kind: InAppKind): string {
    return this.draw(this.inApp[kind]);
  }

  private draw(pool: string[]): string {
    let pick = this.pickers.get(pool);
    if (!pick) {
      pick = createZipf(this.prng, pool.length, 1.1);
      this.pickers.set(pool, pick);
    }
    return pool[pick()] as string;
  }
}
