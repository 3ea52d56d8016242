import { describe, expect, it } from 'vitest';
import { shareIntentUrl } from './share-intent.ts';

const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const URL = 'https://example.com/story?id=1#pn=Ab3dE5gH9k&pc=x';
const LINK = encodeURIComponent(URL);
const BACK = 'https://example.com/story?id=1';
const TITLE = 'Ham & eggs: a "story"';

const build = (channel: string, userAgent = DESKTOP) =>
  shareIntentUrl(channel, URL, TITLE, userAgent, '1234', BACK);

describe('shareIntentUrl', () => {
  it('builds the documented share URL of each app (research/measurement.md §2e)', () => {
    expect(build('whatsapp')).toBe(`https://wa.me/?text=${LINK}`);
    expect(build('telegram')).toBe(
      `https://t.me/share/url?url=${LINK}&text=Ham%20%26%20eggs%3A%20a%20%22story%22`,
    );
    expect(build('email')).toBe(
      `mailto:?subject=Ham%20%26%20eggs%3A%20a%20%22story%22&body=${LINK}`,
    );
    expect(build('line')).toBe(`https://social-plugins.line.me/lineit/share?url=${LINK}`);
    expect(build('viber')).toBe(`viber://forward?text=${LINK}`);
  });
  it('encodes the whole URL, fragment included, so the token survives', () => {
    expect(LINK).toContain('%23pn%3DAb3dE5gH9k%26pc%3Dx');
    expect(build('whatsapp')).not.toContain('#');
  });
  it('uses the send dialog on desktop and the app scheme on phones for Messenger', () => {
    expect(build('messenger')).toBe(
      `https://www.facebook.com/dialog/send?app_id=1234&link=${LINK}&redirect_uri=${encodeURIComponent(BACK)}`,
    );
    expect(build('messenger', IPHONE)).toBe(`fb-messenger://share?link=${LINK}`);
    expect(build('messenger', ANDROID)).toBe(`fb-messenger://share?link=${LINK}`);
  });
  it('writes sms: the iOS way (&body=) on iOS and the RFC 5724 way (?body=) elsewhere', () => {
    expect(build('sms', IPHONE)).toBe(`sms:&body=${LINK}`);
    expect(build('sms', ANDROID)).toBe(`sms:?body=${LINK}`);
    expect(build('sms')).toBe(`sms:?body=${LINK}`);
  });
  it('has no intent for the Web Share API, copy, or unknown channels', () => {
    for (const channel of ['native', 'copy', 'signal', 'toString', '']) {
      expect(build(channel)).toBeUndefined();
    }
  });
});
