import type { PreviewReporter } from './create-preview-reporter.ts';

/** A Fetch-API request, as Hono (`c.req.raw`) and Next.js middleware (`NextRequest`) give it. */
interface WebRequestLike {
  url: string;
  method: string;
  headers: { get(name: string): string | null };
  /** Next.js on some hosts sets `request.ip`. */
  ip?: string;
}

function clientAddress(request: WebRequestLike, ip?: string): string {
  return ip ?? request.ip ?? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? '';
}

/**
 * Next.js middleware (`middleware.ts`): call it, then return `NextResponse.next()`.
 * @example
 * const capture = capturePreviewsForWebRequest(createPreviewReporter({ endpoint, site, token }));
 * export function middleware(request: NextRequest) { capture(request); return NextResponse.next(); }
 */
export function capturePreviewsForWebRequest(reporter: PreviewReporter) {
  return (request: WebRequestLike, ip?: string): string | null =>
    reporter.observe({
      url: request.url,
      userAgent: request.headers.get('user-agent') ?? '',
      ip: clientAddress(request, ip),
      method: request.method,
    });
}

/** Hono middleware: `app.use(capturePreviewsForHono(reporter, (c) => getConnInfo(c).remote.address))`. */
export function capturePreviewsForHono<Context extends { req: { raw: WebRequestLike } }>(
  reporter: PreviewReporter,
  addressOf?: (context: Context) => string | undefined,
) {
  const capture = capturePreviewsForWebRequest(reporter);
  return async (context: Context, next: () => Promise<void>): Promise<void> => {
    capture(context.req.raw, addressOf?.(context));
    await next();
  };
}
