import { SHARE_CHANNELS } from '../core/index.ts';

/** Channels with a share intent; `native` and `copy` are handled in the browser. */
export const SHARE_INTENT_CHANNELS = SHARE_CHANNELS.filter((c) => c !== 'native' && c !== 'copy');

/**
 * Built on the server (GET /share/:channel) so the tracker stays within its size budget and
 * the formats live in one place. The URL that opens a messaging app's share screen with `url` (formats from
 * research/measurement.md §2e, used as written there), or undefined for `native`, `copy` and
 * unknown channels. `back` is where Messenger's desktop dialog returns the sharer: the page
 * without the token, so that return does not look like an arrival through a share.
 */
export function shareIntentUrl(
  channel: string,
  url: string,
  title: string,
  userAgent: string,
  fbAppId: string | undefined,
  back: string,
): string | undefined {
  const encode = encodeURIComponent;
  const link = encode(url);
  const ios = /iPhone|iPad|iPod/.test(userAgent);
  const intents: Record<string, string | null> = {
    // No prototype: a `data-penumbra-share="toString"` must find nothing.
    __proto__: null,
    whatsapp: `https://wa.me/?text=${link}`,
    telegram: `https://t.me/share/url?url=${link}&text=${encode(title)}`,
    // The send dialog is "not supported on mobile devices"; the app scheme is mobile-only.
    messenger:
      ios || /Android/.test(userAgent)
        ? `fb-messenger://share?link=${link}`
        : `https://www.facebook.com/dialog/send?app_id=${fbAppId}&link=${link}&redirect_uri=${encode(back)}`,
    // iOS 8+ wants `&body=`; Android follows RFC 5724's `?body=`.
    sms: `sms:${ios ? '&' : '?'}body=${link}`,
    email: `mailto:?subject=${encode(title)}&body=${link}`,
    line: `https://social-plugins.line.me/lineit/share?url=${link}`,
    viber: `viber://forward?text=${link}`,
  };
  return intents[channel] ?? undefined;
}
