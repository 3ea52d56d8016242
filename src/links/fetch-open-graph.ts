/** What a link card shows; every field is plain text (escape it when rendering). */
export interface OpenGraphCard {
  title: string;
  description: string;
  image: string;
  siteName: string;
}

export interface FetchOpenGraphOptions {
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

const EMPTY: OpenGraphCard = { title: '', description: '', image: '', siteName: '' };
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};
const MAX_FIELD = 300;

function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|apos|#39);/g,
    (_match, name: string) => ENTITIES[name] ?? '',
  );
}

function clean(text: string | undefined): string {
  return decodeEntities(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_FIELD);
}

/** Reads `<meta property="og:…" content="…">` (either attribute order) and `<title>`. */
export function parseOpenGraph(html: string): OpenGraphCard {
  const meta = new Map<string, string>();
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    const key = /\b(?:property|name)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase();
    const content = /\bcontent\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1];
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const image = clean(meta.get('og:image'));
  return {
    title: clean(meta.get('og:title') ?? title),
    description: clean(meta.get('og:description') ?? meta.get('description')),
    // Only absolute http(s) images: anything else (javascript:, data:) is dropped.
    image: /^https?:\/\//i.test(image) ? image : '',
    siteName: clean(meta.get('og:site_name')),
  };
}

/**
 * Fetches the target once to build its card: with a timeout and a byte limit, so a slow or huge
 * page costs a preview fetcher at most that; any failure yields an empty card (the share-link
 * page then shows the bare URL), never an error.
 */
export async function fetchOpenGraph(
  url: string,
  options: FetchOpenGraphOptions = {},
): Promise<OpenGraphCard> {
  const { timeoutMs = 3000, maxBytes = 512 * 1024, fetchImpl = fetch } = options;
  try {
    const response = await fetchImpl(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        accept: 'text/html',
        'user-agent': 'PenumbraCard/0.1 (+link preview for share links)',
      },
      redirect: 'follow',
    });
    if (!response.ok || !response.body) return EMPTY;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
    await reader.cancel().catch(() => {});
    const html = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
    // The head is where cards live: stop at </head> so a huge body costs nothing more.
    const head = html.split(/<\/head>/i, 1)[0] ?? html;
    return parseOpenGraph(head);
  } catch {
    return EMPTY;
  }
}
