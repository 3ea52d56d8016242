import type { ShareLink } from '../store/index.ts';

/**
 * Where `/s/<code>` sends a person: the target, with UTM tags when the link asks for them, and
 * the share token (plus the link's channel) in the fragment, after any anchor the target has:
 * the same layout the tracker reads (`#section&pn=TOKEN&pc=whatsapp`).
 */
export function buildRedirectUrl(link: ShareLink, token: string): string {
  return `${redirectPrefix(link)}pn=${token}${link.channel ? `&pc=${encodeURIComponent(link.channel)}` : ''}`;
}

// Everything but the token is the same for every click on a link: build it once per link.
const prefixes = new WeakMap<ShareLink, string>();

function redirectPrefix(link: ShareLink): string {
  let prefix = prefixes.get(link);
  if (prefix === undefined) {
    const [withoutFragment, anchor = ''] = link.target.split('#', 2) as [string, string?];
    const url = new URL(withoutFragment);
    if (link.utm) {
      url.searchParams.set('utm_source', link.channel || 'share');
      url.searchParams.set('utm_medium', 'share_link');
      if (link.campaign) url.searchParams.set('utm_campaign', link.campaign);
    }
    prefix = `${url.href}#${anchor ? `${anchor}&` : ''}`;
    prefixes.set(link, prefix);
  }
  return prefix;
}
