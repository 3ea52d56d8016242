import { createHash } from 'node:crypto';
import type { MediaContent } from '../types.ts';

export interface FetchMediaOptions {
  /** Credentials for the first request only; never forwarded on a redirect. */
  headers?: Record<string, string>;
  /** The configured provider base URL: plain http is allowed to it (a local fake), nowhere else. */
  baseUrl: string;
  maxBytes: number;
  timeoutMs: number;
  /** Provider-announced hash (WhatsApp): a mismatch rejects the bytes. */
  expectedSha256?: string;
  /** Twilio redirects media to a CDN: follow once, without the credentials. */
  followRedirect?: boolean;
  mime?: string;
}

function allowed(url: URL, baseUrl: string): boolean {
  return url.protocol === 'https:' || url.origin === new URL(baseUrl).origin;
}

/**
 * GET media bytes with a size cap and an integrity check. Credentials go over TLS (or to the
 * configured fake) only, and are dropped on redirects so a CDN never sees a provider token.
 */
export async function fetchMedia(
  rawUrl: string,
  options: FetchMediaOptions,
): Promise<MediaContent> {
  let url = new URL(rawUrl);
  if (!allowed(url, options.baseUrl))
    throw new Error(`media: refusing a non-TLS URL on ${url.origin}`);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response = await fetch(url, { headers: options.headers ?? {}, signal, redirect: 'manual' });
  const location = response.headers.get('location');
  if (options.followRedirect && response.status >= 300 && response.status < 400 && location) {
    url = new URL(location, url);
    if (!allowed(url, options.baseUrl))
      throw new Error(`media: refusing a non-TLS redirect to ${url.origin}`);
    response = await fetch(url, { signal, redirect: 'error' });
  }
  if (!response.ok) throw new Error(`media: HTTP ${response.status}`);
  if (Number(response.headers.get('content-length') ?? 0) > options.maxBytes) {
    throw new Error(`media: larger than ${options.maxBytes} bytes`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > options.maxBytes)
    throw new Error(`media: larger than ${options.maxBytes} bytes`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.expectedSha256 && options.expectedSha256.toLowerCase() !== sha256) {
    throw new Error('media: sha256 does not match the provider hash');
  }
  const mime =
    options.mime ??
    response.headers.get('content-type')?.split(';')[0] ??
    'application/octet-stream';
  return { bytes, mime, sha256 };
}
