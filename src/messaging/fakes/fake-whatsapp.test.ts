import { afterEach, describe, expect, it } from 'vitest';
import { type FakeWhatsApp, type FakeWhatsAppOptions, startFakeWhatsApp } from './fake-whatsapp.ts';
import { startWebhookCapture, type WebhookCapture } from './webhook-capture.ts';
import { verifyMetaSignature } from './webhook-signing.ts';
import { buttons, manualClock, send, template, text } from './whatsapp-test-kit.ts';

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

describe('startFakeWhatsApp', () => {
  it('refuses a wrong bearer token with a Graph 190 error', async () => {
    const f = await start();
    const { status, body } = await send(f, text('15551234567'), 'wrong');
    expect(status).toBe(401);
    expect(body.error.code).toBe(190);
    expect(body.error.type).toBe('OAuthException');
    expect(f.stats().rejectedByCode['190']).toBe(1);
  });

  it('answers a template outside the window with the documented response shape', async () => {
    const f = await start();
    const { status, body } = await send(f, template('+1 555 123 4567'));
    expect(status).toBe(200);
    expect(body.messaging_product).toBe('whatsapp');
    expect(body.contacts).toEqual([{ input: '+1 555 123 4567', wa_id: '15551234567' }]);
    expect(body.messages[0]!.id).toMatch(/^wamid\./);
    expect(f.stats().accepted).toBe(1);
  });

  it('validates payload limits with codes 100 and 131009', async () => {
    const f = await start({ enforceWindow: false });
    expect((await send(f, { to: '1', type: 'text', text: { body: 'x' } })).body.error.code).toBe(
      100,
    );
    expect((await send(f, text('1', 'x'.repeat(4097)))).body.error.code).toBe(131009);
    expect((await send(f, buttons('1', ['a', 'b', 'c', 'd']))).body.error.code).toBe(131009);
    expect((await send(f, buttons('1', ['a'.repeat(21)]))).body.error.code).toBe(131009);
    expect((await send(f, buttons('1', ['same', 'same']))).body.error.code).toBe(131009);
    expect((await send(f, buttons('2', ['Yes', 'No', 'Maybe']))).status).toBe(200);
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    const list = {
      messaging_product: 'whatsapp',
      to: '3',
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Recipes' },
        action: {
          button: 'See',
          sections: [
            { title: 'A', rows: rows.slice(0, 6) },
            { title: 'B', rows: rows.slice(6) },
          ],
        },
      },
    };
    expect((await send(f, list)).body.error.code).toBe(131009);
    const noLanguage = {
      messaging_product: 'whatsapp',
      to: '4',
      type: 'template',
      template: { name: 'x' },
    };
    expect((await send(f, noLanguage)).body.error.code).toBe(100);
    const both = {
      messaging_product: 'whatsapp',
      to: '5',
      type: 'image',
      image: { id: '1', link: 'https://x' },
    };
    expect((await send(f, both)).body.error.code).toBe(100);
    expect(f.stats()).toMatchObject({ accepted: 1, rejected: 8, violations: 0 });
  });

  it('enforces the 24-hour window (131047) and lets templates through', async () => {
    const clock = manualClock();
    const f = await start({ now: clock.now });
    expect((await send(f, text('15550001'))).body.error.code).toBe(131047);
    f.userWrote('15550001');
    expect((await send(f, text('15550001'))).status).toBe(200);
    clock.advance(24 * 3_600_000 + 1);
    const late = await send(f, text('15550001', 'later'));
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe(131047);
    expect((await send(f, template('15550001'))).status).toBe(200);
  });

  it('refuses marketing templates to opted-out users with 131050, utility ones pass', async () => {
    const f = await start({ templates: { promo: 'marketing', receipt: 'utility' } });
    f.optOutMarketing('15550002');
    expect((await send(f, template('15550002', 'promo'))).body.error.code).toBe(131050);
    expect((await send(f, template('15550002', 'receipt'))).status).toBe(200);
    expect((await send(f, template('15550002', 'unknown'))).body.error.code).toBe(132001);
  });

  it('counts a throughput violation (130429) only when the client exceeds the bucket', async () => {
    const clock = manualClock();
    const f = await start({
      now: clock.now,
      enforceWindow: false,
      throughput: { perSecond: 10, burst: 10 },
    });
    expect(f.limits.throughput).toMatchObject({ perSecond: 10, burst: 10, errorCode: 130429 });
    // Exactly the allowed rate for two seconds: 10 at once, then one every 100 ms.
    for (let i = 0; i < 10; i++) expect((await send(f, text(`1000${i}`))).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      clock.advance(100);
      expect((await send(f, text(`2000${i}`))).status).toBe(200);
    }
    expect(f.stats().violations).toBe(0);
    const over = await send(f, text('30000'));
    expect(over.body.error.code).toBe(130429);
    expect(f.stats()).toMatchObject({ violations: 1, violationsByLimit: { throughput: 1 } });
  });

  it('counts a pair-rate violation (131056) with burst then 1 per 6 s', async () => {
    const clock = manualClock();
    const f = await start({
      now: clock.now,
      enforceWindow: false,
      pairRate: { perSecond: 1 / 6, burst: 2 },
    });
    expect((await send(f, text('155', 'a'))).status).toBe(200);
    expect((await send(f, text('155', 'b'))).status).toBe(200);
    expect((await send(f, text('155', 'c'))).body.error.code).toBe(131056);
    expect((await send(f, text('156', 'c'))).status).toBe(200);
    clock.advance(6_000);
    expect((await send(f, text('155', 'd'))).status).toBe(200);
    expect(f.stats()).toMatchObject({ violations: 1, violationsByLimit: { pair: 1 } });
  });

  it('counts duplicates by biz_opaque_callback_data', async () => {
    const f = await start({ enforceWindow: false });
    await send(f, text('1', 'a', { biz_opaque_callback_data: 'outbox-1' }));
    await send(f, text('1', 'b', { biz_opaque_callback_data: 'outbox-2' }));
    await send(f, text('1', 'c', { biz_opaque_callback_data: 'outbox-1' }));
    expect(f.stats()).toMatchObject({
      accepted: 3,
      duplicates: 1,
      duplicateKeys: ['correlation:outbox-1'],
    });
  });

  it('plays scripted faults: a Graph code, a bare 5xx, then normal service', async () => {
    const f = await start({ enforceWindow: false });
    f.failNext({ code: 131049 });
    f.failNext({ status: 503 });
    expect((await send(f, text('1'))).body.error.code).toBe(131049);
    const unavailable = await send(f, text('1'));
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.code).toBe(2);
    expect((await send(f, text('1'))).status).toBe(200);
  });

  it('posts signed status webhooks in the real envelope, echoing biz_opaque_callback_data', async () => {
    capture = await startWebhookCapture();
    const f = await start({
      webhookUrl: capture.url,
      enforceWindow: false,
      statusWebhooks: { outOfOrder: true, duplicate: true },
    });
    const { body } = await send(
      f,
      text('15550003', 'hi', { biz_opaque_callback_data: 'outbox-9' }),
    );
    await f.flushWebhooks();
    expect(capture.received).toHaveLength(6);
    const statuses = capture.received.map((hook) => {
      expect(
        verifyMetaSignature(hook.rawBody, String(hook.headers['x-hub-signature-256']), f.appSecret),
      ).toBe(true);
      expect(
        verifyMetaSignature(hook.rawBody, String(hook.headers['x-hub-signature-256']), 'other'),
      ).toBe(false);
      const payload = JSON.parse(hook.rawBody);
      expect(payload.object).toBe('whatsapp_business_account');
      const value = payload.entry[0].changes[0].value;
      expect(payload.entry[0].changes[0].field).toBe('messages');
      expect(value.metadata.phone_number_id).toBe(f.phoneNumberId);
      const status = value.statuses[0];
      expect(status).toMatchObject({
        id: body.messages[0]!.id,
        recipient_id: '15550003',
        biz_opaque_callback_data: 'outbox-9',
      });
      return status.status;
    });
    expect(statuses).toEqual(['read', 'read', 'delivered', 'delivered', 'sent', 'sent']);
  });

  it('reports undeliverable recipients with a failed status carrying 131026', async () => {
    capture = await startWebhookCapture();
    const f = await start({
      webhookUrl: capture.url,
      enforceWindow: false,
      undeliverable: ['15550004'],
    });
    expect((await send(f, text('15550004'))).status).toBe(200);
    await f.flushWebhooks();
    const status = JSON.parse(capture.received[0]!.rawBody).entry[0].changes[0].value.statuses[0];
    expect(status.status).toBe('failed');
    expect(status.errors[0].code).toBe(131026);
  });

  it('with asyncErrors, reports 131047 as a failed status webhook after a 200', async () => {
    capture = await startWebhookCapture();
    const f = await start({ webhookUrl: capture.url, asyncErrors: true });
    const { status, body } = await send(
      f,
      text('15550007', 'hi', { biz_opaque_callback_data: 'o-7' }),
    );
    expect(status).toBe(200);
    await f.flushWebhooks();
    expect(capture.received).toHaveLength(1);
    const failed = JSON.parse(capture.received[0]!.rawBody).entry[0].changes[0].value.statuses[0];
    expect(failed).toMatchObject({
      id: body.messages[0]!.id,
      status: 'failed',
      biz_opaque_callback_data: 'o-7',
    });
    expect(failed.errors[0]).toMatchObject({ code: 131047, title: 'Re-engagement message' });
    expect(f.stats()).toMatchObject({ accepted: 0, rejected: 1, rejectedByCode: { '131047': 1 } });
  });
});
