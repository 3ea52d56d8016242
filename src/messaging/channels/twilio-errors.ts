import type { ErrorClass } from '../types.ts';

/** Twilio error codes (research §1.4) to what the outbox does next. */
export function classifyTwilioError(
  code: number | undefined,
  httpStatus: number | undefined,
  retryAfterMs?: number,
): ErrorClass {
  const c = code === undefined ? `http_${httpStatus ?? 'unknown'}` : String(code);
  switch (code) {
    case 21610: // the recipient replied STOP to this sender
      return { kind: 'opted_out', scope: 'all', code: c };
    case 63016: // WhatsApp via Twilio: outside the 24 h window
      return { kind: 'window_closed', code: c };
    case 20429: // too many requests
    case 30003: // unreachable handset: may come back
    case 30008: // unknown carrier error
      return retryAfterMs === undefined
        ? { kind: 'retry', code: c }
        : { kind: 'retry', afterMs: retryAfterMs, code: c };
    case 30007: // carrier filtered the message as spam: stop and review the sender
    case 30034: // sender number not registered (A2P 10DLC)
    case 20003: // authentication failed
      return { kind: 'halt_sender', code: c };
    case 21211: // invalid To number
    case 21614: // To is not a mobile number
    case 30005: // unknown handset
    case 30006: // landline or unreachable carrier
      return { kind: 'permanent', code: c };
  }
  if (httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500)) {
    return retryAfterMs === undefined
      ? { kind: 'retry', code: c }
      : { kind: 'retry', afterMs: retryAfterMs, code: c };
  }
  return { kind: 'permanent', code: c };
}
