import { describe, expect, it } from 'vitest';
import { resolveRange } from './date-range.ts';
import { defaultQuery, formatHash, parseFilter, parseHash } from './route.ts';

describe('hash routes', () => {
  it('reads a shareable overview address', () => {
    const route = parseHash(
      '#/site/example.com?range=7d&f=channel:is:whatsapp&f=page:contains:a:b&compare=previous',
      'app',
    );
    expect(route).toEqual({
      view: 'overview',
      domain: 'example.com',
      query: {
        range: '7d',
        from: '',
        to: '',
        filters: [
          { dimension: 'channel', op: 'is', value: 'whatsapp' },
          { dimension: 'page', op: 'contains', value: 'a:b' },
        ],
        compare: true,
        cascade: '',
      },
    });
  });

  it('writes what it reads, with readable filters', () => {
    const query = {
      ...defaultQuery(),
      filters: [{ dimension: 'channel', op: 'is' as const, value: 'whats app&x=1' }],
    };
    const hash = formatHash({ view: 'overview', domain: 'example.com', query });
    expect(hash).toBe('#/site/example.com?range=30d&f=channel:is:whats%20app%26x%3D1');
    expect(parseHash(hash, 'app')).toEqual({ view: 'overview', domain: 'example.com', query });
  });

  it('falls back on bad input instead of failing', () => {
    expect(parseFilter('channel:maybe:x')).toBeNull();
    expect(parseFilter('nocolon')).toBeNull();
    const route = parseHash('#/site/x.com?range=custom&from=bad', 'app');
    expect(route.view === 'overview' && route.query.range).toBe('30d');
    expect(parseHash('#/nowhere', 'app')).toEqual({ view: 'home' });
    expect(parseHash('#/site/x.com/settings', 'app')).toEqual({
      view: 'settings',
      domain: 'x.com',
    });
    expect(parseHash('#/site/x.com?range=today', 'public').view).toBe('overview');
  });

  it('resolves ranges to whole local days', () => {
    const now = new Date(2026, 10, 29, 15, 30);
    const week = resolveRange({ ...defaultQuery(), range: '7d' }, now);
    expect(new Date(week.to)).toEqual(new Date(2026, 10, 30));
    expect(new Date(week.from)).toEqual(new Date(2026, 10, 23));
    const custom = resolveRange(
      { ...defaultQuery(), range: 'custom', from: '2026-11-01', to: '2026-11-02' },
      now,
    );
    expect(new Date(custom.from)).toEqual(new Date(2026, 10, 1));
    expect(new Date(custom.to)).toEqual(new Date(2026, 10, 3));
  });
});
