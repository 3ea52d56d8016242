import { describe, expect, it } from 'vitest';
import { classify } from '../classify/index.ts';
import { type ShareLink, STORED_EVENT_COLUMNS } from '../store/index.ts';
import { createLogLineReader } from '../store/log-lines.ts';
import { compactClickLine, type LinkClick, toClickEvent } from './click-event.ts';

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

describe('compactClickLine', () => {
  it('expands, after its variant line, to exactly the click event', () => {
    const shared = link({ conversation: 'conv-9' } as Partial<ShareLink>);
    const cases = [
      click(),
      click({ unique: false, now: 1 }),
      click({ link: shared, unique: false, token: 'zzzzzzzzzz', visitorId: 'ffff' }),
      click({ userAgent: 'curl/8 "quoted"', link: link({ utm: false, campaign: '' }) }),
      click({ token: 'not "safe"', unique: false }),
    ];
    const reader = createLogLineReader();
    for (const [index, one] of cases.entries()) {
      const id = `boot${index}`;
      const { line, variant } = compactClickLine(one, id);
      expect(reader.read(variant.line)).toEqual({ kind: 'variant' });
      const read = reader.read(line);
      if (read.kind !== 'event') throw new Error(`line ${index} read as ${read.kind}`);
      expect(read.event).toStrictEqual(toClickEvent(one, id));
      // Same columns in the same order: the log's readers rely on the stored column order.
      expect(Object.keys(read.event)).toEqual(STORED_EVENT_COLUMNS.map(([name]) => name));
      expect(JSON.stringify(read.event)).toBe(JSON.stringify(toClickEvent(one, id)));
    }
  });

  it('shares one variant between unique and repeated clicks, and keeps the line compact', () => {
    const first = click();
    const unique = compactClickLine(first, 'aaaa');
    const repeated = compactClickLine({ ...first, unique: false, now: 5 }, 'bbbb');
    // Cached per link, verdict and browser: the same object, hashed once.
    expect(repeated.variant).toBe(unique.variant);
    // Equal content gives an equal key, even built afresh.
    expect(compactClickLine(click(), 'dddd').variant).toEqual(unique.variant);
    expect(JSON.parse(repeated.line)).toEqual({
      click: unique.variant.key,
      id: 'bbbb',
      ts: 5,
      visitor_id: '0123456789abcdef',
      view_token: 'AbC-_12345',
      is_unique: false,
    });
    expect(unique.line.length).toBeLessThan(150);
    const other = compactClickLine(click({ link: link({ campaign: 'été' }) }), 'cccc');
    expect(other.variant.key).not.toBe(unique.variant.key);
  });
});
