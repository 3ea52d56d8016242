import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEvent, RawRequest } from '../../types.ts';
import { createWebchatAdapter } from '../webchat.ts';
import { createMemoryWebchatMailbox } from '../webchat-mailbox.ts';
import { WEBCHAT_MESSAGES_PATH, WEBCHAT_SESSIONS_PATH } from '../webchat-paths.ts';
import { issueWebchatSession, verifyWebchatToken } from '../webchat-session.ts';

// The widget as shipped (dist/webchat.js, built by the vitest global setup) in real Chromium,
// against a minimal hub that speaks the web chat protocol through the adapter.
const WIDGET = new URL('../../../../dist/webchat.js', import.meta.url);
const SECRET = 'widget-test-secret-0123456789abcdef';
const HOSTILE = '<img src=x onerror="window.__xss=1">Pasta & <b>soup</b>';

const mailbox = createMemoryWebchatMailbox();
const adapter = createWebchatAdapter({ sessionSecret: SECRET, siteId: 'shop.example', mailbox });
const received: InboundEvent[] = [];
let server: Server;
let base: string;
let browser: Browser;

async function hub(
  req: import('node:http').IncomingMessage,
  res: import('node:http').ServerResponse,
) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', base);
  const raw: RawRequest = {
    method: req.method ?? 'GET',
    url: url.href,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
  const json = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname === '/')
    return res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><body><script src="/webchat.js" data-endpoint="${base}" data-title="Ask us"></script></body>`,
      );
  if (url.pathname === '/webchat.js')
    return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(WIDGET));
  if (url.pathname === WEBCHAT_SESSIONS_PATH) return json(200, issueWebchatSession(SECRET, 1));
  if (!adapter.verify(raw) && raw.method === 'POST') return json(401, { error: 'bad token' });
  if (raw.method === 'POST') {
    const events = adapter.parse(raw);
    received.push(...events);
    json(202, { accepted: true });
    // The "assistant": echo back hostile text and a choice.
    const [event] = events;
    if (event?.kind === 'message' && event.parts[0]?.type === 'text') {
      const to = event.from;
      for (const payload of adapter.render({
        idempotencyKey: 'r',
        to,
        purpose: 'service',
        conversationKey: event.conversationKey,
        parts: [
          { type: 'text', text: HOSTILE },
          {
            type: 'choices',
            prompt: 'Which one?',
            options: [{ id: 'recipe:1', title: '<i>Pasta</i>' }],
          },
        ],
      })) {
        await adapter.send(payload);
      }
    }
    return;
  }
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  const sessionId = verifyWebchatToken(SECRET, token);
  if (!sessionId || url.pathname !== WEBCHAT_MESSAGES_PATH)
    return json(401, { error: 'bad token' });
  json(200, await mailbox.poll(sessionId, Number(url.searchParams.get('after') ?? 0), 1000));
}

beforeAll(async () => {
  server = createServer((req, res) => void hub(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.PENUMBRA_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('web chat widget', () => {
  it('is built small and never uses innerHTML', () => {
    expect(existsSync(WIDGET)).toBe(true);
    const source = readFileSync(WIDGET, 'utf8');
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(source.length).toBeLessThan(8000);
  });

  it('sends a message, shows replies as text only, and sends a choice', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('button', { name: 'Ask us' }).click();
    await page.getByLabel('Message').fill('what can I cook?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(HOSTILE).waitFor({ timeout: 10_000 });
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    expect(await page.locator('img, b, i').count()).toBe(0);
    await page.getByRole('button', { name: '<i>Pasta</i>' }).click();
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
    expect(received.map((e) => e.kind === 'message' && e.parts[0])).toEqual([
      { type: 'text', text: 'what can I cook?' },
      { type: 'choice', choiceId: 'recipe:1' },
    ]);
    await page.close();
  });
});
