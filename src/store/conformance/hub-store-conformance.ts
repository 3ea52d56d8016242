import { describe, expect, it } from 'vitest';
import type { HubStore } from '../hub-store.ts';
import { storeError, trackStores } from './conformance-context.ts';
import { BRAND, claim, contactInput, outboxInput } from './hub-store-fixtures.ts';
import { describeHubOutbox } from './hub-store-outbox.ts';

/**
 * The behaviour every HubStore adapter must have. `create` returns a new, empty, unmigrated
 * store each call; `openTwice` (adapters on a shared file/server) returns two handles on one
 * fresh database, for the several-workers tests.
 *
 * @example
 * runHubStoreConformance('sqlite', () => createSqliteHubStore({ path: ':memory:' }));
 */
export function runHubStoreConformance(
  name: string,
  create: () => Promise<HubStore>,
  options: { openTwice?: () => Promise<[HubStore, HubStore]> } = {},
): void {
  describe(`HubStore conformance: ${name}`, () => {
    const { open, track } = trackStores(create);

    it('migrates once', async () => {
      const store = track(await create());
      const first = await store.migrate();
      expect(first.version).toBeGreaterThanOrEqual(10);
      expect(await store.migrate()).toEqual({ applied: [], version: first.version });
    });

    it('keeps one contact per brand, channel, endpoint and user id, filling known fields', async () => {
      const store = await open();
      const a = await store.upsertContact(contactInput('u1', { phone: '+33600000001' }), 10);
      const b = await store.upsertContact(contactInput('u1', { timeZone: 'Europe/Paris' }), 20);
      expect(b).toEqual({ ...a, timeZone: 'Europe/Paris' });
      expect(b.createdAt).toBe(10);
      const other = await store.upsertContact(contactInput('u1', { brandId: 'brand-2' }), 30);
      expect(other.id).not.toBe(a.id);
      expect(await store.findContact(BRAND, 'whatsapp', 'pn-1', 'u1')).toEqual(b);
      expect(await store.getContact('brand-2', a.id)).toBeNull();
    });

    it('appends consent lines and never rewrites them; suppressions are idempotent', async () => {
      const store = await open();
      const line = {
        brandId: BRAND,
        contactId: 'c1',
        channel: 'whatsapp',
        purpose: 'marketing',
        status: 'granted' as const,
        at: 100,
        source: 'web_form',
        wording: 'Yes, send me recipes from Acme on WhatsApp',
        wordingVersion: 'v2',
        evidence: { ip: '192.0.2.1', form: 'https://acme.example/join' },
      };
      const granted = await store.appendConsent(line);
      await store.appendConsent({ ...line, status: 'revoked', at: 200, source: 'keyword' });
      const history = await store.consentHistory(BRAND, 'c1');
      expect(history.map((h) => h.status)).toEqual(['granted', 'revoked']);
      expect(history[0]).toEqual(granted);
      expect(await store.consentHistory('brand-2', 'c1')).toEqual([]);
      const s = { brandId: BRAND, channel: 'sms', addressHash: 'h1', scope: 'all', at: 1 };
      await store.addSuppression(s);
      await store.addSuppression({ ...s, at: 2 });
      await store.addSuppression({ ...s, scope: 'marketing' });
      expect(await store.suppressedScopes(BRAND, 'sms', 'h1')).toEqual(['all', 'marketing']);
      expect(await store.suppressedScopes(BRAND, 'sms', 'h2')).toEqual([]);
    });

    describe('inbound events', () => {
      const event = (id: string, conversationKey: string) => ({
        brandId: BRAND,
        provider: 'meta',
        providerEventId: id,
        kind: 'message' as const,
        conversationKey,
        event: { id },
        rawBody: Buffer.from(`{"id":"${id}"}`),
        receivedAt: 5,
      });

      it('stores each provider event once', async () => {
        const store = await open();
        const first = await store.recordInbound(event('wamid.1', 'k1'));
        const again = await store.recordInbound(event('wamid.1', 'k1'));
        expect(first.inserted).toBe(true);
        expect(again).toEqual({ inserted: false, seq: first.seq });
        expect(await store.countUnprocessedInbound()).toBe(1);
        const [held] = await store.claimInbound(claim('w0'));
        expect(await store.claimInbound(claim('w1'))).toEqual([]);
        await store.releaseInbound(held!.seq);
        const [claimed] = await store.claimInbound(claim('w1'));
        expect(claimed?.rawBody.toString()).toBe('{"id":"wamid.1"}');
        expect(claimed?.event).toEqual({ id: 'wamid.1' });
      });

      it('holds a conversation while an earlier event of it is held or backing off', async () => {
        const store = await open();
        await store.recordInbound(event('a1', 'k1'));
        await store.recordInbound(event('b1', 'k2'));
        await store.recordInbound(event('a2', 'k1'));
        const batch = await store.claimInbound(claim('w1'));
        expect(batch.map((e) => e.providerEventId)).toEqual(['a1', 'b1', 'a2']);
        expect(await store.claimInbound(claim('w2'))).toEqual([]);
        const [a1, b1, a2] = batch;
        await store.finishInbound(a1!.seq, 1000, { error: 'boom', retryAt: 5000 });
        await store.finishInbound(b1!.seq, 1000);
        await store.finishInbound(a2!.seq, 1000, { error: 'lease lost', retryAt: null });
        await store.releaseInbound(a2!.seq); // already set aside: releasing changes nothing
        await store.recordInbound(event('a3', 'k1'));
        // a1 backs off until 5000, so a3 (same conversation) waits; then both come in order.
        expect(await store.claimInbound(claim('w2', 2000))).toEqual([]);
        const later = await store.claimInbound(claim('w2', 6000));
        expect(later.map((e) => [e.providerEventId, e.attempts])).toEqual([
          ['a1', 1],
          ['a3', 0],
        ]);
        expect(await store.countUnprocessedInbound()).toBe(2);
        // b1 and a2 are done (at 1000): purging before 1001 removes them, nothing else.
        expect(await store.purgeProcessedInbound(1000)).toBe(0);
        expect(await store.purgeProcessedInbound(1001)).toBe(2);
        expect(await store.countUnprocessedInbound()).toBe(2);
        expect((await store.recordInbound(event('b1', 'k2'))).inserted).toBe(true);
      });
    });

    it('keeps conversations: mode, assignment, a window that only moves forward, messages', async () => {
      const store = await open();
      const input = { brandId: BRAND, key: 'k1', contactId: 'c1', channel: 'whatsapp' };
      const conversation = await store.ensureConversation(input, 10);
      expect(conversation).toMatchObject({ mode: 'assistant', lastInboundAt: null });
      await store.touchInbound(BRAND, 'k1', 500);
      await store.touchInbound(BRAND, 'k1', 300);
      expect((await store.ensureConversation(input, 20)).lastInboundAt).toBe(500);
      const assigned = await store.setConversationMode(BRAND, 'k1', 'agent', 'agent-7', 600);
      expect(assigned).toMatchObject({ mode: 'agent', assignedAgent: 'agent-7' });
      await store.ensureConversation({ ...input, key: 'k2' }, 30);
      expect((await store.listConversations(BRAND, { mode: 'agent' })).map((c) => c.key)).toEqual([
        'k1',
      ]);
      expect(await store.listConversations(BRAND, { assignedAgent: 'nobody' })).toEqual([]);
      await expect(
        store.setConversationMode(BRAND, 'missing', 'agent', null, 1),
      ).rejects.toMatchObject(storeError('not_found'));
      for (const text of ['hi', 'hello', 'bye']) {
        await store.appendMessage({
          brandId: BRAND,
          conversationKey: 'k1',
          direction: text === 'hi' ? 'in' : 'out',
          author: text === 'hi' ? 'contact' : 'assistant',
          parts: [{ type: 'text', text }],
          at: 1,
          providerMessageId: null,
          outboxId: null,
        });
      }
      const recent = await store.listMessages(BRAND, 'k1', 2);
      expect(recent.map((m) => m.parts)).toEqual([
        [{ type: 'text', text: 'hello' }],
        [{ type: 'text', text: 'bye' }],
      ]);
    });

    it('keeps communities, memberships and broadcasts per brand', async () => {
      const store = await open();
      const community = await store.createCommunity({
        brandId: BRAND,
        name: 'Sunday recipes',
        description: 'One recipe a week',
        optInWording: 'Join Sunday recipes by Acme',
        wordingVersion: 'v1',
        createdAt: 1,
      });
      await expect(store.createCommunity({ ...community })).rejects.toMatchObject(
        storeError('conflict'),
      );
      expect(await store.getCommunity('brand-2', community.id)).toBeNull();
      const member = { communityId: community.id, contactId: 'c1', joinedAt: 5, consentId: 'x' };
      await store.joinCommunity(member);
      expect(await store.joinCommunity({ ...member, joinedAt: 9, consentId: 'y' })).toEqual(member);
      await store.joinCommunity({ ...member, contactId: 'c2' });
      expect((await store.listMembers(community.id)).map((m) => m.contactId)).toEqual(['c1', 'c2']);
      expect(await store.leaveCommunity(community.id, 'c2')).toBe(true);
      expect(await store.leaveCommunity(community.id, 'c2')).toBe(false);
      const broadcast = await store.createBroadcast({
        brandId: BRAND,
        communityId: community.id,
        campaign: 'spring',
        content: { parts: [] },
        notBefore: 0,
        createdAt: 1,
        recipients: 1,
      });
      await store.enqueueOutbox(outboxInput('b1', { broadcastId: broadcast.id }), 1);
      expect(await store.getBroadcast(BRAND, broadcast.id)).toEqual(broadcast);
      expect(await store.countBroadcastStates(broadcast.id)).toEqual({ queued: 1 });
    });

    it('exports everything about a contact, then erases it leaving only suppressions', async () => {
      const store = await open();
      const contact = await store.upsertContact(contactInput('u9', { phone: '+33611111111' }), 1);
      const key = 'whatsapp:pn-1:u9';
      await store.ensureConversation(
        { brandId: BRAND, key, contactId: contact.id, channel: 'whatsapp' },
        1,
      );
      await store.appendMessage({
        brandId: BRAND,
        conversationKey: key,
        direction: 'in',
        author: 'contact',
        parts: [{ type: 'text', text: 'STOP' }],
        at: 2,
        providerMessageId: 'wamid.9',
        outboxId: null,
      });
      await store.recordInbound({
        brandId: BRAND,
        provider: 'meta',
        providerEventId: 'wamid.9',
        kind: 'message',
        conversationKey: key,
        event: {},
        rawBody: Buffer.from('+33611111111'),
        receivedAt: 2,
      });
      await store.appendConsent({
        brandId: BRAND,
        contactId: contact.id,
        channel: 'whatsapp',
        purpose: 'marketing',
        status: 'revoked',
        at: 2,
        source: 'keyword',
        wording: 'STOP',
        wordingVersion: 'keyword',
        evidence: { message: 'wamid.9' },
      });
      await store.enqueueOutbox(
        outboxInput('o9', { contactId: contact.id, conversationKey: key }),
        3,
      );
      await store.setAssistantState(BRAND, key, { have: ['egg'], language: 'fr' }, 3);
      const exported = await store.exportContact(BRAND, contact.id);
      expect(exported?.contact).toEqual(contact);
      expect(exported?.messages).toHaveLength(1);
      expect(exported?.consents).toHaveLength(1);
      expect(exported?.conversations).toHaveLength(1);
      expect(exported?.outbox).toHaveLength(1);
      expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);

      const suppression = {
        brandId: BRAND,
        channel: 'whatsapp',
        addressHash: 'hx',
        scope: 'marketing',
        at: 4,
      };
      expect(await store.eraseContact(BRAND, contact.id, [suppression])).toBe(true);
      expect(await store.exportContact(BRAND, contact.id)).toBeNull();
      expect(await store.listMessages(BRAND, key)).toEqual([]);
      expect(await store.getAssistantState(BRAND, key)).toBeNull();
      expect(await store.consentHistory(BRAND, contact.id)).toEqual([]);
      expect(await store.countUnprocessedInbound()).toBe(0);
      expect(await store.listOutbox(BRAND, { states: ['queued'] })).toEqual([]);
      expect(await store.suppressedScopes(BRAND, 'whatsapp', 'hx')).toEqual(['marketing']);
      expect(await store.eraseContact(BRAND, contact.id, [])).toBe(false);
    });

    it('keeps one assistant state per conversation, replaced on every turn', async () => {
      const store = await open();
      expect(await store.getAssistantState(BRAND, 'webchat:s:a')).toBeNull();
      await store.setAssistantState(BRAND, 'webchat:s:a', { turn: 1, have: ['egg'] }, 1);
      await store.setAssistantState(BRAND, 'webchat:s:a', { turn: 2, have: ['égg', 'tomate'] }, 2);
      await store.setAssistantState('other-brand', 'webchat:s:a', { turn: 9 }, 2);
      expect(await store.getAssistantState(BRAND, 'webchat:s:a')).toEqual({
        turn: 2,
        have: ['égg', 'tomate'],
      });
    });

    describeHubOutbox(open, options.openTwice);

    it('refuses calls after close', async () => {
      const store = await open();
      await store.close();
      await store.close();
      await expect(store.getOutbox('x')).rejects.toMatchObject(storeError('closed'));
    });
  });
}
