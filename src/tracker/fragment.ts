/**
 * The URL fragment is shared between the page (anchors, hash routes) and Penumbra (share
 * token `pn`, stamped channel `pc`), joined with `&`: `#section-2&pn=TOKEN&pc=whatsapp`.
 * The classifier reads the same layout (src/classify/read-share-token.ts).
 */

/**
 * A hash route (`#/about`, `#!/about`) is read by the app's router, which would take
 * `/about&pn=…` for another route: Penumbra never appends a token to one.
 */
export const isRoute = (anchor: string): boolean => /^[/!]/.test(anchor);

/**
 * Splits `location.hash` into the page's own part and Penumbra's parts.
 * @example readFragment('#section-2&pn=Ab3dE5gH9k&pc=whatsapp') // ['section-2', 'Ab3dE5gH9k', 'whatsapp']
 */
export function readFragment(hash: string): [anchor: string, token?: string, channel?: string] {
  const found: Record<string, string> = {};
  // A leading `&` lets one pattern take `pn=` wherever it stands, first part included.
  const anchor = `&${hash.slice(1)}`
    .replace(/&p([nc])=([^&]*)/g, (_match, key: string, value: string) => {
      found[key] = value;
      return '';
    })
    .slice(1);
  return [anchor, found.n, found.c];
}

/**
 * Builds a fragment (with its `#`, or '' when empty) from the page's part and a token; the
 * token goes after the anchor so `#section-2` still works once the tracker removes it.
 * @example writeFragment('section-2', 'Ab3dE5gH9k', 'sms') // '#section-2&pn=Ab3dE5gH9k&pc=sms'
 */
export function writeFragment(anchor: string, token?: string, channel?: string): string {
  const fragment =
    anchor +
    (token && !isRoute(anchor)
      ? `${anchor && '&'}pn=${token}${channel ? `&pc=${channel}` : ''}`
      : '');
  return fragment && `#${fragment}`;
}
