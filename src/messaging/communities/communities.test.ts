import { describe, expect, it } from 'vitest';
import type { MessagingHub } from '../create-messaging-hub.ts';
import {
  address,
  BRAND,
  keyOf,
  manualClock,
  openTestHub,
  textEvent,
} from '../testing/hub-fixture.ts';
import { createRecordingAdapter, testWebhook } from '../testing/recording-adapter.ts';
import type { Address } from '../types.ts';
import { rewriteLinks } from './rewrite-links.ts';

async function member(hub: MessagingHub, communityId: string, to: Address, timeZone = 'UTC') {
  const contact = await hub.hub.upsertContact(
    {
      brandId: BRAND,
      channel: to.channel,
      provider: to.provider,
      endpointId: to.endpointId,
      userId: to.userId,
      phone: null,
      username: null,
      email: null,
      displayName: null,
      language: 'en',
      timeZone,
    },
    0,
  );
  await hub.communities.join({
    brandId: BRAND,
    communityId,
    contactId: contact.id,
    evidence: { form: 'https://acme.example/join', ip: '192.0.2.7' },
  });
  return contact;
}

async function setUp(clock = manualClock()) {
  const adapter = createRecordingAdapter();
  const linked: string[] = [];
  const hub = await openTestHub([adapter], {
    now: clock.now,
    shareLink: async (url, ctx) => {
      linked.push(`${ctx.conversation}|${ctx.campaign}`);
      expect(url).toBe('https://acme.example/r/soup');
      return `https://acme.example/s/${linked.length}`;
    },
  });
  const community = await hub.communities.create({
    brandId: BRAND,
    name: 'Sunday recipes',
    description: 'One recipe every Sunday',
    optInWording: 'Yes, send me one recipe a week from Acme on this chat. Reply STOP to stop.',
    wordingVersion: 'v3',
  });
  return { adapter, hub, community, linked, clock };
}

describe('communities and broadcasts', () => {
  it('records the exact opt-in wording when someone joins', async () => {
    const { hub, community } = await setUp();
    const contact = await member(hub, community.id, address('u1'));
    const [line] = await hub.hub.consentHistory(BRAND, contact.id);
    expect(line).toMatchObject({
      purpose: 'marketing',
      status: 'granted',
      source: 'community_join',
      wording: community.optInWording,
      wordingVersion: 'v3',
      evidence: { form: 'https://acme.example/join', ip: '192.0.2.7', communityId: community.id },
    });
    expect((await hub.communities.members(BRAND, community.id)).map((m) => m.consentId)).toEqual([
      line?.id,
    ]);
  });

  it('broadcasts per member with their own share links, policy applied to each', async () => {
    const { adapter, hub, community, linked, clock } = await setUp();
    const [a, b, c, tokyo] = ['a', 'b', 'c', 'tokyo'].map((id) => address(id));
    await member(hub, community.id, a!);
    const stopped = await member(hub, community.id, b!);
    await member(hub, community.id, c!);
    await member(hub, community.id, tokyo!, 'Asia/Tokyo'); // noon UTC = 21:00 in Tokyo
    await hub.consent.revoke({
      brandId: BRAND,
      contact: stopped,
      purpose: 'all',
      source: 'keyword',
      wording: 'STOP',
      wordingVersion: 'keyword',
      evidence: {},
    });
    const report = await hub.communities.broadcast({
      brandId: BRAND,
      communityId: community.id,
      campaign: 'sunday-42',
      parts: [{ type: 'text', text: 'Soup tonight: https://acme.example/r/soup. Enjoy!' }],
    });
    expect(report.queued).toBe(3);
    expect(report.refused).toEqual({ opted_out: 1 });
    expect(linked.sort()).toEqual([a, c, tokyo].map((x) => `${keyOf(x!)}|sunday-42`).sort());
    await hub.worker.runOnce();
    const texts = adapter.sent.map((s) => [s.message.to.userId, s.message.parts[0]]);
    expect(texts).toHaveLength(2);
    for (const [, part] of texts) {
      expect(part).toMatchObject({
        text: expect.stringMatching(/^Soup tonight: https:\/\/acme\.example\/s\/\d\. Enjoy!$/),
      });
    }
    const counts = await hub.hub.countBroadcastStates(report.broadcast.id);
    expect(counts).toEqual({ sent: 2, queued: 1 });
    // Tokyo's copy waits for 08:00 JST (23:00 UTC).
    clock.set(Date.UTC(2026, 5, 1, 23));
    await hub.worker.runOnce();
    expect(adapter.sent.map((s) => s.message.to.userId)).toContain('tokyo');

    // A second broadcast the same day hits the daily cap for everyone who got the first.
    const again = await hub.communities.broadcast({
      brandId: BRAND,
      communityId: community.id,
      campaign: 'sunday-43',
      parts: [{ type: 'text', text: 'More soup' }],
    });
    expect(again).toMatchObject({ queued: 0, refused: { frequency_cap: 3, opted_out: 1 } });
  });

  it('schedules with notBefore', async () => {
    const { adapter, hub, community, clock } = await setUp();
    await member(hub, community.id, address('a'));
    await hub.communities.broadcast({
      brandId: BRAND,
      communityId: community.id,
      campaign: 'later',
      parts: [{ type: 'text', text: 'Tomorrow' }],
      notBefore: clock.now() + 3_600_000,
    });
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(0);
    clock.advance(3_600_000);
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(1);
  });

  it('rewrites links in text, captions and template parameters, keeping punctuation', async () => {
    const seen: string[] = [];
    const out = await rewriteLinks(
      [
        { type: 'text', text: 'See https://a.example/x, and (https://a.example/x/y).' },
        {
          type: 'media',
          url: 'https://cdn.example/p.jpg',
          mime: 'image/jpeg',
          caption: 'https://a.example/z',
        },
      ],
      { '1': 'https://a.example/x' },
      async (url) => {
        seen.push(url);
        return `S${seen.length}`;
      },
    );
    expect(out.parts).toEqual([
      { type: 'text', text: 'See S1, and (S2).' },
      { type: 'media', url: 'https://cdn.example/p.jpg', mime: 'image/jpeg', caption: 'S3' },
    ]);
    expect(out.params).toEqual({ '1': 'S4' });
  });
});

describe('inbox', () => {
  it('lets an agent take over, reply as the brand, and hand back to the assistant', async () => {
    const adapter = createRecordingAdapter();
    const calls: string[] = [];
    const hub = await openTestHub([adapter], {
      assistant: ({ message }) => {
        calls.push(message.id.value);
        return [];
      },
    });
    const from = address('u1');
    await hub.receive(
      adapter,
      testWebhook([textEvent('m1', from, 'my order is late', Date.now())]),
      BRAND,
    );
    await hub.processor.runOnce();
    const key = keyOf(from);
    expect(await hub.inbox.assign(BRAND, key, 'agent-ana')).toMatchObject({
      mode: 'agent',
      assignedAgent: 'agent-ana',
    });
    await hub.receive(adapter, testWebhook([textEvent('m2', from, 'hello?', Date.now())]), BRAND);
    await hub.processor.runOnce();
    expect(calls).toEqual(['m1']);
    const parts = [{ type: 'text' as const, text: 'Sorry! It ships today.' }];
    const first = await hub.inbox.reply({
      brandId: BRAND,
      key,
      agentId: 'agent-ana',
      parts,
      requestId: 'r1',
    });
    const again = await hub.inbox.reply({
      brandId: BRAND,
      key,
      agentId: 'agent-ana',
      parts,
      requestId: 'r1',
    });
    expect(
      first.outcome === 'queued' &&
        again.outcome === 'queued' &&
        again.record.id === first.record.id,
    ).toBe(true);
    await hub.worker.runOnce();
    expect(adapter.sent).toHaveLength(1);
    expect(adapter.sent[0]?.payload.body).not.toContain('agent-ana');
    const thread = await hub.inbox.thread(BRAND, key);
    expect(thread.map((m) => m.author)).toEqual(['contact', 'contact', 'agent:agent-ana']);
    await hub.inbox.handBack(BRAND, key);
    await hub.receive(adapter, testWebhook([textEvent('m3', from, 'thanks', Date.now())]), BRAND);
    await hub.processor.runOnce();
    expect(calls).toEqual(['m1', 'm3']);
    await expect(hub.inbox.thread('other-brand', key)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('GDPR', () => {
  it('exports a contact as JSON, erases it, and still honours their STOP afterwards', async () => {
    const { hub, community, clock } = await setUp();
    const from = address('u1');
    const hook = (id: string, text: string) =>
      testWebhook([textEvent(id, from, text, clock.now())]);
    await hub.receive(hub.adapterFor('webchat')!, hook('m1', 'hi'), BRAND);
    await hub.processor.runOnce();
    const contact = (await hub.hub.findContact(BRAND, 'webchat', 'ep-1', 'u1'))!;
    await hub.communities.join({
      brandId: BRAND,
      communityId: community.id,
      contactId: contact.id,
      evidence: {},
    });
    clock.advance(1000);
    await hub.receive(hub.adapterFor('webchat')!, hook('m2', 'STOP'), BRAND);
    await hub.processor.runOnce();
    const exported = await hub.consent.exportContact(BRAND, contact.id);
    expect(exported?.messages.map((m) => m.parts)).toEqual([
      [{ type: 'text', text: 'hi' }],
      [{ type: 'text', text: 'STOP' }],
    ]);
    expect(exported?.consents.map((c) => `${c.purpose}:${c.status}`)).toEqual([
      'marketing:granted',
      'all:revoked',
    ]);
    expect(exported?.memberships).toHaveLength(1);

    expect(await hub.consent.eraseContact(BRAND, contact.id)).toBe(true);
    expect(await hub.consent.exportContact(BRAND, contact.id)).toBeNull();
    expect(await hub.inbox.list(BRAND)).toEqual([]);
    // The same person is re-imported and re-joins: the suppression still blocks marketing.
    const back = await member(hub, community.id, from);
    expect(back.id).not.toBe(contact.id);
    const report = await hub.communities.broadcast({
      brandId: BRAND,
      communityId: community.id,
      campaign: 'after-erasure',
      parts: [{ type: 'text', text: 'Hello again' }],
    });
    expect(report).toMatchObject({ queued: 0, refused: { suppressed: 1 } });
  });
});
