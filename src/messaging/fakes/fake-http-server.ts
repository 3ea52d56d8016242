/**
 * The HTTP plumbing every provider fake shares: a bare node:http server on 127.0.0.1:0 (no
 * framework, so the fake is never the bottleneck at a few thousand requests per second), the raw
 * request as bytes, and a script of faults a test can queue (`failNext`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the route. */
  path: string;
  /** The request target exactly as received (path and query), for URL signatures. */
  target: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface FakeResponse {
  status: number;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => Promise<FakeResponse> | FakeResponse;

/**
 * A scripted fault for the next request(s). With `code` the fake answers its provider's error
 * body for that code; `status` alone gives a bare HTTP error (5xx); `delayMs` alone only slows
 * the answer; `drop` closes the connection without answering (a network failure).
 */
export interface ScriptedFault {
  code?: number;
  subcode?: number;
  status?: number;
  message?: string;
  delayMs?: number;
  drop?: boolean;
  /** Telegram 429 faults: the `parameters.retry_after` to answer. */
  retryAfterSeconds?: number;
  /** How many consecutive requests this fault applies to (default 1). */
  times?: number;
}

export class FaultScript {
  private readonly faults: ScriptedFault[] = [];

  failNext(fault: ScriptedFault): void {
    for (let i = 0; i < (fault.times ?? 1); i++) this.faults.push(fault);
  }

  /** The fault for this request, if one is queued. */
  next(): ScriptedFault | undefined {
    return this.faults.shift();
  }

  clear(): void {
    this.faults.length = 0;
  }
}

export interface RunningHttpFake {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpFake(handler: FakeHandler): Promise<RunningHttpFake> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        target: req.url ?? '/',
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      Promise.resolve()
        .then(() => handler(request))
        .then(
          (response) => send(res, response),
          (error: unknown) => send(res, { status: 500, body: { error: String(error) } }),
        );
    });
  });
  // Benchmarks keep connections alive across thousands of requests.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Marker response: the handler asks for the socket to be destroyed (scripted `drop`). */
export const DROP_CONNECTION: FakeResponse = { status: 0, body: null };

function send(res: ServerResponse, response: FakeResponse): void {
  if (response === DROP_CONNECTION) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | Buffer;
  if (Buffer.isBuffer(response.body) || typeof response.body === 'string') {
    payload = response.body;
  } else {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Applies the delay part of a fault; returns the fault if it also replaces the answer. */
export async function applyFault(
  fault: ScriptedFault | undefined,
): Promise<ScriptedFault | undefined> {
  if (!fault) return undefined;
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.drop || fault.code !== undefined || fault.status !== undefined) return fault;
  return undefined;
}

/** Reads a JSON or form body into a plain record; undefined when it is neither. */
export function parseBody(request: FakeRequest): Record<string, unknown> | undefined {
  const type = String(request.headers['content-type'] ?? '');
  const text = request.body.toString('utf8');
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The bearer token of a request, if any. */
export function bearerToken(request: FakeRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}
