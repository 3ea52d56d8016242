import { describe, expect, it } from 'vitest';
import { enqueueMessage } from '../outbox/enqueue-message.ts';
import {
  address,
  BRAND,
  keyOf,
  manualClock,
  openTestHub,
  textEvent,
} from '../testing/hub-fixture.ts';
import { createRecordingAdapter, testWebhook } from '../testing/recording-adapter.ts';

const WEEK = 7 * 86_400_000;

// The bar of issue 7: STOP in each language → no further marketing message, ever. Each person
// had granted marketing, writes one keyword, and every later marketing message is refused —
// right away and a week later — while the queued one is cancelled.
describe.each([
  ['English', 'STOP'],
  ['French', 'ARRÊT'],
  ['French, unaccented and in lower case', 'arret'],
  ['French', 'Désabonner'],
  ['Spanish', 'BAJA'],
  ['Spanish', 'parar'],
])('%s "%s"', (_language, keyword) => {
  it('cancels queued marketing and refuses all marketing afterwards', async () => {
    const clock = manualClock();
    const adapter = createRecordingAdapter();
    const hub = await openTestHub([adapter], {
      now: clock.now,
      policy: { quietHours: { purposes: [] } },
    });
    const from = address('person');
    await hub.receive(adapter, testWebhook([textEvent('m1', from, 'hola', clock.now())]), BRAND);
    await hub.processor.runOnce();
    const contact = (await hub.hub.findContact(BRAND, 'webchat', 'ep-1', 'person'))!;
    await hub.consent.grant({
      brandId: BRAND,
      contact,
      purpose: 'marketing',
      source: 'web_form',
      wording: 'Weekly recipes by chat',
      wordingVersion: 'v1',
      evidence: {},
    });
    const promo = (key: string) =>
      enqueueMessage(hub.enqueueDeps, {
        brandId: BRAND,
        contact,
        author: 'broadcast',
        message: {
          idempotencyKey: key,
          to: from,
          purpose: 'marketing',
          conversationKey: keyOf(from),
          parts: [{ type: 'text', text: 'New recipes this week' }],
          notBefore: clock.now() + 60_000,
        },
      });
    const queued = await promo('before');
    expect(queued.outcome).toBe('queued');

    clock.advance(1_000);
    await hub.receive(adapter, testWebhook([textEvent('m2', from, keyword, clock.now())]), BRAND);
    await hub.processor.runOnce();
    if (queued.outcome === 'queued') {
      expect(await hub.hub.getOutbox(queued.record.id)).toMatchObject({ state: 'cancelled' });
    }
    expect(await promo('right-after')).toMatchObject({ outcome: 'refused', code: 'opted_out' });
    clock.advance(WEEK);
    expect(await promo('a-week-later')).toMatchObject({ outcome: 'refused', code: 'opted_out' });
    await hub.worker.runOnce();
    const sentTexts = adapter.sent.flatMap((send) =>
      send.message.parts.map((part) => ('text' in part ? part.text : '')),
    );
    expect(sentTexts.some((text) => text.includes('New recipes'))).toBe(false);
  });
});
