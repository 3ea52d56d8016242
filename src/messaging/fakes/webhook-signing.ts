/**
 * Signatures the fakes put on the webhooks they send back, computed exactly as the providers do
 * (research/messaging.md §1.1.2 for Meta, §1.4.2 for Twilio), plus constant-time verifiers that
 * tests use to prove the signatures are right.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta (WhatsApp, Messenger): `sha256=` + hex HMAC-SHA256 of the raw body keyed by the app secret. */
export function signMetaPayload(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function verifyMetaSignature(
  rawBody: string | Buffer,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (!header?.startsWith('sha256=')) return false;
  return safeEqual(header, signMetaPayload(rawBody, appSecret));
}

/**
 * Twilio: base64 HMAC-SHA1 keyed by the auth token over the full URL followed by every form
 * parameter name and value, sorted by name (twilio-node `getExpectedTwilioSignature`).
 */
export function signTwilioRequest(
  url: string,
  params: Record<string, string>,
  authToken: string,
): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilioSignature(
  url: string,
  params: Record<string, string>,
  header: string | undefined,
  authToken: string,
): boolean {
  if (!header) return false;
  return safeEqual(header, signTwilioRequest(url, params, authToken));
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
