/**
 * A page view's share token: 10 url-safe chars carrying 60 random bits (base64 of 8 random
 * bytes, cut to 10 chars; `+` and `/` become `_`). Short so it survives clipping in chats
 * (Pound's trade-off, research/measurement.md §1.6); random, so it says nothing about the
 * visitor (§3). btoa instead of a 64-char alphabet: the alphabet alone cost ~70 bytes gzip.
 */
export const mintToken = (): string =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(8))))
    .slice(0, 10)
    .replace(/\W/g, '_');
