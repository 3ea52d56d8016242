import type { Capabilities } from '../types.ts';
import type { ConsentView } from './consent-status.ts';
import type { PolicyConfig } from './policy-config.ts';
import { isValidTimeZone, quietHoursEnd } from './quiet-hours.ts';

export interface PolicyInput {
  now: number;
  purpose: string;
  /** The message has parts to send free-form / a template to send outside the window. */
  hasParts: boolean;
  hasTemplate: boolean;
  consent: ConsentView;
  /** Scopes suppressed for this address (erased contacts who had opted out). */
  suppressed: readonly string[];
  /** The person's last message in this conversation (opens the customer-service window). */
  lastInboundAt: number | null;
  window: Capabilities['window'];
  timeZone: string | null;
  /** Messages of this purpose already sent or scheduled, per cap window. */
  sentInWindow: (windowMs: number) => number;
  expiresAt: number | null;
}

export type PolicyDecision =
  | { action: 'send'; useTemplate: boolean }
  /** Not now (quiet hours): try again at `until`. Marketing is deferred, never dropped here. */
  | { action: 'defer'; until: number; reason: string }
  | { action: 'refuse'; code: PolicyRefusal; reason: string };

export type PolicyRefusal =
  | 'suppressed'
  | 'no_consent'
  | 'opted_out'
  | 'window_closed'
  | 'frequency_cap'
  | 'expired'
  | 'empty';

const HOUR = 3_600_000;

/**
 * Decides whether a message may go now: run when it is queued and again right before it is
 * sent (consent may have been withdrawn in between). Pure: the caller supplies the clock and
 * every fact, so each rule is testable on its own.
 *
 * Rules (research/messaging.md §2): replies to a person who wrote (service) need no marketing
 * consent; marketing needs a granted marketing consent not revoked since; utility and
 * authentication need their own consent unless they answer inside the customer-service window;
 * WhatsApp/Messenger free-form only inside the 24 h window, templates outside; caps per contact;
 * quiet hours in the recipient's time zone defer, never drop.
 */
export function evaluatePolicy(input: PolicyInput, config: PolicyConfig): PolicyDecision {
  const { now, purpose, consent } = input;
  if (input.expiresAt !== null && now >= input.expiresAt) {
    return refuse('expired', 'the message expired before it could be sent');
  }
  if (!input.hasParts && !input.hasTemplate) return refuse('empty', 'nothing to send');
  if (input.suppressed.includes('all') || input.suppressed.includes(purpose)) {
    return refuse('suppressed', `the address is on the suppression list for ${purpose}`);
  }
  if (consent.blocked) return refuse('opted_out', 'the person blocked this sender');
  const wroteAfterStop =
    input.lastInboundAt !== null &&
    (consent.allRevokedAt === null || input.lastInboundAt >= consent.allRevokedAt);
  const inWindow = input.lastInboundAt !== null && now - input.lastInboundAt < 24 * HOUR;
  const status = consent.status(purpose);

  if (purpose === 'service') {
    // A reply to someone who wrote; after a STOP, only if they wrote again since.
    if (!wroteAfterStop) {
      return consent.allRevokedAt !== null
        ? refuse('opted_out', 'the person opted out of all messages')
        : refuse('no_consent', 'a service message answers a person who wrote first');
    }
  } else if (purpose === 'marketing') {
    if (status === 'revoked') return refuse('opted_out', 'the person withdrew marketing consent');
    if (status !== 'granted') return refuse('no_consent', 'no marketing consent recorded');
  } else if (status === 'revoked') {
    return refuse('opted_out', `the person withdrew consent for ${purpose}`);
  } else if (status !== 'granted' && !(inWindow && wroteAfterStop)) {
    return refuse('no_consent', `no ${purpose} consent and no open conversation`);
  }

  let useTemplate = false;
  if (input.window) {
    const open =
      input.lastInboundAt !== null && now - input.lastInboundAt < input.window.hours * HOUR;
    if (!open || !input.hasParts) {
      if (!(input.window.templatesOutside && input.hasTemplate)) {
        return refuse(
          'window_closed',
          input.window.templatesOutside
            ? `outside the ${input.window.hours}-hour window: a template is required`
            : `outside the ${input.window.hours}-hour window: this channel cannot message now`,
        );
      }
      useTemplate = true;
    }
  } else if (!input.hasParts) {
    return refuse('empty', 'this channel has no templates and the message has no parts');
  }

  for (const cap of config.caps) {
    if (cap.purpose !== purpose) continue;
    if (input.sentInWindow(cap.windowMs) >= cap.max) {
      return refuse(
        'frequency_cap',
        `cap reached: ${cap.max} ${purpose} message(s) per ${cap.windowMs / HOUR} h`,
      );
    }
  }

  const quiet = config.quietHours;
  if (quiet.purposes.includes(purpose)) {
    const zone =
      input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : quiet.defaultTimeZone;
    const end = quietHoursEnd(now, zone, quiet);
    if (end !== null) {
      return { action: 'defer', until: end, reason: `quiet hours in ${zone} until ${quiet.end}` };
    }
  }
  return { action: 'send', useTemplate };
}

const refuse = (code: PolicyRefusal, reason: string): PolicyDecision => ({
  action: 'refuse',
  code,
  reason,
});
