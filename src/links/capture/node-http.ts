import type { IncomingMessage } from 'node:http';
import type { PreviewReporter } from './create-preview-reporter.ts';

/**
 * Plain `node:http`: call the returned function first thing in your request handler.
 * @example
 * const capture = capturePreviewsForNode(createPreviewReporter({ endpoint, site, token }));
 * createServer((req, res) => { capture(req); … });
 */
export function capturePreviewsForNode(reporter: PreviewReporter) {
  return (request: IncomingMessage): string | null => {
    const host = request.headers.host ?? 'localhost';
    const scheme = 'encrypted' in request.socket && request.socket.encrypted ? 'https' : 'http';
    return reporter.observe({
      url: `${scheme}://${host}${request.url ?? '/'}`,
      userAgent: String(request.headers['user-agent'] ?? ''),
      ip: request.socket.remoteAddress ?? '',
      method: request.method ?? 'GET',
    });
  };
}
