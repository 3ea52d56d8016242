import { describe, expect, it } from 'vitest';
import { isIgnored } from './is-ignored.ts';

describe('isIgnored', () => {
  it('ignores local pages unless allowed', () => {
    for (const hostname of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '']) {
      expect(isIgnored({}, hostname, {}), hostname).toBeTruthy();
      expect(isIgnored({ allowLocal: '' }, hostname, {}), hostname).toBeFalsy();
    }
    for (const hostname of ['example.com', 'localhost.example.com', '10.0.0.1', '1270.0.0.1']) {
      expect(isIgnored({}, hostname, {}), hostname).toBeFalsy();
    }
  });
  it('ignores automated browsers unless allowed', () => {
    expect(isIgnored({}, 'example.com', { webdriver: true })).toBeTruthy();
    expect(isIgnored({ allowAutomation: true }, 'example.com', { webdriver: true })).toBeFalsy();
  });
  it('honours Do Not Track and Global Privacy Control only when the site opts in', () => {
    const dnt = { doNotTrack: '1' };
    const gpc = { globalPrivacyControl: true };
    expect(isIgnored({}, 'example.com', dnt)).toBeFalsy();
    expect(isIgnored({}, 'example.com', gpc)).toBeFalsy();
    expect(isIgnored({ respectDnt: '' }, 'example.com', dnt)).toBeTruthy();
    expect(isIgnored({ respectDnt: true }, 'example.com', gpc)).toBeTruthy();
    expect(isIgnored({ respectDnt: '' }, 'example.com', { doNotTrack: '0' })).toBeFalsy();
  });
});
