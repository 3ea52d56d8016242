import { afterEach, describe, expect, it } from 'vitest';
import { type FakeWhatsApp, type FakeWhatsAppOptions, startFakeWhatsApp } from './fake-whatsapp.ts';
import { startWebhookCapture, type WebhookCapture } from './webhook-capture.ts';
import { verifyMetaSignature } from './webhook-signing.ts';
import { manualClock, send, template, text } from './whatsapp-test-kit.ts';

let fake: FakeWhatsApp | undefined;
let capture: WebhookCapture | undefined;
afterEach(async () => {
  await fake?.stop();
  await capture?.stop();
  fake = undefined;
  capture = undefined;
});

async function start(options: FakeWhatsAppOptions = {}) {
  fake = await startFakeWhatsApp(options);
  return fake;
}

describe('startFakeWhatsApp inbound side', () => {
  it('posts signed inbound messages (text, button reply, image) and opens the window', async () => {
    capture = await startWebhookCapture();
    const f = await start({ webhookUrl: capture.url, statusWebhooks: { statuses: [] } });
    await f.sendInbound({ from: '15550005', text: 'what can I cook?' });
    await f.sendInbound({
      from: '15550005',
      buttonReply: { id: 'yes', title: 'Yes' },
      contextId: 'wamid.X',
    });
    const photo = Buffer.from('fake-jpeg-bytes');
    await f.sendInbound({ from: '15550005', image: { bytes: photo, caption: 'fridge' } });
    expect(capture.received).toHaveLength(3);
    const messages = capture.received.map((hook) => {
      expect(
        verifyMetaSignature(hook.rawBody, String(hook.headers['x-hub-signature-256']), f.appSecret),
      ).toBe(true);
      return JSON.parse(hook.rawBody).entry[0].changes[0].value.messages[0];
    });
    expect(messages[0]).toMatchObject({
      from: '15550005',
      type: 'text',
      text: { body: 'what can I cook?' },
    });
    expect(messages[1]).toMatchObject({
      type: 'interactive',
      context: { id: 'wamid.X' },
      interactive: { type: 'button_reply', button_reply: { id: 'yes' } },
    });
    expect(messages[2]).toMatchObject({
      type: 'image',
      image: { caption: 'fridge', mime_type: 'image/jpeg' },
    });
    expect((await send(f, text('15550005', 'here are recipes'))).status).toBe(200);

    // Media download: id → URL on the fake (Bearer required) → bytes.
    const auth = { authorization: `Bearer ${f.accessToken}` };
    const meta = (await (
      await fetch(`${f.url}/v21.0/${messages[2].image.id}`, { headers: auth })
    ).json()) as { url: string; sha256: string };
    expect(meta.sha256).toBe(messages[2].image.sha256);
    expect((await fetch(meta.url)).status).toBe(401);
    const download = await fetch(meta.url, { headers: auth });
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('expires media URLs after the configured time', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now, mediaUrlTtlMs: 1_000 });
    const id = f.addMedia(Buffer.from('x'), 'image/png');
    const auth = { authorization: `Bearer ${f.accessToken}` };
    const { url } = (await (await fetch(`${f.url}/v21.0/${id}`, { headers: auth })).json()) as {
      url: string;
    };
    expect((await fetch(url, { headers: auth })).status).toBe(200);
    clock.advance(1_001);
    expect((await fetch(url, { headers: auth })).status).toBe(404);
  });

  it('posts the user_preferences webhook and applies the marketing opt-out', async () => {
    capture = await startWebhookCapture();
    const f = await start({ webhookUrl: capture.url, templates: { promo: 'marketing' } });
    expect(await f.sendMarketingPreference('15550006', 'stop')).toBe(200);
    const change = JSON.parse(capture.received[0]!.rawBody).entry[0].changes[0];
    expect(change.field).toBe('user_preferences');
    expect(change.value.user_preferences[0]).toMatchObject({
      wa_id: '15550006',
      category: 'marketing_messages',
      value: 'stop',
    });
    expect((await send(f, template('15550006', 'promo'))).body.error.code).toBe(131050);
    await f.sendMarketingPreference('15550006', 'resume');
    expect((await send(f, template('15550006', 'promo'))).status).toBe(200);
  });
});
