import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWhatsApp, startFakeWhatsApp } from '../messaging/fakes/index.ts';
import { loadServerConfig } from './config.ts';
import { type RunningServer, startServer } from './start-server.ts';

// `penumbra serve` with the hub: real stores, the real recipe assistant, web chat over HTTP and
// WhatsApp through its local fake. The loop: a recipe link sent in a chat is a share link.
let server: RunningServer;
let whatsapp: FakeWhatsApp;
const whatsappOptions: { webhookUrl?: string } = {};

beforeAll(async () => {
  whatsapp = await startFakeWhatsApp(whatsappOptions);
  const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-hub-'));
  server = await startServer(loadServerConfig({ port: 0, dataDir, logLevel: 'silent' }, {}), {
    prepare: async ({ state }) => {
      await state.createSite('food.example');
      return undefined;
    },
    messaging: async ({ state }) => ({
      site: (await state.findSiteByDomain('food.example'))!,
      channels: {
        whatsapp: {
          baseUrl: whatsapp.url,
          apiVersion: 'v21.0',
          phoneNumberId: whatsapp.phoneNumberId,
          accessToken: whatsapp.accessToken,
          appSecret: whatsapp.appSecret,
          verifyToken: 'test-verify-token',
        },
      },
      policy: { quietHours: { purposes: [] } },
    }),
  });
  whatsappOptions.webhookUrl = `${server.url}/hooks/whatsapp`;
});
afterAll(async () => {
  await server.close();
  await whatsapp.stop();
});

type Part = { type: string; text?: string; options?: { id: string; title: string }[] };

async function chat() {
  const session = (await (
    await fetch(`${server.url}/webchat/sessions`, { method: 'POST', body: '{}' })
  ).json()) as { token: string };
  const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
  let cursor = 0;
  let counter = 0;
  return {
    async send(body: { text: string } | { choiceId: string }) {
      const response = await fetch(`${server.url}/webchat/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ clientMessageId: `m${counter++}`, ...body }),
      });
      expect(response.status).toBe(200);
    },
    /** Waits for replies, as the widget's long poll does. */
    async replies(atLeast: number): Promise<Part[]> {
      const parts: Part[] = [];
      for (let attempt = 0; attempt < 20 && parts.length < atLeast; attempt++) {
        const answer = (await (
          await fetch(`${server.url}/webchat/messages?after=${cursor}&wait=1`, { headers })
        ).json()) as { messages: { part: Part }[]; cursor: number };
        cursor = answer.cursor;
        parts.push(...answer.messages.map((message) => message.part));
      }
      return parts;
    },
  };
}

describe('the messaging hub in penumbra serve', () => {
  it('answers a fridge on the web chat, and a chosen recipe links back through a share link', async () => {
    const person = await chat();
    await person.send({ text: "j'ai 3 oeufs, des tomates et du gruyère" });
    const first = await person.replies(3);
    const choices = first.find((part) => part.type === 'choices');
    expect(first[0]?.text).toMatch(/STOP/); // the greeting says how to stop
    expect(choices?.options?.length).toBeGreaterThan(0);
    await person.send({ choiceId: choices!.options![0]!.id });
    const card = (await person.replies(1)).map((part) => part.text ?? '').join('\n');
    const link = /http:\/\/127\.0\.0\.1:\d+\/s\/([A-Za-z0-9]{7})/.exec(card);
    expect(link, card).not.toBeNull();
    const redirect = await fetch(link![0], {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)' },
    });
    expect(redirect.status).toBe(302);
    // A share token for the cascade, on the brand's own site (never an open redirect).
    expect(redirect.headers.get('location')).toMatch(
      /^https:\/\/food\.example\/food\/recipes\/.+#pn=/,
    );
  });

  it('refuses web chat messages without a genuine session token', async () => {
    const forged = await fetch(`${server.url}/webchat/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer forged.token', 'content-type': 'application/json' },
      body: JSON.stringify({ clientMessageId: 'x', text: 'hello' }),
    });
    expect(forged.status).toBe(401);
    const poll = await fetch(`${server.url}/webchat/messages?after=0`);
    expect(poll.status).toBe(401);
  });

  it('caps new sessions per address, so an open widget cannot be used to flood the hub', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await fetch(`${server.url}/webchat/sessions`, { method: 'POST' })).status);
    }
    expect(statuses.filter((status) => status === 201).length).toBeLessThanOrEqual(20);
    const last = await fetch(`${server.url}/webchat/sessions`, { method: 'POST' });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers WhatsApp through the provider API, and STOP silences the brand at once', async () => {
    const hub = server.messaging!.messaging.hub;
    const brand = server.messaging!.brandId;
    /** Every inbound event handled and nothing left to send. */
    const settled = async () =>
      (await hub.countUnprocessedInbound()) === 0 &&
      (await hub.listOutbox(brand, { states: ['queued', 'sending'] })).length === 0;
    await whatsapp.sendInbound({ from: '33611111111', text: 'tengo pollo, arroz y pimientos' });
    await expect.poll(() => whatsapp.sent().length, { timeout: 10_000 }).toBeGreaterThan(0);
    // Settled, and nothing more arriving for a moment: the assistant's replies may be enqueued
    // part by part, so one settled reading can fall between two of them.
    const quiet = async () => {
      const before = whatsapp.sent().length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return (await settled()) && whatsapp.sent().length === before;
    };
    await expect.poll(quiet, { timeout: 10_000 }).toBe(true);
    const answered = whatsapp.sent().length;
    await whatsapp.sendInbound({ from: '33611111111', text: 'STOP' });
    // One confirmation of the STOP…
    await expect.poll(() => whatsapp.sent().length, { timeout: 10_000 }).toBe(answered + 1);
    await expect.poll(settled, { timeout: 10_000 }).toBe(true);
    // …and nothing else: the assistant does not go on. (Writing again is asking again, so a
    // service reply may follow then; marketing never does: src/messaging/policy tests.)
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await settled()).toBe(true);
    expect(whatsapp.sent().length).toBe(answered + 1);
    expect(whatsapp.stats().violations).toBe(0);
  });
});

describe('PENUMBRA_MESSAGING', () => {
  it('names the setting to fix when the file or its site is wrong', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'penumbra-hub-config-'));
    const file = join(dataDir, 'messaging.json');
    writeFileSync(file, JSON.stringify({ site: 'unknown.example' }));
    const config = loadServerConfig(
      { port: 0, dataDir, logLevel: 'silent' },
      { PENUMBRA_MESSAGING: file },
    );
    await expect(startServer(config)).rejects.toThrow(/unknown\.example is not a site/);
    writeFileSync(file, '{ not json');
    const broken = loadServerConfig(
      { port: 0, dataDir, logLevel: 'silent' },
      { PENUMBRA_MESSAGING: file },
    );
    await expect(startServer(broken)).rejects.toThrow(/cannot read .* as JSON/);
  });
});
