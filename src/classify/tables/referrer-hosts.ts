import type { TrafficClass } from '../../core/index.ts';

export interface HostTarget {
  class: TrafficClass;
  channel: string;
  /** Only when the user agent looks like a person's browser (scanner-prone hosts). */
  humanOnly?: boolean;
}

type Entry = [host: string, target: HostTarget];
const to = (cls: TrafficClass, channel: string, humanOnly?: boolean): HostTarget =>
  humanOnly ? { class: cls, channel, humanOnly } : { class: cls, channel };

/**
 * Messaging web clients (§2c): Plausible priv/custom_sources.json, matomo searchengine-and-
 * social-list #40 (CC0), referer-parser host facts, GA4 source list (l.messenger.com).
 * The Teams host is also a link scanner's (dubinc/dub REFERRER_BOTS): only a human UA counts.
 */
const MESSAGING: Entry[] = [
  ['web.whatsapp.com', to('dark_social', 'whatsapp')],
  ['whatsapp.com', to('dark_social', 'whatsapp')],
  ['web.telegram.org', to('dark_social', 'telegram')],
  ['webk.telegram.org', to('dark_social', 'telegram')],
  ['webz.telegram.org', to('dark_social', 'telegram')],
  ['t.me', to('dark_social', 'telegram')],
  ['app.slack.com', to('dark_social', 'slack')],
  ['slack.com', to('dark_social', 'slack')],
  ['discord.com', to('dark_social', 'discord')],
  ['ptb.discord.com', to('dark_social', 'discord')],
  ['canary.discord.com', to('dark_social', 'discord')],
  ['discordapp.com', to('dark_social', 'discord')],
  ['statics.teams.cdn.office.net', to('dark_social', 'teams', true)],
  ['teams.microsoft.com', to('dark_social', 'teams')],
  ['teams.live.com', to('dark_social', 'teams')],
  ['web.skype.com', to('dark_social', 'skype')],
  ['messenger.com', to('dark_social', 'messenger')],
  ['l.messenger.com', to('dark_social', 'messenger')],
  ['messages.google.com', to('dark_social', 'sms')],
  ['chat.zalo.me', to('dark_social', 'zalo')],
  ['line.me', to('dark_social', 'line')],
];

/**
 * Webmail (§2c; referer-parser's email section as facts; counter.dev PR #108 keeps Gmail ahead
 * of Google search). Email link-protection redirects are scanners unless a person follows them
 * (dubinc/dub REFERRER_BOTS), so they are human-only here and bots in R1b.
 */
const WEBMAIL: Entry[] = [
  ['mail.google.com', to('dark_social', 'email')],
  ['inbox.google.com', to('dark_social', 'email')],
  ['outlook.live.com', to('dark_social', 'email')],
  ['outlook.office.com', to('dark_social', 'email')],
  ['outlook.office365.com', to('dark_social', 'email')],
  ['mail.live.com', to('dark_social', 'email')],
  ['mail.yahoo.com', to('dark_social', 'email')],
  ['mail.yahoo.net', to('dark_social', 'email')],
  ['mail.yahoo.co.uk', to('dark_social', 'email')],
  ['mail.yahoo.co.jp', to('dark_social', 'email')],
  ['mail.proton.me', to('dark_social', 'email')],
  ['mail.protonmail.com', to('dark_social', 'email')],
  ['mail.aol.com', to('dark_social', 'email')],
  ['deref-gmx.net', to('dark_social', 'email')],
  ['deref-gmx.com', to('dark_social', 'email')],
  ['deref-web.de', to('dark_social', 'email')],
  ['deref-mail.com', to('dark_social', 'email')],
  ['mail.yandex.ru', to('dark_social', 'email')],
  ['e.mail.ru', to('dark_social', 'email')],
  ['mail.zoho.com', to('dark_social', 'email')],
  ['app.fastmail.com', to('dark_social', 'email')],
  ['url.emailprotection.link', to('dark_social', 'email', true)],
  ['mimecastprotect.com', to('dark_social', 'email', true)],
  ['safelinks.protection.outlook.com', to('dark_social', 'email', true)],
];

/** Social networks and their link shims (§2c; GA4 source list; Umami SOCIAL_DOMAINS, MIT). */
const SOCIAL: Entry[] = [
  ['facebook.com', to('social', 'facebook')],
  ['m.facebook.com', to('social', 'facebook')],
  ['l.facebook.com', to('social', 'facebook')],
  ['lm.facebook.com', to('social', 'facebook')],
  ['web.facebook.com', to('social', 'facebook')],
  ['mobile.facebook.com', to('social', 'facebook')],
  ['touch.facebook.com', to('social', 'facebook')],
  ['fb.me', to('social', 'facebook')],
  ['fb.com', to('social', 'facebook')],
  ['instagram.com', to('social', 'instagram')],
  ['l.instagram.com', to('social', 'instagram')],
  ['threads.net', to('social', 'threads')],
  ['l.threads.net', to('social', 'threads')],
  ['threads.com', to('social', 'threads')],
  ['l.threads.com', to('social', 'threads')],
  ['t.co', to('social', 'x')],
  ['twitter.com', to('social', 'x')],
  ['x.com', to('social', 'x')],
  ['mobile.twitter.com', to('social', 'x')],
  ['linkedin.com', to('social', 'linkedin')],
  ['lnkd.in', to('social', 'linkedin')],
  ['reddit.com', to('social', 'reddit')],
  ['old.reddit.com', to('social', 'reddit')],
  ['out.reddit.com', to('social', 'reddit')],
  ['amp.reddit.com', to('social', 'reddit')],
  ['pinterest.com', to('social', 'pinterest')],
  ['pin.it', to('social', 'pinterest')],
  ['tiktok.com', to('social', 'tiktok')],
  ['vk.com', to('social', 'vk')],
  ['away.vk.com', to('social', 'vk')],
  ['m.vk.com', to('social', 'vk')],
  ['bsky.app', to('social', 'bluesky')],
  ['go.bsky.app', to('social', 'bluesky')],
  ['mastodon.social', to('social', 'mastodon')],
  ['mastodon.online', to('social', 'mastodon')],
  ['mstdn.social', to('social', 'mastodon')],
  ['news.ycombinator.com', to('social', 'hackernews')],
  ['tumblr.com', to('social', 'tumblr')],
  ['youtube.com', to('social', 'youtube')],
  ['m.youtube.com', to('social', 'youtube')],
  ['youtu.be', to('social', 'youtube')],
];

/** AI assistants (Plausible "AI Assistants" channel; referer-parser chatbot section as facts). */
const AI: Entry[] = [
  ['chatgpt.com', to('ai', 'assistant')],
  ['chat.openai.com', to('ai', 'assistant')],
  ['claude.ai', to('ai', 'assistant')],
  ['gemini.google.com', to('ai', 'assistant')],
  ['bard.google.com', to('ai', 'assistant')],
  ['perplexity.ai', to('ai', 'assistant')],
  ['copilot.microsoft.com', to('ai', 'assistant')],
  ['meta.ai', to('ai', 'assistant')],
  ['chat.mistral.ai', to('ai', 'assistant')],
  ['poe.com', to('ai', 'assistant')],
  ['character.ai', to('ai', 'assistant')],
  ['chat.deepseek.com', to('ai', 'assistant')],
  ['grok.com', to('ai', 'assistant')],
  ['you.com', to('ai', 'assistant')],
];

/** Search engines by exact host (matomo-org/searchengine-and-social-list, CC0; GA4 list). */
const SEARCH: Entry[] = [
  ['bing.com', to('search', 'bing')],
  ['cn.bing.com', to('search', 'bing')],
  ['duckduckgo.com', to('search', 'duckduckgo')],
  ['html.duckduckgo.com', to('search', 'duckduckgo')],
  ['search.yahoo.com', to('search', 'yahoo')],
  ['search.yahoo.co.jp', to('search', 'yahoo')],
  ['baidu.com', to('search', 'baidu')],
  ['m.baidu.com', to('search', 'baidu')],
  ['ecosia.org', to('search', 'ecosia')],
  ['qwant.com', to('search', 'qwant')],
  ['lite.qwant.com', to('search', 'qwant')],
  ['search.brave.com', to('search', 'brave')],
  ['startpage.com', to('search', 'startpage')],
  ['naver.com', to('search', 'naver')],
  ['search.naver.com', to('search', 'naver')],
  ['m.search.naver.com', to('search', 'naver')],
  ['seznam.cz', to('search', 'seznam')],
  ['search.seznam.cz', to('search', 'seznam')],
  ['sogou.com', to('search', 'sogou')],
  ['so.com', to('search', 'so')],
  ['search.aol.com', to('search', 'aol')],
  ['ask.com', to('search', 'ask')],
  ['kagi.com', to('search', 'kagi')],
  ['mojeek.com', to('search', 'mojeek')],
  ['search.daum.net', to('search', 'daum')],
  ['news.google.com', to('search', 'google')],
  ['discover.google.com', to('search', 'google')],
];

/** Hosts grouped under one referral name, as Plausible groups Wikipedia's language hosts. */
const GROUPED_REFERRALS: Entry[] = [['wikipedia.org', to('referral', 'wikipedia')]];

/** Exact or parent-domain host matches; on a duplicate key the later (more private) table wins. */
export const REFERRER_HOSTS: ReadonlyMap<string, HostTarget> = new Map([
  ...GROUPED_REFERRALS,
  ...SEARCH,
  ...AI,
  ...SOCIAL,
  ...WEBMAIL,
  ...MESSAGING,
]);

/**
 * Hosts that vary by country or subdomain: matched by pattern after the exact table fails.
 * `google.<tld>` must not catch mail/gemini/docs (handled by the exact table or left referral).
 */
export const REFERRER_HOST_PATTERNS: readonly [RegExp, HostTarget][] = [
  [/^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/, to('search', 'google')],
  [/^(?:[a-z]{2}\.)?search\.yahoo\.com$/, to('search', 'yahoo')],
  [/^(?:www\.)?yandex\.[a-z.]{2,6}$/, to('search', 'yandex')],
  [/^(?:[a-z]{2}\.)?pinterest\.[a-z.]{2,6}$/, to('social', 'pinterest')],
  [/\.mail\.live\.com$/, to('dark_social', 'email')],
  [/\.mail\.yahoo\.(?:com|net)$/, to('dark_social', 'email')],
  [/(?:^|\.)mimecastprotect\.com$/, to('dark_social', 'email', true)],
];

/** Referrers of link scanners (email security, Teams unfurling): bots unless a person's UA. */
export const SCANNER_REFERRER_HOSTS: readonly RegExp[] = [
  /^url\.emailprotection\.link$/,
  /(?:^|\.)mimecastprotect\.com$/,
  /(?:^|\.)safelinks\.protection\.outlook\.com$/,
  /^statics\.teams\.cdn\.office\.net$/,
  /^deref-/,
];
