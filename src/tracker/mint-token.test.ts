import { expect, it } from 'vitest';
import { readShareToken } from '../classify/read-share-token.ts';
import { mintToken } from './mint-token.ts';

it('mints 10 url-safe chars that the classifier accepts, without repeats', () => {
  const tokens = Array.from({ length: 5_000 }, mintToken);
  for (const token of tokens) {
    expect(token).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(readShareToken(`pn=${token}`)?.token).toBe(token);
  }
  expect(new Set(tokens).size).toBe(tokens.length);
});

it('uses the whole alphabet (random bits, not a counter or a narrow range)', () => {
  const seen = new Set(Array.from({ length: 2_000 }, mintToken).join(''));
  expect(seen.size).toBeGreaterThanOrEqual(62);
});
