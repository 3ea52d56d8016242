/**
 * Delivers the fakes' webhooks (status callbacks, inbound messages) to the app under test with a
 * bounded number of requests in flight: at benchmark rates a fake may owe thousands of callbacks,
 * and firing them all at once would make the fake, not the app, the bottleneck. It uses node:http
 * with keep-alive rather than fetch: measured here, fetch capped a fake at ~200 sends/s once each
 * send owed three status webhooks.
 */
import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface WebhookDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** HTTP status the receiver answered, or 0 when the request failed. */
  status: number;
  error?: string;
}

export interface WebhookSenderOptions {
  concurrency?: number;
  timeoutMs?: number;
  /** How many deliveries to keep for assertions (oldest are dropped first). */
  keep?: number;
}

interface Pending {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export class WebhookSender {
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private waiting: (() => void)[] = [];
  private readonly log: WebhookDelivery[] = [];
  private delivered = 0;
  private failed = 0;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly keep: number;
  private readonly httpAgent: Agent;
  private readonly httpsAgent: HttpsAgent;

  constructor(options: WebhookSenderOptions = {}) {
    this.concurrency = options.concurrency ?? 16;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.keep = options.keep ?? 20_000;
    this.httpAgent = new Agent({ keepAlive: true, maxSockets: this.concurrency });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: this.concurrency });
  }

  /** Closes the kept-alive sockets (call after the last flush). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Queues one POST; queued posts leave in order, at most `concurrency` at a time. */
  post(url: string, body: string, headers: Record<string, string>): void {
    this.queue.push({ url, body, headers });
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.inFlight++;
      void this.deliver(next).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) {
          for (const resolve of this.waiting.splice(0)) resolve();
        }
      });
    }
  }

  private async deliver(item: Pending): Promise<void> {
    const entry: WebhookDelivery = {
      url: item.url,
      headers: item.headers,
      body: item.body,
      status: 0,
    };
    try {
      entry.status = await this.send(item);
      if (entry.status >= 200 && entry.status < 300) this.delivered++;
      else this.failed++;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
      this.failed++;
    }
    this.log.push(entry);
    if (this.log.length > this.keep) this.log.shift();
  }

  private send(item: Pending): Promise<number> {
    const url = new URL(item.url);
    const secure = url.protocol === 'https:';
    const request = secure ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: { ...item.headers, 'content-length': String(Buffer.byteLength(item.body)) },
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: this.timeoutMs,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`webhook timed out after ${this.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(item.body);
    });
  }

  /** Resolves once every queued webhook has been delivered (or failed). */
  flush(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  deliveries(): WebhookDelivery[] {
    return [...this.log];
  }

  counts(): { queued: number; delivered: number; failed: number } {
    return {
      queued: this.queue.length + this.inFlight,
      delivered: this.delivered,
      failed: this.failed,
    };
  }
}
