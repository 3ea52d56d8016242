/** The parts of a URL the rules look at; every field is '' when absent. */
export interface UrlParts {
  /** Lower-cased scheme without `:` (`https`, `android-app`), '' for scheme-less input. */
  scheme: string;
  /** Lower-cased host without port, userinfo or trailing dot; for `android-app:` the package. */
  host: string;
  /** Path, always starting with `/` (or '' when absent). */
  path: string;
  /** Raw query without `?`. */
  query: string;
  /** Raw fragment without `#`. */
  fragment: string;
}

/** Longer inputs are cut: no real URL needs more, and the rules must stay O(1) per hit. */
export const MAX_URL_LENGTH = 4096;

const MAX_HOST_LENGTH = 253;

const EMPTY: UrlParts = { scheme: '', host: '', path: '', query: '', fragment: '' };

function isSchemeChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 45 ||
    code === 46
  );
}

/** Finds `scheme://`, returning the index after `//`, or -1. */
function schemeEnd(input: string): number {
  const limit = Math.min(input.length, 40);
  for (let i = 0; i < limit; i++) {
    const code = input.charCodeAt(i);
    if (code === 58 /* : */) {
      return i > 0 && input.charCodeAt(i + 1) === 47 && input.charCodeAt(i + 2) === 47 ? i : -1;
    }
    if (!isSchemeChar(code)) return -1;
  }
  return -1;
}

function cleanHost(authority: string): string {
  let host = authority;
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    return (close === -1 ? host : host.slice(0, close + 1)).toLowerCase();
  }
  const colon = host.indexOf(':');
  if (colon !== -1) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.toLowerCase();
}

function splitTail(rest: string): Pick<UrlParts, 'path' | 'query' | 'fragment'> {
  let path = rest;
  let query = '';
  let fragment = '';
  const hash = path.indexOf('#');
  if (hash !== -1) {
    fragment = path.slice(hash + 1);
    path = path.slice(0, hash);
  }
  const question = path.indexOf('?');
  if (question !== -1) {
    query = path.slice(question + 1);
    path = path.slice(0, question);
  }
  return { path, query, fragment };
}

/**
 * Lenient URL splitter for untrusted log and tracker input: accepts absolute URLs, `//host`,
 * scheme-less `host/path`, bare hosts and path-only values. Never throws; `new URL()` would
 * reject half of what real logs contain and costs several times more.
 */
export function parseUrl(raw: string | null | undefined): UrlParts {
  if (!raw) return EMPTY;
  let input = raw.length > MAX_URL_LENGTH ? raw.slice(0, MAX_URL_LENGTH) : raw;
  input = input.trim();
  if (input === '' || input === '-') return EMPTY;

  let scheme = '';
  let rest: string;
  const end = schemeEnd(input);
  if (end !== -1) {
    scheme = input.slice(0, end).toLowerCase();
    rest = input.slice(end + 3);
  } else if (input.startsWith('//')) {
    rest = input.slice(2);
  } else if (input.charCodeAt(0) === 47 /* / */ || input.charCodeAt(0) === 63 /* ? */) {
    return { scheme: '', host: '', ...splitTail(input) };
  } else {
    rest = input; // scheme-less: `example.com/a` or a bare host
  }

  let cut = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 47 || code === 63 || code === 35) {
      cut = i;
      break;
    }
  }
  let host = cleanHost(rest.slice(0, cut));
  // DNS names stop at 253 characters; a scheme-less word without a dot is not a host either.
  if (host.length > MAX_HOST_LENGTH || (scheme === '' && !host.includes('.'))) host = '';
  const tail = splitTail(rest.slice(cut));
  return { scheme, host, ...tail };
}

/** `www.example.com` → `example.com`; other hosts unchanged. */
export function stripWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/** Number of non-empty path segments: `/a/b/` → 2. */
export function pathDepth(path: string): number {
  let depth = 0;
  let inSegment = false;
  for (let i = 0; i < path.length; i++) {
    if (path.charCodeAt(i) === 47) {
      inSegment = false;
    } else if (!inSegment) {
      inSegment = true;
      depth++;
    }
  }
  return depth;
}
