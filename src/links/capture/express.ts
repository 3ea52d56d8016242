import type { PreviewReporter } from './create-preview-reporter.ts';

/** The parts of an Express/Connect request the middleware reads (no dependency on Express). */
interface ExpressLikeRequest {
  protocol?: string;
  originalUrl?: string;
  url?: string;
  ip?: string;
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

/**
 * Express and Connect middleware: `app.use(capturePreviewsForExpress(reporter))`.
 * Set Express's `trust proxy` behind a reverse proxy so `req.ip` is the fetcher's address.
 */
export function capturePreviewsForExpress(reporter: PreviewReporter) {
  return (request: ExpressLikeRequest, _response: unknown, next: () => void): void => {
    const host = String(request.headers.host ?? 'localhost');
    reporter.observe({
      url: `${request.protocol ?? 'http'}://${host}${request.originalUrl ?? request.url ?? '/'}`,
      userAgent: String(request.headers['user-agent'] ?? ''),
      ip: request.ip ?? request.socket?.remoteAddress ?? '',
      method: request.method ?? 'GET',
    });
    next();
  };
}
