/**
 * Twilio's error codes, opt-out keywords and number format, as the Twilio fake answers them:
 * error bodies are `{code, message, more_info, status}`.
 */
import type { FakeResponse } from './fake-http-server.ts';

/** Default single-word opt-out keywords on long codes (research §1.4.3 [P]). */
export const STOP_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'];
export const START_WORDS = ['START', 'YES', 'UNSTOP'];
export const HELP_WORDS = ['HELP', 'INFO'];
/** Error codes the fake answers, with Twilio's HTTP status and message. */
const ERRORS: Record<number, { status: number; message: string }> = {
  20003: { status: 401, message: 'Authenticate' },
  20429: { status: 429, message: 'Too Many Requests' },
  21211: { status: 400, message: "Invalid 'To' Phone Number" },
  21602: { status: 400, message: 'Message body is required.' },
  21603: { status: 400, message: "A 'From' phone number is required." },
  21604: { status: 400, message: "A 'To' phone number is required." },
  21609: { status: 400, message: 'Invalid StatusCallback URL' },
  21610: { status: 400, message: 'Attempt to send to unsubscribed recipient' },
  21611: {
    status: 400,
    message: "This 'From' number has exceeded the maximum number of queued messages",
  },
  21617: {
    status: 400,
    message: 'The concatenated message body exceeds the 1600 character limit.',
  },
};
/** E.164, optionally behind Twilio's `whatsapp:` channel prefix. */
export const E164 = /^(whatsapp:)?\+[1-9]\d{6,14}$/;

export function twilioError(code: number): FakeResponse {
  const known = ERRORS[code] ?? { status: 400, message: 'Error' };
  return {
    status: known.status,
    body: {
      code,
      message: known.message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status: known.status,
    },
  };
}

/** The query of a StatusCallback URL (the outbox's correlation); undefined if not a URL. */
export function callbackQuery(url: string): string | undefined {
  try {
    return new URL(url).search.slice(1);
  } catch {
    return undefined;
  }
}
