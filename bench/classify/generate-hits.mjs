// Writes N mixed hits as JSON Lines, reproducibly (seeded PRNG): browsers, in-app browsers,
// previews, bots, search/social/webmail/app referrers, UTM tags, share tokens, deep and
// shallow paths. Usage: node bench/classify/generate-hits.mjs N OUT
import { createWriteStream } from 'node:fs';

const [count = '1000000', out = '.bench-data/hits.jsonl'] = process.argv.slice(2);
let seed = 0x9e3779b9;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const CHROME = (v) =>
  `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
const IPHONE = (extra) =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1${extra}`;
const ANDROID = (extra) =>
  `Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36${extra}`;
const HUMANS = [
  ...Array.from({ length: 40 }, (_, i) => CHROME(100 + i)),
  IPHONE(''),
  ANDROID(''),
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
];
const IN_APP = [
  IPHONE(' [WAiOS/2.25.31]'),
  ANDROID(' [WA4A/2.25.32.75;]'),
  ANDROID(' [FB_IAB/Orca-Android;FBAV/349.0.0.7.108;]'),
  ANDROID(' [FB_IAB/FB4A;FBAV/263.0.0.46.121;]'),
  IPHONE(' Instagram 142.0.0.22.109 (iPhone12,5; iOS 17_5; en_US)'),
  IPHONE(' Safari Line/8.4.1'),
  IPHONE(' MicroMessenger/6.3.6 NetType/WIFI Language/zh_CN'),
];
const PREVIEWS = [
  'WhatsApp/2.23.20.0 A',
  'WhatsApp/2.19.31 i',
  'TelegramBot (like TwitterBot)',
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'curl/8.5.0',
  'python-requests/2.31.0',
];
const REFERRERS = [
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://duckduckgo.com/',
  'https://l.facebook.com/',
  'https://t.co/',
  'https://mail.google.com/',
  'android-app://com.google.android.gm',
  'android-app://org.telegram.messenger/',
  'https://web.whatsapp.com/',
  'https://news.ycombinator.com/',
  'https://chatgpt.com/',
  'https://blog.example.org/post/42',
  'https://news.example.com/',
];
const PATHS = [
  '/',
  '/sport',
  '/politics',
  ...Array.from({ length: 200 }, (_, i) => `/2026/11/${(i % 28) + 1}/story-${i}`),
];
const TAGS = [
  '?utm_source=whatsapp&utm_medium=chat',
  '?utm_source=newsletter&utm_medium=email',
  '?gclid=abc',
];

function hit() {
  const roll = random();
  let user_agent;
  let referrer = '';
  let path = pick(PATHS);
  if (roll < 0.05) user_agent = pick(PREVIEWS);
  else if (roll < 0.12) user_agent = pick(BOTS);
  else if (roll < 0.3) user_agent = pick(IN_APP);
  else {
    user_agent = pick(HUMANS);
    const r = random();
    if (r < 0.45) referrer = pick(REFERRERS);
    else if (r < 0.52) path += pick(TAGS);
    else if (r < 0.56) path += `#pn=${Math.floor(random() * 1e12).toString(36)}`;
  }
  return {
    url: `https://news.example.com${path}`,
    referrer,
    user_agent,
    time: '2026-11-29T10:00:00Z',
  };
}

const stream = createWriteStream(out);
const total = Number(count);
let buffer = '';
for (let i = 0; i < total; i++) {
  buffer += `${JSON.stringify(hit())}\n`;
  if (buffer.length > 1 << 20) {
    if (!stream.write(buffer)) await new Promise((resolve) => stream.once('drain', resolve));
    buffer = '';
  }
}
stream.end(buffer);
