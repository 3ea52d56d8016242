import type { Contact, OutboxRecord } from '../../store/index.ts';
import { evaluatePolicy, type PolicyRefusal } from '../policy/evaluate-policy.ts';
import type { Capabilities, OutboundMessage } from '../types.ts';
import { toJson } from './outbox-message.ts';
import { loadPolicyInput, type PolicyFacts } from './policy-context.ts';

export interface EnqueueDeps extends PolicyFacts {
  capabilitiesOf: (channel: string) => Capabilities | undefined;
  now: () => number;
}

export type EnqueueResult =
  | { outcome: 'queued'; record: OutboxRecord; created: boolean }
  | { outcome: 'refused'; code: PolicyRefusal; reason: string };

/**
 * The one way into the outbox: the policy runs first (refused messages never get a row;
 * quiet hours move `notBefore`), then the row is written once per idempotency key. A repeat of
 * a key already queued returns that first row untouched, whatever the policy says now.
 */
export async function enqueueMessage(
  deps: EnqueueDeps,
  input: {
    brandId: string;
    contact: Contact;
    message: OutboundMessage;
    author: string;
    broadcastId?: string;
    /** Last changes once the policy said yes (e.g. minting share links only for real sends). */
    finalize?: (message: OutboundMessage) => Promise<OutboundMessage>;
  },
): Promise<EnqueueResult> {
  const { hub } = deps;
  const { brandId, contact } = input;
  let message = input.message;
  const existing = await hub.findOutboxByKey(brandId, message.idempotencyKey);
  if (existing) return { outcome: 'queued', record: existing, created: false };
  const at = Math.max(deps.now(), message.notBefore ?? 0);
  const capabilities = deps.capabilitiesOf(message.to.channel);
  const facts = await loadPolicyInput(deps, { contact, message, capabilities, at });
  const decision = evaluatePolicy(facts, deps.policy);
  if (decision.action === 'refuse') {
    return { outcome: 'refused', code: decision.code, reason: decision.reason };
  }
  const notBefore = decision.action === 'defer' ? decision.until : at;
  if (input.finalize) message = await input.finalize(message);
  const { record, created } = await hub.enqueueOutbox(
    {
      brandId,
      idempotencyKey: message.idempotencyKey,
      conversationKey: message.conversationKey,
      contactId: contact.id,
      channel: message.to.channel,
      provider: message.to.provider,
      endpointId: message.to.endpointId,
      purpose: message.purpose,
      message: toJson({ ...message, author: input.author }),
      notBefore,
      expiresAt: message.expiresAt ?? null,
      // The correlation is set to the row id by the worker when it renders (see send-one).
      correlation: message.correlation ?? null,
      broadcastId: input.broadcastId ?? null,
    },
    deps.now(),
  );
  return { outcome: 'queued', record, created };
}
