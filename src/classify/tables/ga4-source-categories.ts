/**
 * The part of Google's GA4 source-category list that our traffic touches: the messaging, social,
 * search, video and shopping sources a site is likely to see. Transcribed (facts only) from
 * Google's downloadable list as committed in Velir/dbt-ga4 seeds/ga4_source_categories.csv.
 * Note GA4's own quirks kept on purpose: `mail.google.com` is SEARCH, `t.me` is SOCIAL,
 * and Slack/Discord/Teams are in no category (so they fall to Referral/Unassigned).
 */
export type Ga4SourceCategory = 'SOCIAL' | 'SEARCH' | 'VIDEO' | 'SHOPPING';

const SOCIAL = `whatsapp whatsapp.com messenger messenger.com l.messenger.com line line.me wechat
wechat.com snapchat snapchat.com skype web.skype.com kakao kakao.com zalo chat.zalo.me t.me
messages.google.com facebook facebook.com fb fb.me l.facebook.com lm.facebook.com m.facebook.com
web.facebook.com mobile.facebook.com touch.facebook.com business.facebook.com apps.facebook.com
free.facebook.com ig instagram instagram.com l.instagram.com twitter twitter.com t.co linkedin
linkedin.com lnkd.in reddit reddit.com old.reddit.com out.reddit.com amp.reddit.com pinterest
pinterest.com tiktok tiktok.com vk.com m.vk.com away.vk.com vkontakte.ru news.ycombinator.com
quora quora.com medium.com tumblr tumblr.com flipboard flipboard.com weibo weibo.com
stackoverflow stackoverflow.com stackexchange stackexchange.com yammer yammer.com bit.ly
tinyurl tinyurl.com goo.gl groups.google.com sites.google.com plus.google.com
plus.url.google.com blogger blogger.com wordpress wordpress.com wordpress.org
smartnews.com getpocket.com tencent tencent.com qzone.qq.com xing xing.com`;

const SEARCH = `google google.com search.google.com cse.google.com news.google.com
mail.google.com bing cn.bing.com duckduckgo baidu m.baidu.com yahoo yahoo.com yahoo.co.jp
yandex yandex.ru yandex.com yandex.by yandex.kz yandex.ua yandex.fr yandex.com.tr
mail.yandex.ru zen.yandex.ru ecosia.org qwant qwant.com lite.qwant.com naver naver.com
m.naver.com m.search.naver.com seznam seznam.cz email.seznam.cz sogou sogou.com m.sogou.com
so.com daum daum.net msn msn.com ntp.msn.com aol search.aol.com ask mail.rambler.ru rambler
rambler.ru go.mail.ru startsiden.no`;

const VIDEO = `youtube youtube.com m.youtube.com music.youtube.com vimeo vimeo.com
player.vimeo.com twitch twitch.tv m.twitch.tv dailymotion dailymotion.com netflix netflix.com
hulu hulu.com ted ted.com`;

const SHOPPING = `amazon amazon.com amazon.co.uk ebay ebay.com ebay.co.uk ebay.de etsy etsy.com
shopify shopify.com shop.app walmart walmart.com alibaba alibaba.com mercadolibre stripe
checkout.stripe.com igshopping`;

function toMap(): Map<string, Ga4SourceCategory> {
  const map = new Map<string, Ga4SourceCategory>();
  const add = (list: string, category: Ga4SourceCategory) => {
    for (const source of list.split(/\s+/)) if (source) map.set(source, category);
  };
  add(SOCIAL, 'SOCIAL');
  add(SEARCH, 'SEARCH');
  add(VIDEO, 'VIDEO');
  add(SHOPPING, 'SHOPPING');
  map.set('google shopping', 'SHOPPING'); // the one entry with a space
  return map;
}

const CATEGORIES = toMap();

/** GA4's category of a source (a utm_source value or a referrer host), or null. */
export function ga4SourceCategory(source: string): Ga4SourceCategory | null {
  const exact = CATEGORIES.get(source);
  if (exact) return exact;
  // The list enumerates country variants of these; a pattern covers them all.
  if (/^(?:[a-z]{2}\.)?pinterest\.[a-z.]{2,6}$/.test(source)) return 'SOCIAL';
  if (/^(?:[a-z]{2}\.|espanol\.|malaysia\.)?search\.yahoo\.com$/.test(source)) return 'SEARCH';
  if (/^google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/.test(source)) return 'SEARCH';
  return null;
}
