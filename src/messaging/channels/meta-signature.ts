import { createHmac } from 'node:crypto';
import type { RawRequest } from '../types.ts';
import { header } from './header.ts';
import { safeEqual } from './safe-equal.ts';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/** `sha256=<hex>` for a body: what Meta puts in `X-Hub-Signature-256` (research §1.1.2). */
export function signMetaBody(appSecret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Meta (WhatsApp Cloud API, Messenger) webhook POST check: HMAC-SHA256 of the raw body bytes with
 * the app secret. Never re-serialise parsed JSON: Meta signs its own escaping of the payload.
 */
export function verifyMetaSignature(request: RawRequest, appSecret: string): boolean {
  const value = header(request, 'x-hub-signature-256')?.trim().toLowerCase();
  const match = value ? SIGNATURE.exec(value) : null;
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', appSecret).update(request.body).digest();
  return safeEqual(Buffer.from(match[1], 'hex'), expected);
}
