/**
 * Share tokens live in the URL fragment so they survive copy/paste and forwarding but never
 * reach servers that did not ask (research/measurement.md §1.3–1.6, §3).
 * - Penumbra's own: `pn=<6–16 url-safe chars>`, as the only fragment or after an anchor (`#top&pn=…`).
 * - BuzzFeed Pound `#.vaO5pjMGwM`, AddThis `#AHb4gs1hwck`, Tynt `#ixzz0oyLiD4Qh`.
 */
const OWN_TOKEN = /(?:^|&)pn=([A-Za-z0-9_-]{6,16})(?:&|$)/;
const THIRD_PARTY_TOKEN = /^(?:\.[A-Za-z0-9_-]{8,12}|AH[A-Za-z0-9_-]{9}|ixzz[A-Za-z0-9]{8,12})$/;

export interface ShareToken {
  token: string;
  /** `penumbra` for our own tokens, `third_party` for AddThis/Tynt/Pound-style tags. */
  kind: 'penumbra' | 'third_party';
}

const REPORTED_TOKEN = /^[A-Za-z0-9_-]{6,16}$/;

/** The token the tracker reported, else the one in the URL fragment. */
export function readShareToken(fragment: string, reported?: unknown): ShareToken | null {
  if (typeof reported === 'string' && REPORTED_TOKEN.test(reported)) {
    return { token: reported, kind: 'penumbra' };
  }
  if (fragment === '') return null;
  const own = OWN_TOKEN.exec(fragment);
  if (own?.[1]) return { token: own[1], kind: 'penumbra' };
  if (THIRD_PARTY_TOKEN.test(fragment)) return { token: fragment, kind: 'third_party' };
  return null;
}
