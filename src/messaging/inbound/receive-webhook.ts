import type { HubStore, JsonValue } from '../../store/index.ts';
import { conversationKey } from '../channels/conversation-key.ts';
import { withKeywordConsent } from '../channels/keyword-consent.ts';
import type { ChannelAdapter, InboundEvent, RawRequest, RawResponse } from '../types.ts';

export interface ReceiveWebhookDeps {
  hub: HubStore;
  /** The brand (site id) this adapter's endpoint belongs to. */
  brandId: string;
  now?: () => number;
  /** Called after new events were stored, to wake the processor. */
  onStored?: () => void;
}

export interface ReceiveOutcome {
  response: RawResponse;
  /** Events newly stored / already seen (provider retries, duplicates). */
  stored: number;
  duplicates: number;
}

const text = (status: number, body: string): RawResponse => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/**
 * The webhook front door (research/messaging.md §5.4): handshake → signature over the raw bytes
 * (403 on forgery, nothing stored) → parse → store each event once under its provider id →
 * answer at once. Processing happens later, in the inbound processor, so a slow assistant never
 * makes the provider time out and resend. Keyword messages (STOP…) also store their consent
 * change, with a derived id, so it is applied before the message even when the adapter did not
 * add it (the same id dedupes it when it did).
 */
export async function receiveWebhook(
  adapter: ChannelAdapter,
  request: RawRequest,
  deps: ReceiveWebhookDeps,
): Promise<ReceiveOutcome> {
  const handshake = adapter.handshake?.(request);
  if (handshake) return { response: handshake, stored: 0, duplicates: 0 };
  if (!adapter.verify(request)) {
    return { response: text(403, 'signature verification failed'), stored: 0, duplicates: 0 };
  }
  let events: InboundEvent[];
  try {
    events = adapter
      .parse(request)
      .flatMap((e) => (e.kind === 'message' ? withKeywordConsent(e) : [e]));
  } catch (error) {
    // A verified but malformed body: say why, never echo it (it carries personal data).
    const reason = error instanceof Error ? error.message : 'body not understood';
    return { response: text(400, reason), stored: 0, duplicates: 0 };
  }
  const now = deps.now ?? Date.now;
  let stored = 0;
  for (const event of events) {
    const { inserted } = await deps.hub.recordInbound({
      brandId: deps.brandId,
      provider: event.id.provider,
      providerEventId: event.id.value,
      kind: event.kind,
      conversationKey: keyOf(event),
      event: event as unknown as JsonValue,
      rawBody: request.body,
      receivedAt: now(),
    });
    if (inserted) stored++;
  }
  if (stored > 0) deps.onStored?.();
  const response = adapter.webhookResponse?.(request) ?? text(200, '');
  return { response, stored, duplicates: events.length - stored };
}

function keyOf(event: InboundEvent): string {
  if (event.kind === 'message') return event.conversationKey;
  if (event.kind === 'consent') return conversationKey(event.from);
  return '';
}
