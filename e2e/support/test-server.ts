import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server answers for one path; `body` may be a function, read on every request. */
export interface Route {
  type: string;
  body: string | Buffer | (() => string | Buffer);
}

/** One request the collector route received, as the browser sent it. */
export interface CollectedRequest {
  /** The `Content-Type` header (`text/plain;charset=UTF-8` from sendBeacon and fetch). */
  contentType: string;
  /** The raw body. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export interface TestServerOptions {
  /** Static routes by path (query strings are ignored when matching); more can be added later. */
  routes?: Record<string, Route>;
  /** Path whose POSTs are recorded and answered 202; `false` to leave collecting to another server. */
  collectPath?: string | false;
  /** Answers GETs that no static route matches, e.g. share redirects; undefined falls through to 404. */
  dynamic?: (
    url: URL,
    request: IncomingMessage,
  ) => { status: number; headers: Record<string, string> } | undefined;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  routes: Record<string, Route>;
  /** Every POST to the collector path, in arrival order. */
  requests: CollectedRequest[];
  /** Resolves with the first recorded request that matches (polling), or rejects after `timeoutMs`. */
  waitFor(
    match: (request: CollectedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<CollectedRequest>;
  close(): Promise<void>;
}

/** A route that serves a file as it is on disk at request time (so a rebuilt `dist/` is seen). */
export const fileRoute = (path: string, type: string): Route => ({
  type,
  body: () => readFileSync(path),
});

/**
 * A tiny HTTP server on 127.0.0.1 (a free port) for browser tests: serves fixture pages and
 * scripts, and records what a tracker posts to its collector path. No dependencies, so it can
 * also serve the fixture site in front of a real Penumbra server.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const routes: Record<string, Route> = { ...options.routes };
  const collectPath = options.collectPath ?? '/api/event';
  const requests: CollectedRequest[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && path === collectPath) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      requests.push({ contentType: request.headers['content-type'] ?? '', text, json });
      response.writeHead(202).end();
      return;
    }
    const route = routes[path];
    const dynamic =
      !route && request.method === 'GET'
        ? options.dynamic?.(new URL(request.url ?? '/', 'http://localhost'), request)
        : undefined;
    if (dynamic) {
      response.writeHead(dynamic.status, dynamic.headers).end();
      return;
    }
    if (request.method !== 'GET' || !route) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const body = typeof route.body === 'function' ? route.body() : route.body;
    // no-store: every test run loads the script it just built.
    response.writeHead(200, { 'Content-Type': route.type, 'Cache-Control': 'no-store' }).end(body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    async waitFor(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching request within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
