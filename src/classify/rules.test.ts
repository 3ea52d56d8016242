import { describe, expect, it } from 'vitest';
import { classify, createClassifier } from './index.ts';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE_WHATSAPP =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 26_0_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0.1 Mobile/15E148 Safari/604.1 [WAiOS/2.25.31]';
const DEEP = 'https://news.example.com/2026/11/29/city-budget-vote';

describe('R1a preview fetchers', () => {
  it('recognises WhatsApp before isbot would call it a bot', () => {
    const result = classify({ url: DEEP, user_agent: 'WhatsApp/2.19.31 i' });
    expect(result).toMatchObject({ class: 'preview', channel: 'whatsapp', rule: 'R1a.preview' });
    expect(result.ga4).toBeNull();
  });
  it('tells iMessage from Meta although both say facebookexternalhit', () => {
    const imessage =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0';
    expect(classify({ url: DEEP, user_agent: imessage }).channel).toBe('imessage');
    expect(classify({ url: DEEP, user_agent: 'facebookexternalhit/1.1' }).channel).toBe('meta');
    expect(
      classify({ url: DEEP, user_agent: 'facebookexternalhit/1.1;line-poker/1.0' }).channel,
    ).toBe('line');
  });
  it("keeps Signal's borrowed WhatsApp/2 UA low-confidence", () => {
    expect(classify({ url: DEEP, user_agent: 'WhatsApp/2' })).toMatchObject({
      class: 'preview',
      channel: 'signal',
      confidence: 'heuristic',
    });
  });
  it('does not take in-app browsers for previews', () => {
    expect(classify({ url: DEEP, user_agent: IPHONE_WHATSAPP }).class).toBe('dark_social');
  });
});

describe('R1b bots', () => {
  it('flags HEAD requests, empty user agents and crawler UAs', () => {
    expect(classify({ url: DEEP, user_agent: CHROME, method: 'head' })).toMatchObject({
      class: 'bot',
      channel: 'scanner',
      rule: 'R1b.head',
    });
    expect(classify({ url: DEEP, user_agent: '-' }).rule).toBe('R1b.empty_ua');
    expect(classify({ url: DEEP, user_agent: '' }).rule).toBe('R1b.empty_ua');
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    expect(classify({ url: DEEP, user_agent: googlebot })).toMatchObject({
      class: 'bot',
      channel: 'crawler',
    });
  });
  it('treats scanner referrers as bots only without a human UA', () => {
    const referrer = 'https://url.emailprotection.link/?abc';
    expect(classify({ url: DEEP, referrer, user_agent: 'Java/1.8.0_292' }).class).toBe('bot');
    expect(classify({ url: DEEP, referrer, user_agent: CHROME })).toMatchObject({
      class: 'dark_social',
      channel: 'email',
    });
  });
  it('does not call an unreported user agent a bot', () => {
    expect(classify({ url: DEEP }).class).toBe('dark_social');
  });
});

describe('R3 campaign tags', () => {
  const tagged = (query: string) => classify({ url: `${DEEP}?${query}`, user_agent: CHROME });
  it('maps paid media with GA4’s regex', () => {
    expect(tagged('utm_source=Google&utm_medium=cpc')).toMatchObject({
      class: 'paid',
      channel: 'google',
    });
    expect(tagged('utm_source=newsletter&utm_medium=paid_social').class).toBe('paid');
  });
  it('maps private sources and aliases', () => {
    expect(tagged('utm_source=wa&utm_medium=chat')).toMatchObject({
      class: 'dark_social',
      channel: 'whatsapp',
    });
    expect(tagged('utm_source=tg')).toMatchObject({ channel: 'telegram', confidence: 'strong' });
    expect(tagged('ref=newsletter').channel).toBe('email');
  });
  it('maps email and sms media with an unmapped source', () => {
    expect(tagged('utm_source=acme&utm_medium=e-mail')).toMatchObject({ channel: 'email' });
    expect(tagged('utm_source=acme&utm_medium=sms')).toMatchObject({ channel: 'sms' });
  });
  it('maps social aliases and leaves the rest as campaigns', () => {
    expect(tagged('utm_source=fb&utm_medium=social')).toMatchObject({
      class: 'social',
      channel: 'facebook',
    });
    expect(tagged('utm_source=Spring%20Sale')).toMatchObject({
      class: 'campaign',
      channel: 'spring sale',
    });
  });
  it('treats Google Ads click ids as paid search', () => {
    expect(tagged('gclid=abc123')).toMatchObject({
      class: 'paid',
      channel: 'google',
      ga4: 'Paid Search',
    });
  });
  it('wins over referrers and in-app markers', () => {
    const result = classify({
      url: `${DEEP}?utm_source=telegram`,
      referrer: 'https://www.facebook.com/',
      user_agent: IPHONE_WHATSAPP,
    });
    expect(result).toMatchObject({
      class: 'dark_social',
      channel: 'telegram',
      rule: 'R3.private_source',
    });
  });
  it('keeps fbclid behind its flag', () => {
    expect(classify({ url: `${DEEP}?fbclid=IwAR0`, user_agent: CHROME }).class).toBe('dark_social');
    const flagged = createClassifier({ fbclidAsFacebook: true });
    expect(flagged({ url: `${DEEP}?fbclid=IwAR0`, user_agent: CHROME }).channel).toBe('facebook');
  });
});

describe('R4 referrers', () => {
  const from = (referrer: string, user_agent = CHROME) =>
    classify({ url: DEEP, referrer, user_agent });
  it('normalises android-app packages (case, trailing slash)', () => {
    expect(from('android-app://com.Slack/')).toMatchObject({
      class: 'dark_social',
      channel: 'slack',
    });
    expect(from('android-app://com.google.android.gm')).toMatchObject({ channel: 'email' });
    expect(
      from('android-app://com.google.android.googlequicksearchbox/https/www.google.com'),
    ).toMatchObject({
      class: 'search',
      channel: 'google',
    });
    expect(from('android-app://de.idealo.android')).toMatchObject({
      class: 'referral',
      channel: 'app:de.idealo.android',
    });
  });
  it('knows messaging web clients, webmail before Google search, host-only values', () => {
    expect(from('https://web.whatsapp.com/').channel).toBe('whatsapp');
    expect(from('t.me').channel).toBe('telegram');
    expect(from('https://mail.google.com/mail/u/0/').channel).toBe('email');
    expect(from('http://co106w.col106.mail.live.com/default.aspx?rru=inbox').channel).toBe('email');
    expect(from('https://www.google.de/')).toMatchObject({ class: 'search', channel: 'google' });
    expect(from('https://docs.google.com/document/d/1')).toMatchObject({ class: 'referral' });
  });
  it('requires a human UA for the Teams statics host', () => {
    expect(from('https://statics.teams.cdn.office.net/').channel).toBe('teams');
    expect(from('https://statics.teams.cdn.office.net/', 'Go-http-client/1.1').class).toBe('bot');
  });
  it('sorts AI assistants, social shims and grouped referrals', () => {
    expect(from('https://chatgpt.com/').class).toBe('ai');
    expect(from('https://lm.facebook.com/').channel).toBe('facebook');
    expect(from('https://de.wikipedia.org/wiki/X')).toMatchObject({
      class: 'referral',
      channel: 'wikipedia',
    });
  });
  it('calls same-site referrers internal and others referral', () => {
    expect(from('https://www.news.example.com/')).toMatchObject({ class: 'internal', ga4: null });
    const site = createClassifier({ siteHosts: ['example.com'] });
    expect(
      site({ url: '/a/b', referrer: 'https://www.example.com/x', user_agent: CHROME }).class,
    ).toBe('internal');
    expect(from('https://blog.other.org/post')).toMatchObject({
      class: 'referral',
      channel: 'blog.other.org',
    });
  });
});

describe('R5 in-app browsers', () => {
  it('applies only without a referrer', () => {
    expect(classify({ url: DEEP, user_agent: IPHONE_WHATSAPP })).toMatchObject({
      channel: 'whatsapp',
      rule: 'R5.in_app',
      ga4: 'Direct',
    });
    expect(
      classify({ url: DEEP, user_agent: IPHONE_WHATSAPP, referrer: 'https://www.bing.com/' }).class,
    ).toBe('search');
  });
  it('separates Messenger from Facebook', () => {
    const messenger =
      'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0 Mobile Safari/537.36 [FB_IAB/Orca-Android;FBAV/349.0.0.7.108;]';
    const facebook =
      'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/263.0.0.46.121;]';
    expect(classify({ url: DEEP, user_agent: messenger }).channel).toBe('messenger');
    expect(classify({ url: DEEP, user_agent: facebook })).toMatchObject({
      class: 'social',
      channel: 'facebook',
    });
  });
  it('reads the Telegram client flag the tracker reports', () => {
    expect(
      classify({ url: DEEP, user_agent: CHROME, client: { telegram_webview: true } }),
    ).toMatchObject({
      channel: 'telegram',
      rule: 'R5.client_flag',
    });
  });
});

describe('R6 share tokens', () => {
  it('counts a verified foreign token as a confirmed private share', () => {
    expect(
      classify({ url: `${DEEP}#pn=Ab3dE5gH9k`, user_agent: CHROME, share_self: false }),
    ).toMatchObject({
      class: 'dark_social',
      channel: 'unknown',
      confidence: 'confirmed',
      rule: 'R6.shared_token',
    });
  });
  it('keeps an unverified token strong and a self token direct', () => {
    expect(classify({ url: '/#top&pn=Ab3dE5gH9k', user_agent: CHROME }).confidence).toBe('strong');
    expect(
      classify({ url: `${DEEP}#pn=Ab3dE5gH9k`, user_agent: CHROME, share_self: true }),
    ).toMatchObject({
      class: 'direct',
      channel: 'self_revisit',
    });
  });
  it('reads AddThis, Tynt and Pound tags but not ordinary anchors', () => {
    expect(classify({ url: '/#AHb4gs1hwck', user_agent: CHROME }).rule).toBe('R6.shared_token');
    expect(classify({ url: '/#ixzz0oyLiD4Qh', user_agent: CHROME }).rule).toBe('R6.shared_token');
    expect(classify({ url: '/#.vaO5pjMGwM', user_agent: CHROME }).rule).toBe('R6.shared_token');
    expect(classify({ url: '/#comments', user_agent: CHROME }).rule).toBe('R8.direct');
  });
});

describe('R7 deep links and R8 direct', () => {
  it('calls deep referrer-less landings heuristic dark social', () => {
    expect(classify({ url: DEEP, user_agent: CHROME })).toMatchObject({
      class: 'dark_social',
      channel: 'unknown',
      confidence: 'heuristic',
      rule: 'R7.deep_link',
      ga4: 'Direct',
    });
  });
  it('keeps homepages and one-segment pages direct', () => {
    expect(classify({ url: 'https://news.example.com/', user_agent: CHROME }).rule).toBe(
      'R8.direct',
    );
    expect(classify({ url: '/sport', user_agent: CHROME }).rule).toBe('R8.direct');
  });
  it('honours the configured depth and section pages', () => {
    const site = createClassifier({
      deepLinkDepth: 3,
      sectionPaths: ['/sport/football', '/news/*'],
    });
    expect(site({ url: '/a/b', user_agent: CHROME }).rule).toBe('R8.direct');
    expect(site({ url: '/sport/football/', user_agent: CHROME }).rule).toBe('R8.direct');
    expect(site({ url: '/news/2026/x', user_agent: CHROME }).rule).toBe('R8.direct');
    expect(site({ url: '/a/b/c', user_agent: CHROME }).rule).toBe('R7.deep_link');
    expect(createClassifier({ deepLinkDepth: 0 })({ url: DEEP }).rule).toBe('R8.direct');
  });
  it('rejects an invalid depth with a clear error', () => {
    expect(() => createClassifier({ deepLinkDepth: -1 })).toThrow(/non-negative integer/);
  });
});

describe('share tokens reported by the tracker', () => {
  it('reads share_token when the fragment is gone', () => {
    const ua =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
    expect(
      classify({ url: '/', share_token: 'Zx9_Qw3-Er', share_self: false, user_agent: ua }),
    ).toMatchObject({
      rule: 'R6.shared_token',
      evidence: 'Zx9_Qw3-Er',
      confidence: 'confirmed',
    });
    expect(classify({ url: '/', share_token: 'bad token!', user_agent: ua }).rule).toBe(
      'R8.direct',
    );
  });
});

describe('share-button channel stamps', () => {
  it('names the app stamped by the sharer’s button, but not for copy or native', () => {
    const base = { url: '/a', share_token: 'Zx9_Qw3-Er', share_self: false };
    expect(classify({ ...base, share_channel: 'whatsapp' })).toMatchObject({
      channel: 'whatsapp',
      evidence: 'Zx9_Qw3-Er via whatsapp button',
    });
    expect(classify({ ...base, share_channel: 'copy' }).channel).toBe('unknown');
    expect(classify({ ...base, share_channel: 'evil<script>' }).channel).toBe('unknown');
  });
});
