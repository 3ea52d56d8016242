import type { Collector } from '../ingest/index.ts';
import { buildRedirectUrl, mintShareToken, SHARE_CODE } from '../links/index.ts';
import type { FastPath } from './fast-path-server.ts';
import type { ShareLinkResolver } from './share-link-resolver.ts';

/**
 * Sends a person on from `/s/<code>` straight from node:http, before Fastify routes the request:
 * with Penumbra's ~120 routes registered, Fastify spends ~5 µs more per request than with one,
 * which is a third of a redirect (docs/benchmarks.md, issue 5). Only the common case is served
 * here: GET, a link already in the cache, a person's browser. Anything else (a code not seen for
 * a minute, an unknown one, a preview fetcher, a bot, HEAD) returns false and goes to the Fastify
 * route, which answers it and fills the cache. Same 302, same headers, same click record.
 */
export function createShareLinkFastPath(
  resolver: ShareLinkResolver,
  collector: Collector,
): FastPath {
  return (request, response) => {
    const url = request.url;
    if (request.method !== 'GET' || url === undefined || !url.startsWith('/s/')) return false;
    const query = url.indexOf('?');
    const code = query === -1 ? url.slice(3) : url.slice(3, query);
    if (!SHARE_CODE.test(code)) return false;
    const link = resolver.cachedLink(code);
    if (!link) return false;
    const hit = {
      url: link.target,
      userAgent: String(request.headers['user-agent'] ?? ''),
      referrer: String(request.headers.referer ?? ''),
      ip: request.socket.remoteAddress ?? '',
      now: Date.now(),
    };
    const verdict = resolver.classify(link.target, hit, 'GET');
    if (verdict.class === 'preview' || verdict.class === 'bot') return false;
    const token = mintShareToken();
    try {
      response.writeHead(302, {
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        location: buildRedirectUrl(link, token),
        'content-length': '0',
      });
    } catch {
      return false; // a header Node refuses: let Fastify answer (and report) it
    }
    response.end();
    collector.recordClick(link, hit, token, verdict);
    return true;
  };
}
