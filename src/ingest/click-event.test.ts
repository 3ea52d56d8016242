import { describe, expect, it } from 'vitest';
import { classify } from '../classify/index.ts';
import type { ShareLink } from '../store/index.ts';
import { clickEventLine, type LinkClick, toClickEvent } from './click-event.ts';

const link = (overrides: Partial<ShareLink> = {}): ShareLink =>
  ({
    code: 'abc1234',
    siteId: 'site-"1"',
    target: 'https://news.example/soupe-à-l’oignon?x="1"#top',
    channel: 'whatsapp',
    campaign: 'hiver "froid"\n\\',
    utm: true,
    createdAt: 0,
    ...overrides,
  }) as ShareLink;

const click = (overrides: Partial<LinkClick> = {}): LinkClick => {
  const userAgent =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1';
  return {
    link: link(),
    token: 'AbC-_12345',
    userAgent,
    visitorId: '0123456789abcdef',
    classification: classify({ url: 'https://news.example/', user_agent: userAgent, referrer: '' }),
    unique: true,
    now: Date.UTC(2026, 10, 29, 12),
    ...overrides,
  };
};

describe('clickEventLine', () => {
  it('writes exactly what JSON.stringify writes for the click event', () => {
    const shared = link({ conversation: 'conv-9' } as Partial<ShareLink>);
    const cases = [
      click(),
      click({ unique: false, now: 1 }),
      click({ link: shared }),
      click({ link: shared, unique: false, token: 'zzzzzzzzzz', visitorId: 'ffff' }),
      click({ userAgent: 'curl/8 "quoted"', link: link({ utm: false, campaign: '' }) }),
      click({ token: 'not "safe"' }),
    ];
    for (const [index, one] of cases.entries()) {
      const id = `boot${index}`;
      expect(clickEventLine(one, id)).toBe(JSON.stringify(toClickEvent(one, id)));
    }
  });
});
