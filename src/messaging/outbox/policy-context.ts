import type { Contact, HubStore } from '../../store/index.ts';
import type { ConsentLedger } from '../consent/consent-ledger.ts';
import type { PolicyInput } from '../policy/evaluate-policy.ts';
import type { PolicyConfig } from '../policy/policy-config.ts';
import type { Capabilities, OutboundMessage } from '../types.ts';

export interface PolicyFacts {
  hub: HubStore;
  consent: ConsentLedger;
  policy: PolicyConfig;
}

/** Gathers every fact the pure policy needs about one message, at time `at`. */
export async function loadPolicyInput(
  facts: PolicyFacts,
  input: {
    contact: Contact;
    message: OutboundMessage;
    capabilities: Capabilities | undefined;
    at: number;
    excludeId?: string;
  },
): Promise<PolicyInput> {
  const { hub, consent, policy } = facts;
  const { contact, message, at } = input;
  const [view, suppressed, conversation] = await Promise.all([
    consent.view(contact.brandId, contact.id),
    consent.suppressed(contact),
    hub.getConversation(contact.brandId, message.conversationKey),
  ]);
  const counts = new Map<number, number>();
  for (const cap of policy.caps) {
    if (cap.purpose !== message.purpose || counts.has(cap.windowMs)) continue;
    counts.set(
      cap.windowMs,
      await hub.countOutboxSince(
        contact.brandId,
        contact.id,
        message.purpose,
        at - cap.windowMs,
        input.excludeId,
      ),
    );
  }
  return {
    now: at,
    purpose: message.purpose,
    hasParts: message.parts.length > 0,
    hasTemplate: message.template !== undefined,
    consent: view,
    suppressed,
    lastInboundAt: conversation?.lastInboundAt ?? null,
    window: input.capabilities?.window,
    timeZone: contact.timeZone,
    sentInWindow: (windowMs) => counts.get(windowMs) ?? 0,
    expiresAt: message.expiresAt ?? null,
  };
}
