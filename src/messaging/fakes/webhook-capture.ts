/**
 * A receiver for the fakes' webhooks in tests and demos: records every request with its raw
 * body, so a test verifies signatures over the exact bytes, as the real app must.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { startHttpFake } from './fake-http-server.ts';

export interface CapturedWebhook {
  method: string;
  path: string;
  /** The URL as the sender called it (Twilio signs it). */
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export async function startWebhookCapture(options: { status?: number } = {}) {
  const received: CapturedWebhook[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let baseUrl = '';
  const server = await startHttpFake((request) => {
    received.push({
      method: request.method,
      path: request.path,
      url: `${baseUrl}${request.target}`,
      headers: request.headers,
      rawBody: request.body.toString('utf8'),
    });
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    return { status: options.status ?? 200, body: '' };
  });
  baseUrl = server.url;
  return {
    url: server.url,
    received,
    /** Resolves once `count` webhooks have arrived in total; rejects after `timeoutMs`. */
    waitFor(count: number, timeoutMs = 5_000): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} webhooks, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    stop: () => server.close(),
  };
}

export type WebhookCapture = Awaited<ReturnType<typeof startWebhookCapture>>;
