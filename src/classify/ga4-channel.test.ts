import { describe, expect, it } from 'vitest';
import { ga4FromTags } from './ga4-channel.ts';
import { classify } from './index.ts';

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

describe('GA4 default channel grouping', () => {
  it.each([
    ['google', 'cpc', '', 'Paid Search'],
    ['facebook', 'paid', '', 'Paid Social'],
    ['youtube', 'cpv', '', 'Paid Video'],
    ['acme', 'display', '', 'Display'],
    ['acme', 'ppc', '', 'Paid Other'],
    ['acme', 'cpc', 'cross-network-q4', 'Cross-network'],
    ['whatsapp', 'chat', '', 'Organic Social'],
    ['telegram', 'chat', '', 'Unassigned'],
    ['acme', 'social', '', 'Organic Social'],
    ['bing', 'organic', '', 'Organic Search'],
    ['newsletter', 'email', '', 'Email'],
    ['acme', 'sms', '', 'SMS'],
    ['sms', 'text', '', 'SMS'],
    ['acme', 'referral', '', 'Referral'],
    ['acme', 'affiliate', '', 'Affiliates'],
    ['firebase', 'x', '', 'Mobile Push'],
    ['acme', 'web-push', '', 'Mobile Push'],
    ['acme', 'print', '', 'Unassigned'],
  ])('utm_source=%s utm_medium=%s campaign=%s → %s', (source, medium, campaign, expected) => {
    expect(ga4FromTags(source, medium, campaign)).toBe(expected);
  });
});

describe('GA4 crosswalk on classified hits', () => {
  const ga4 = (url: string, referrer?: string) =>
    classify({ url, referrer, user_agent: CHROME }).ga4;
  it('calls every referrer-less arrival Direct, dark social included', () => {
    expect(ga4('https://example.com/a/b')).toBe('Direct');
    expect(ga4('https://example.com/a/b#pn=Ab3dE5gH9k')).toBe('Direct');
  });
  it('files messaging web clients as GA4 does', () => {
    expect(ga4('/a/b', 'https://l.messenger.com/')).toBe('Organic Social');
    expect(ga4('/a/b', 'https://app.slack.com/')).toBe('Referral');
    expect(ga4('/a/b', 'https://mail.google.com/')).toBe('Organic Search');
    expect(ga4('/a/b', 'https://outlook.live.com/')).toBe('Referral');
  });
  it('ignores Plausible-style source parameters GA4 cannot read', () => {
    expect(ga4('/a/b?ref=whatsapp')).toBe('Direct');
    expect(ga4('/a/b?utm_source=whatsapp')).toBe('Organic Social');
  });
  it('has no GA4 channel for previews, bots and internal navigation', () => {
    expect(classify({ url: '/a', user_agent: 'TelegramBot (like TwitterBot)' }).ga4).toBeNull();
    expect(classify({ url: '/a', user_agent: 'curl/8.0' }).ga4).toBeNull();
    expect(
      classify({ url: 'https://example.com/a', referrer: 'https://example.com/' }).ga4,
    ).toBeNull();
  });
});

describe('GA4 and search engines', () => {
  it('calls every recognised search engine Organic Search, not only Google', () => {
    for (const referrer of [
      'https://www.bing.com/',
      'https://duckduckgo.com/',
      'https://www.ecosia.org/',
    ]) {
      expect(classify({ url: '/a/b', referrer }).ga4, referrer).toBe('Organic Search');
    }
    expect(classify({ url: '/a/b', referrer: 'https://docs.google.com/d/1' }).ga4).toBe('Referral');
  });
});
