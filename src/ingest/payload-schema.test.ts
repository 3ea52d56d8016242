import { describe, expect, it } from 'vitest';
import { parseTrackerPayload } from './payload-schema.ts';

const valid = {
  n: 'pageview',
  d: 'example.com',
  u: 'https://example.com/a',
  r: '',
  k: 'Ab3dE5gH9k',
};

describe('tracker payload', () => {
  it('accepts a well-formed page view', () => {
    expect(parseTrackerPayload(JSON.stringify(valid))).toEqual({ ok: true, payload: valid });
  });
  it.each([
    ['not json', 'body is not valid JSON'],
    [
      JSON.stringify({ ...valid, u: 'javascript:alert(1)' }),
      'u: page URL must start with http:// or https://',
    ],
    [JSON.stringify({ ...valid, n: '<script>' }), 'n: event name'],
    [JSON.stringify({ ...valid, k: 'short' }), 'k: view token'],
    [JSON.stringify({ ...valid, extra: 1 }), 'Unrecognized key'],
    [JSON.stringify({ d: 'example.com', u: 'https://example.com/' }), 'n:'],
    [
      JSON.stringify({
        ...valid,
        p: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'])),
      }),
      'at most 30',
    ],
  ])('rejects %s with a reason', (body, reason) => {
    const result = parseTrackerPayload(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
