import type { PreviewReporter } from './create-preview-reporter.ts';

/** The parts of a Fastify request the hook reads. */
interface FastifyLikeRequest {
  protocol: string;
  hostname: string;
  url: string;
  ip: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Fastify: `app.addHook('onRequest', capturePreviewsForFastify(reporter))`. */
export function capturePreviewsForFastify(reporter: PreviewReporter) {
  return async (request: FastifyLikeRequest): Promise<void> => {
    const host = String(request.headers.host ?? request.hostname);
    reporter.observe({
      url: `${request.protocol}://${host}${request.url}`,
      userAgent: String(request.headers['user-agent'] ?? ''),
      ip: request.ip,
      method: request.method,
    });
  };
}
