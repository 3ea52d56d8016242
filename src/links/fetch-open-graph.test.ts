import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOpenGraph, parseOpenGraph } from './fetch-open-graph.ts';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/slow') return; // never answers
    if (request.url === '/huge') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<html><head><title>Huge</title>');
      const filler = 'x'.repeat(64 * 1024);
      const timer = setInterval(() => response.write(filler), 1);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (request.url === '/missing') return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<html><head><title>Fallback</title>
      <meta content="Soup &amp; bread" property="og:title">
      <meta property="og:description" content="  A warm   recipe ">
      <meta property="og:image" content="javascript:alert(1)">
      </head><body><meta property="og:title" content="not in head"></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('Open Graph cards of share-link targets', () => {
  it('reads og tags in either attribute order, decodes entities, drops unsafe images', async () => {
    expect(await fetchOpenGraph(`${origin}/page`)).toEqual({
      title: 'Soup & bread',
      description: 'A warm recipe',
      image: '',
      siteName: '',
    });
  });
  it('gives up on slow pages, huge pages and errors with an empty card, quickly', async () => {
    const started = Date.now();
    expect((await fetchOpenGraph(`${origin}/slow`, { timeoutMs: 200 })).title).toBe('');
    expect(Date.now() - started).toBeLessThan(2000);
    const huge = await fetchOpenGraph(`${origin}/huge`, { maxBytes: 256 * 1024, timeoutMs: 5000 });
    expect(huge.title).toBe('Huge');
    expect((await fetchOpenGraph(`${origin}/missing`)).title).toBe('');
    expect((await fetchOpenGraph('http://127.0.0.1:1/refused')).title).toBe('');
  });
  it('falls back to <title> and the description meta', () => {
    expect(parseOpenGraph('<title>T</title><meta name="description" content="D">')).toMatchObject({
      title: 'T',
      description: 'D',
    });
  });
});
