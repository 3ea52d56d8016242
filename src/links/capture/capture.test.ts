import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiTokenSecret,
  loadServerConfig,
  type RunningServer,
  startServer,
} from '../../server/index.ts';
import {
  capturePreviewsForExpress,
  capturePreviewsForFastify,
  capturePreviewsForHono,
  capturePreviewsForNode,
  capturePreviewsForWebRequest,
  createPreviewReporter,
  type PreviewReporter,
} from './index.ts';

const SITE = 'capture.example';
const WHATSAPP = 'WhatsApp/2.23.20.0 A';
const SLACK = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';
const PERSON =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

let penumbra: RunningServer;
let reporter: PreviewReporter;
let siteId: string;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-capture-'));
  const secret = createApiTokenSecret();
  penumbra = await startServer(loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }, {}), {
    prepare: async ({ state }) => {
      siteId = (await state.createSite(SITE)).id;
      await state.createApiToken({
        name: 'capture',
        tokenHash: secret.hash,
        prefix: secret.prefix,
        siteIds: [siteId],
      });
      return undefined;
    },
  });
  reporter = createPreviewReporter({ endpoint: penumbra.url, site: SITE, token: secret.token });
});
afterAll(async () => {
  for (const close of closers) await close();
  await penumbra.close();
});

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

async function previewsFor(path: string, expected: number) {
  for (let i = 0; i < 100; i++) {
    await penumbra.collector.flush();
    const previews = (await penumbra.events.list(siteId, { name: 'preview' })).filter(
      (p) => p.path === path,
    );
    if (previews.length >= expected) return previews;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (await penumbra.events.list(siteId, { name: 'preview' })).filter((p) => p.path === path);
}

/** Sends a preview fetch, a second one and a person's visit; expects exactly the two previews. */
async function exercise(origin: string, path: string) {
  for (const userAgent of [WHATSAPP, SLACK, PERSON]) {
    const response = await fetch(`${origin}${path}`, { headers: { 'user-agent': userAgent } });
    expect(await response.text()).toBe('page');
  }
  const previews = await previewsFor(path, 2);
  expect(previews.map((p) => p.channel).sort()).toEqual(['slack', 'whatsapp']);
  // WhatsApp fetches from the sender's phone: its daily hash is kept; Slack's servers get none.
  expect(previews.find((p) => p.channel === 'whatsapp')?.visitor_id).toMatch(/^[0-9a-f]{16}$/);
  expect(previews.find((p) => p.channel === 'slack')?.visitor_id).toBe('');
}

describe('preview capture on real servers of each framework', () => {
  it('node:http', async () => {
    const capture = capturePreviewsForNode(reporter);
    const server = createServer((request, response) => {
      capture(request);
      response.end('page');
    });
    closers.push(() => server.close());
    await exercise(await listen(server), '/node/story');
  });

  it('Express (and Connect-style middleware)', async () => {
    const app = express();
    app.use(capturePreviewsForExpress(reporter));
    app.get('/express/story', (_request, response) => {
      response.send('page');
    });
    const server = createServer(app);
    closers.push(() => server.close());
    await exercise(await listen(server), '/express/story');
  });

  it('Fastify', async () => {
    const app = Fastify();
    app.addHook('onRequest', capturePreviewsForFastify(reporter));
    app.get('/fastify/story', async () => 'page');
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    await exercise(origin, '/fastify/story');
  });

  it('Hono', async () => {
    const app = new Hono();
    app.use(capturePreviewsForHono(reporter));
    app.get('/hono/story', (c) => c.text('page'));
    const origin = await new Promise<string>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
      closers.push(() => server.close());
    });
    await exercise(origin, '/hono/story');
  });

  it('Next.js middleware shape (a Fetch API Request; no Next server in the tests)', async () => {
    const capture = capturePreviewsForWebRequest(reporter);
    const request = new Request(`https://${SITE}/next/story`, {
      headers: { 'user-agent': WHATSAPP, 'x-forwarded-for': '203.0.113.9, 10.0.0.1' },
    });
    expect(capture(request)).toBe('whatsapp');
    expect(
      capture(new Request(`https://${SITE}/next/story`, { headers: { 'user-agent': PERSON } })),
    ).toBeNull();
    expect((await previewsFor('/next/story', 1)).map((p) => p.channel)).toEqual(['whatsapp']);
  });
});
