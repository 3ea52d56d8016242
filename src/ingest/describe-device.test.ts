import { describe, expect, it } from 'vitest';
import { describeDevice } from './describe-device.ts';

describe('describeDevice', () => {
  it('tells phones, tablets and desktops, with their browser and OS', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 [WAiOS/2.25.31]',
      ),
    ).toEqual({ device: 'mobile', browser: 'WhatsApp', os: 'iOS' });
    expect(
      describeDevice(
        'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
      ),
    ).toEqual({
      device: 'tablet',
      browser: 'Chrome',
      os: 'Android',
    });
    expect(
      describeDevice(
        'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
        1440,
      ),
    ).toEqual({
      device: 'desktop',
      browser: 'Firefox',
      os: 'Linux',
    });
    expect(
      describeDevice('Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36', 390).device,
    ).toBe('mobile');
  });
});
