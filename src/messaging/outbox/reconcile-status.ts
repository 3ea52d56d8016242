import type { HubStore, OutboxRecord } from '../../store/index.ts';
import type { ConsentLedger } from '../consent/consent-ledger.ts';
import type { InboundEvent } from '../types.ts';
import { nextDeliveryState } from './delivery-state.ts';

type StatusEvent = Extract<InboundEvent, { kind: 'status' }>;

/**
 * Applies a delivery status callback to its outbox row, found by our correlation (the row id we
 * attached when sending: WhatsApp biz_opaque_callback_data, Twilio callback query) or else by
 * the provider message id. This is also how `unknown` rows (cut off mid-send by a crash) learn
 * that the provider did get them. Returns the new state, or null when nothing changed.
 */
export async function reconcileStatus(
  deps: { hub: HubStore; consent: ConsentLedger; now: () => number },
  event: StatusEvent,
): Promise<string | null> {
  const { hub } = deps;
  const row = await findRow(hub, event);
  if (!row) return null;
  let current: OutboxRecord | null = row;
  // Compare-and-set: a concurrent send result or callback may move the row between read and write.
  for (let tries = 0; current && tries < 5; tries++) {
    const next = nextDeliveryState(current.state, event.status);
    if (!next) return null;
    if (
      await hub.transitionOutbox(
        current.id,
        current.state,
        next,
        deps.now(),
        event.providerMessageId,
      )
    ) {
      if (next === 'failed' && event.error?.kind === 'opted_out') {
        const contact = await hub.getContact(current.brandId, current.contactId);
        if (contact) {
          await deps.consent.revoke({
            brandId: current.brandId,
            contact,
            purpose: event.error.scope === 'all' ? 'all' : 'marketing',
            source: 'provider_status',
            wording: `delivery failed: ${event.error.code ?? 'opted out'}`,
            wordingVersion: 'provider',
            evidence: { outboxId: current.id, statusEvent: event.id.value },
          });
        }
      }
      return next;
    }
    current = await hub.getOutbox(current.id);
  }
  return null;
}

async function findRow(hub: HubStore, event: StatusEvent): Promise<OutboxRecord | null> {
  if (event.correlation) {
    const byCorrelation = await hub.getOutbox(event.correlation);
    if (byCorrelation && byCorrelation.provider === event.id.provider) return byCorrelation;
  }
  return hub.findOutboxByProviderMessageId(event.id.provider, event.providerMessageId);
}
