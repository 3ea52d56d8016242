import { classify } from '../../classify/index.ts';

export interface PreviewReporterOptions {
  /** Base URL of the Penumbra server, e.g. `https://penumbra.example`. */
  endpoint: string;
  /** The site's domain as registered in Penumbra. */
  site: string;
  /** An API token allowed to write to that site (`penumbra tokens create --site …`). */
  token: string;
  fetchImpl?: typeof fetch;
  /** Reporting is fire-and-forget; failures land here (default: ignored). */
  onError?: (error: unknown) => void;
}

/** What every framework adapter extracts from its request. */
export interface ObservedRequest {
  /** Absolute URL of the page requested. */
  url: string;
  userAgent: string;
  /** The client address: Penumbra turns it into the day's visitor hash and never stores it. */
  ip: string;
  method?: string;
}

/**
 * Recognises link-preview fetchers (WhatsApp, iMessage, Slack… — the classifier's R1a) on a
 * site's own server and reports each fetch to Penumbra's `POST /api/sites/:domain/previews`,
 * without delaying the response. Only previews leave the process; people's requests are not sent.
 */
export function createPreviewReporter(options: PreviewReporterOptions) {
  const fetchImpl = options.fetchImpl ?? fetch;
  const target = `${options.endpoint.replace(/\/$/, '')}/api/sites/${encodeURIComponent(options.site)}/previews`;
  return {
    /** Returns the preview's channel (and reports it) when the request is a preview fetch, else null. */
    observe(request: ObservedRequest): string | null {
      const verdict = classify({
        url: request.url,
        user_agent: request.userAgent,
        method: request.method ?? 'GET',
      });
      if (verdict.class !== 'preview') return null;
      const body = JSON.stringify({
        url: request.url,
        user_agent: request.userAgent,
        ip: request.ip,
        time: new Date().toISOString(),
      });
      fetchImpl(target, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body,
      }).catch((error: unknown) => options.onError?.(error));
      return verdict.channel;
    },
  };
}

export type PreviewReporter = ReturnType<typeof createPreviewReporter>;
