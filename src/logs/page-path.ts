/**
 * What counts as a page: the request target without query and fragment, unless its extension
 * names an asset. Assets (stylesheets, scripts, images, fonts, media, robots.txt, sitemaps,
 * manifests) are loaded by a page view and say nothing new about where the visitor came from;
 * a preview's og:image fetch is part of the preview already counted for the page.
 */
const ASSET_EXTENSIONS: ReadonlySet<string> = new Set([
  'css',
  'js',
  'mjs',
  'map',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'avif',
  'svg',
  'ico',
  'bmp',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'mp4',
  'webm',
  'mp3',
  'm4a',
  'ogg',
  'wav',
  'json',
  'xml',
  'txt',
  'webmanifest',
]);

/** Extensions longer than this are not extensions (`/v1.2-release-notes`). */
const MAX_EXTENSION_LENGTH = 11;

/** `/a/b?x=1#f` → `/a/b`; `https://host/a?x` → `/a`. */
export function pagePath(target: string): string {
  let start = 0;
  if (target.charCodeAt(0) !== 47 /* / */) {
    const scheme = target.indexOf('://');
    if (scheme !== -1) {
      const slash = target.indexOf('/', scheme + 3);
      if (slash === -1) return '/';
      start = slash;
    }
  }
  let end = target.length;
  for (let i = start; i < end; i++) {
    const code = target.charCodeAt(i);
    if (code === 63 /* ? */ || code === 35 /* # */) {
      end = i;
      break;
    }
  }
  return start === 0 && end === target.length ? target : target.slice(start, end);
}

/** Extensions packed as base-128 numbers of their lower-cased char codes (up to 7 chars). */
function packExtension(text: string, start: number, end: number): number {
  let code = 0;
  for (let i = start; i < end; i++) code = code * 128 + (text.charCodeAt(i) | 0x20);
  return code;
}

const PACKED_ASSET_EXTENSIONS: ReadonlySet<number> = new Set(
  [...ASSET_EXTENSIONS].map((ext) => packExtension(ext, 0, ext.length)),
);

/**
 * Whether the target's path (query ignored) ends in an asset extension. Runs on every line,
 * so it compares numbers instead of slicing out the extension.
 */
export function isAssetTarget(target: string): boolean {
  let end = target.indexOf('?');
  if (end === -1) end = target.length;
  const dot = target.lastIndexOf('.', end - 1);
  const length = end - dot - 1;
  if (dot === -1 || length > MAX_EXTENSION_LENGTH || length === 0) return false;
  const slash = target.indexOf('/', dot);
  if (slash !== -1 && slash < end) return false;
  if (length > 7) return target.slice(dot + 1, end).toLowerCase() === 'webmanifest';
  return PACKED_ASSET_EXTENSIONS.has(packExtension(target, dot + 1, end));
}
