import type { ErrorClass } from '../types.ts';

const HOUR = 3_600_000;

/**
 * Meta error codes (research §1.1.10–1.1.11) to what the outbox does next. `httpStatus` is
 * undefined for errors that arrive in a `failed` status webhook.
 */
export function classifyWhatsAppError(
  code: number | undefined,
  httpStatus: number | undefined,
): ErrorClass {
  const c = code === undefined ? undefined : String(code);
  switch (code) {
    case 130429: // throughput exceeded
    case 1: // unknown
    case 2: // service temporarily unavailable
      return { kind: 'retry', code: c };
    case 131056: // pair rate limit: ≈1 message / 6 s to the same user
      return { kind: 'retry', afterMs: 6_000, code: c };
    case 131057: // throughput upgrade in progress, up to a minute
      return { kind: 'retry', afterMs: 60_000, code: c };
    case 131049: // per-user marketing limit: do not resend soon, hours-scale backoff
      return { kind: 'retry', afterMs: 6 * HOUR, code: c };
    case 131047: // outside the 24 h customer service window
      return { kind: 'window_closed', code: c };
    case 131050: // the person stopped marketing messages from this business
      return { kind: 'opted_out', scope: 'marketing', code: c };
    case 131048: // spam rate limit: too many blocks/reports
    case 368: // policy restriction
    case 131031: // account locked
      return { kind: 'halt_sender', code: c ?? '' };
    case 131026: // undeliverable
    case 100: // invalid parameter
      return { kind: 'permanent', code: c ?? '' };
  }
  if (httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500))
    return { kind: 'retry', code: c };
  if (httpStatus === 401) return { kind: 'halt_sender', code: c ?? 'http_401' };
  return { kind: 'permanent', code: c ?? `http_${httpStatus ?? 'unknown'}` };
}
