import { describe, expect, it } from 'vitest';
import { readShareToken } from '../classify/read-share-token.ts';
import { isRoute, readFragment, writeFragment } from './fragment.ts';

describe('readFragment', () => {
  it('splits the page’s anchor from the token and channel', () => {
    expect(readFragment('')).toEqual(['', undefined, undefined]);
    expect(readFragment('#section-2')).toEqual(['section-2', undefined, undefined]);
    expect(readFragment('#pn=Ab3dE5gH9k')).toEqual(['', 'Ab3dE5gH9k', undefined]);
    expect(readFragment('#pn=Ab3dE5gH9k&pc=whatsapp')).toEqual(['', 'Ab3dE5gH9k', 'whatsapp']);
    expect(readFragment('#section-2&pn=Ab3dE5gH9k&pc=sms')).toEqual([
      'section-2',
      'Ab3dE5gH9k',
      'sms',
    ]);
  });
  it('finds the token wherever it stands, and only whole `pn=` parts', () => {
    expect(readFragment('#pn=Ab3dE5gH9k&section-2')).toEqual([
      'section-2',
      'Ab3dE5gH9k',
      undefined,
    ]);
    expect(readFragment('#topn=5&spc=1')).toEqual(['topn=5&spc=1', undefined, undefined]);
  });
  it('leaves hash routes and their own parameters alone', () => {
    expect(readFragment('#/search?q=a&b=c')).toEqual(['/search?q=a&b=c', undefined, undefined]);
    expect(isRoute('/search')).toBe(true);
    expect(isRoute('!/search')).toBe(true);
    expect(isRoute('section-2')).toBe(false);
  });
});

describe('writeFragment', () => {
  it('puts the token after the anchor, the channel after the token', () => {
    expect(writeFragment('')).toBe('');
    expect(writeFragment('section-2')).toBe('#section-2');
    expect(writeFragment('', 'Ab3dE5gH9k')).toBe('#pn=Ab3dE5gH9k');
    expect(writeFragment('', 'Ab3dE5gH9k', 'copy')).toBe('#pn=Ab3dE5gH9k&pc=copy');
    expect(writeFragment('section-2', 'Ab3dE5gH9k', 'sms')).toBe('#section-2&pn=Ab3dE5gH9k&pc=sms');
  });
  it('writes no channel without a token, and no token into a hash route', () => {
    expect(writeFragment('section-2', '', 'sms')).toBe('#section-2');
    expect(writeFragment('/search?q=a', 'Ab3dE5gH9k', 'sms')).toBe('#/search?q=a');
  });
  it('round-trips, and the classifier reads what it writes', () => {
    for (const anchor of ['', 'section-2', 'a&b']) {
      const fragment = writeFragment(anchor, 'Ab3dE5gH9k', 'line');
      expect(readFragment(fragment)).toEqual([anchor, 'Ab3dE5gH9k', 'line']);
      expect(readShareToken(fragment.slice(1))).toEqual({ token: 'Ab3dE5gH9k', kind: 'penumbra' });
    }
  });
});
