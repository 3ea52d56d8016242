import { describe, expect, test } from 'vitest';
import { fixture, reportFor } from './test-helpers.ts';

const SITE = { siteHosts: ['www.example.com'] };

describe('combined fixture (nginx/Apache)', () => {
  test('counts lines, hits, visits, previews and the GA4 comparison exactly', async () => {
    const r = await reportFor([fixture('combined.log')], SITE);
    expect(r.format).toBe('combined');
    expect(r.lines).toBe(29);
    expect(r.invalid).toBe(0);
    expect(r.skipped).toEqual({ out_of_range: 0, method: 1, status: 1, asset: 6, excluded: 0 });
    expect(r.hits).toBe(21);
    expect(r.by_class).toEqual({
      preview: 5,
      bot: 3,
      dark_social: 5,
      social: 1,
      search: 2,
      ai: 0,
      paid: 0,
      campaign: 0,
      referral: 0,
      internal: 3,
      direct: 2,
    });
    expect(r.by_channel).toMatchObject({
      'internal/self': 3,
      'preview/whatsapp': 3,
      'dark_social/whatsapp': 2,
      'bot/crawler': 2,
      'bot/scanner': 1,
      'dark_social/unknown': 1,
      'dark_social/email': 1,
      'dark_social/messenger': 1,
    });
    expect(r.page_views).toBe(13);
    expect(r.visits).toBe(10);
    expect(r.visits_by_class).toEqual({
      dark_social: 5,
      social: 1,
      search: 2,
      ai: 0,
      paid: 0,
      campaign: 0,
      referral: 0,
      internal: 0,
      direct: 2,
    });
    expect(r.dark_social_visits).toBe(5);
    expect(r.dark_social_share).toBe(0.5);
    expect(r.dark_social_by_confidence).toEqual({ confirmed: 3, strong: 1, heuristic: 1 });
    expect(r.ga4_direct_reclassified).toEqual({
      ga4_direct_visits: 5,
      dark_social_visits: 3,
      share: 0.6,
    });
    expect(r.time_range).toEqual({
      first: '2026-11-02T10:00:00.000Z',
      last: '2026-11-02T10:50:00.000Z',
    });
  });

  test('one preview per page and fetcher within 10 minutes; og:image fetches are not previews', async () => {
    const r = await reportFor([fixture('combined.log')], SITE);
    expect(r.previews.hits).toBe(5);
    expect(r.previews.fetches).toBe(4);
    expect(r.previews.by_channel).toEqual({ whatsapp: 2, slack: 1, telegram: 1 });
    expect(r.previews.sender_device).toBe(2);
    expect(r.previews.top_pages).toEqual([
      { page: '/news/2026/11/soup-recipe', fetches: 2, by_channel: { slack: 1, telegram: 1 } },
      { page: '/recipes/2026/tomato-soup', fetches: 2, by_channel: { whatsapp: 2 } },
    ]);
  });

  test('top dark-shared pages are entry pages of dark-social visits', async () => {
    const r = await reportFor([fixture('combined.log')], SITE);
    expect(r.top_dark_pages).toEqual([
      {
        page: '/recipes/2026/tomato-soup',
        dark_social_visits: 3,
        visits: 3,
        share: 1,
        by_channel: { whatsapp: 2, unknown: 1 },
      },
      {
        page: '/news/2026/11/soup-recipe',
        dark_social_visits: 2,
        visits: 3,
        share: 0.6667,
        by_channel: { email: 1, messenger: 1 },
      },
    ]);
  });

  test('guesses the site host from asset referrers when none is given', async () => {
    const r = await reportFor([fixture('combined.log')]);
    expect(r.site_hosts).toEqual(['www.example.com']);
    expect(r.site_host_guessed).toBe(true);
    expect(r.by_class.internal).toBe(3);
  });

  test('--since/--until keep a window; --exclude-path drops pages', async () => {
    const since = Date.UTC(2026, 10, 2, 10, 5) / 1000;
    const until = Date.UTC(2026, 10, 2, 10, 20) / 1000;
    const windowed = await reportFor([fixture('combined.log')], { ...SITE, since, until });
    expect(windowed.skipped.out_of_range).toBe(15);
    expect(windowed.time_range.first).toBe('2026-11-02T10:05:00.000Z');
    const excluded = await reportFor([fixture('combined.log')], {
      ...SITE,
      excludePaths: ['/recipes/**', '/news/'],
    });
    expect(excluded.skipped.excluded).toBe(10);
    expect(excluded.top_dark_pages.map((p) => p.page)).toEqual(['/news/2026/11/soup-recipe']);
  });

  test('--deep-link-depth 0 turns the deep-link guess off', async () => {
    const r = await reportFor([fixture('combined.log')], { ...SITE, deepLinkDepth: 0 });
    expect(r.dark_social_by_confidence.heuristic).toBe(0);
    expect(r.visits_by_class.direct).toBe(3);
  });
});

describe('other formats', () => {
  test('common log format: no referrer or user agent, visitors by address', async () => {
    const r = await reportFor([fixture('common.log')]);
    expect(r.format).toBe('common');
    expect(r.lines).toBe(7);
    expect(r.skipped).toMatchObject({ asset: 1, method: 1, status: 1 });
    expect(r.by_class).toMatchObject({ direct: 1, dark_social: 3, bot: 0 });
    expect(r.visits).toBe(3);
    expect(r.dark_social_share).toBe(0.6667);
  });

  test('Caddy JSON: headers as lists, float ts, host from the request', async () => {
    const r = await reportFor([fixture('caddy.log')]);
    expect(r.format).toBe('caddy');
    expect(r.lines).toBe(7);
    expect(r.invalid).toBe(0);
    expect(r.skipped).toMatchObject({ asset: 1, status: 1 });
    expect(r.by_class).toMatchObject({
      dark_social: 1,
      internal: 1,
      search: 1,
      preview: 1,
      bot: 1,
    });
    expect(r.visits).toBe(2);
    expect(r.dark_social_share).toBe(0.5);
    expect(r.previews.by_channel).toEqual({ discord: 1 });
    expect(r.time_range.first).toBe('2026-11-02T10:00:00.000Z');
  });

  test('generic JSON lines with --fields; bad JSON and missing fields are invalid', async () => {
    const r = await reportFor([fixture('generic.jsonl')], {
      siteHosts: ['docs.example.net'],
      fields: {
        url: 'path',
        referrer: 'ref',
        user_agent: 'ua',
        ip: 'client',
        time: 'ts',
        status: 'code',
      },
    });
    expect(r.format).toBe(
      'json (url=path, referrer=ref, user_agent=ua, ip=client, time=ts, status=code)',
    );
    expect(r.lines).toBe(6);
    expect(r.invalid).toBe(2);
    expect(r.invalid_examples.map((e) => [e.line, e.reason])).toEqual([
      [5, 'not a JSON object'],
      [6, 'no path field'],
    ]);
    expect(r.by_class).toMatchObject({ dark_social: 1, internal: 1, direct: 1, bot: 1 });
    expect(r.by_channel['dark_social/telegram']).toBe(1);
    expect(r.visits).toBe(2);
  });

  test('JSON lines with well-known nginx key names need no --fields', async () => {
    const r = await reportFor([fixture('nginx-json.log')], SITE);
    expect(r.format).toBe(
      'json (url=request, referrer=http_referer, user_agent=http_user_agent, ip=remote_addr, time=time_iso8601, status=status)',
    );
    expect(r.skipped.asset).toBe(1);
    expect(r.by_channel).toEqual({ 'dark_social/email': 1, 'internal/self': 1 });
    expect(r.visits).toBe(1);
  });

  test('--format forces a reader: a combined log read as common ignores the agents', async () => {
    const r = await reportFor([fixture('combined.log')], { ...SITE, format: 'common' });
    expect(r.format).toBe('common');
    expect(r.by_class.preview).toBe(0);
  });
});
