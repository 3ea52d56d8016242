import type { Contact, InboundRecord, JsonValue } from '../../store/index.ts';
import { matchConsentKeyword } from '../channels/consent-keywords.ts';
import { conversationKey } from '../channels/conversation-key.ts';
import { enqueueMessage } from '../outbox/enqueue-message.ts';
import { reconcileStatus } from '../outbox/reconcile-status.ts';
import type { Address, InboundEvent, OutboundPart } from '../types.ts';
import type { InboundContext, MessageEvent } from './inbound-context.ts';

type ConsentEvent = Extract<InboundEvent, { kind: 'consent' }>;

/**
 * Applies one stored inbound event. Everything it writes is keyed so that running it twice
 * (a crash after the work, before the "processed" mark) changes nothing: replies use the
 * inbound event id as idempotency key, the window only moves forward.
 */
export async function handleInboundEvent(
  ctx: InboundContext,
  record: InboundRecord,
): Promise<void> {
  const event = record.event as unknown as InboundEvent;
  if (event.kind === 'status') {
    await reconcileStatus(ctx, event);
    return;
  }
  if (event.kind === 'consent') {
    await handleConsent(ctx, record.brandId, event);
    return;
  }
  await handleMessage(ctx, record.brandId, event);
}

async function contactOf(ctx: InboundContext, brandId: string, from: Address): Promise<Contact> {
  const contact = await ctx.hub.upsertContact(
    {
      brandId,
      channel: from.channel,
      provider: from.provider,
      endpointId: from.endpointId,
      userId: from.userId,
      phone: from.phone ?? null,
      username: from.username ?? null,
      email: from.email ?? null,
      displayName: from.displayName ?? null,
      language: null,
      timeZone: null,
    },
    ctx.now(),
  );
  await ctx.hub.ensureConversation(
    { brandId, key: conversationKey(from), contactId: contact.id, channel: from.channel },
    ctx.now(),
  );
  return contact;
}

async function handleConsent(ctx: InboundContext, brandId: string, event: ConsentEvent) {
  const contact = await contactOf(ctx, brandId, event.from);
  const key = conversationKey(event.from);
  const change = {
    brandId,
    contact,
    purpose: event.scope,
    source: event.via,
    wording: event.via === 'keyword' ? `${event.action} keyword` : event.via,
    wordingVersion: event.via,
    evidence: { event: event.id.value, provider: event.id.provider } as { [k: string]: JsonValue },
    at: event.at,
  };
  if (event.action === 'opt_out') await ctx.consent.revoke(change);
  else if (event.action === 'opt_in') await ctx.consent.grant(change);
  if (event.via !== 'keyword') return;
  // A keyword is a message from the person: it opens the window for the one confirmation.
  await ctx.hub.touchInbound(brandId, key, event.at);
  // Twilio answers STOP/START/HELP on SMS itself (carrier rule): a second reply would be noise.
  if (event.from.provider === 'twilio' && event.from.channel === 'sms') return;
  await reply(ctx, brandId, contact, event.from, `keyword:${event.id.value}`, [
    { type: 'text', text: ctx.replies[event.action] },
  ]);
}

async function handleMessage(ctx: InboundContext, brandId: string, event: MessageEvent) {
  const { hub } = ctx;
  const contact = await contactOf(ctx, brandId, event.from);
  await hub.touchInbound(brandId, event.conversationKey, event.at);
  await hub.appendMessage({
    brandId,
    conversationKey: event.conversationKey,
    direction: 'in',
    author: 'contact',
    parts: event.parts as unknown as JsonValue,
    at: event.at,
    providerMessageId: event.id.value,
    outboxId: null,
  });
  const [only, ...rest] = event.parts;
  const keyword =
    only?.type === 'text' && rest.length === 0 ? matchConsentKeyword(only.text) : undefined;
  // STOP/START/HELP were handled by their consent event; nothing else answers them.
  if (keyword && keyword.action !== 'review') return;
  const conversation = await hub.getConversation(brandId, event.conversationKey);
  if (!conversation) return;
  if (keyword?.action === 'review') {
    // "please stop sending…": not a keyword, but a person should read it; the bot steps back.
    if (conversation.mode !== 'agent') {
      await hub.setConversationMode(brandId, conversation.key, 'agent', null, ctx.now());
    }
    return;
  }
  if (conversation.mode !== 'assistant' || !ctx.assistant) return;
  const history = await hub.listMessages(brandId, conversation.key, 50);
  const parts = await ctx.assistant({ brandId, contact, conversation, message: event, history });
  if (parts.length === 0) return;
  await reply(ctx, brandId, contact, event.from, `reply:${event.id.value}`, parts);
}

async function reply(
  ctx: InboundContext,
  brandId: string,
  contact: Contact,
  to: Address,
  key: string,
  parts: OutboundPart[],
) {
  await enqueueMessage(ctx.enqueue, {
    brandId,
    contact,
    author: 'assistant',
    message: {
      idempotencyKey: `${to.provider}:${key}`,
      to,
      purpose: 'service',
      conversationKey: conversationKey(to),
      parts,
    },
  });
}
