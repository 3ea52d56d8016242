import type { InboundEvent } from '../types.ts';
import { matchConsentKeyword } from './consent-keywords.ts';

type MessageEvent = Extract<InboundEvent, { kind: 'message' }>;
type ConsentEvent = Extract<InboundEvent, { kind: 'consent' }>;

/**
 * The consent event a keyword message implies (research §2.2: on WhatsApp, Telegram, Messenger and
 * web chat there is no carrier STOP, so the platform must implement it). Only a message whose
 * only part is a keyword counts. The event id is the message id with a suffix, so the inbound
 * dedupe table keeps both the message and its consent change.
 */
export function keywordConsent(event: MessageEvent): ConsentEvent | undefined {
  const [part, ...rest] = event.parts;
  if (part?.type !== 'text' || rest.length > 0) return undefined;
  const match = matchConsentKeyword(part.text);
  if (!match || match.action === 'review') return undefined;
  // YES re-subscribes on SMS (carrier rule, and Twilio applies it anyway), but in a chat "yes"
  // mostly answers a question: it must not undo someone's STOP there.
  if (match.keyword === 'YES' && event.from.channel !== 'sms') return undefined;
  return {
    kind: 'consent',
    id: { provider: event.id.provider, value: `${event.id.value}#consent` },
    at: event.at,
    from: event.from,
    action: match.action,
    scope: 'all',
    via: 'keyword',
  };
}

/** A message plus, before it, its keyword consent change (the ledger must see it first). */
export function withKeywordConsent(event: MessageEvent): InboundEvent[] {
  const consent = keywordConsent(event);
  return consent ? [consent, event] : [event];
}
