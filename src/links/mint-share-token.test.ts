import { describe, expect, it } from 'vitest';
import { mintShareToken } from './mint-share-token.ts';

describe('mintShareToken', () => {
  it('mints distinct 10-character base64url tokens across pool refills', () => {
    const tokens = Array.from({ length: 5000 }, () => mintShareToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
