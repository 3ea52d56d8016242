import { createHash, createHmac } from 'node:crypto';
import type { RawRequest } from '../types.ts';
import { header } from './header.ts';
import { safeEqual } from './safe-equal.ts';

/**
 * `X-Twilio-Signature`: Base64(HMAC-SHA1(auth token, URL + each sorted param name + value)),
 * as twilio-node's webhooks.ts computes it (research §1.4.2). Repeated params: each distinct value,
 * sorted, appended after the name.
 */
export function signTwilio(authToken: string, url: string, params: URLSearchParams): string {
  let data = url;
  for (const name of [...new Set(params.keys())].sort()) {
    for (const value of [...new Set(params.getAll(name))].sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The URL with and without the default port: Twilio signs either (twilio-node checks both). */
function urlVariants(raw: string): string[] {
  const url = new URL(raw);
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const withoutPort = new URL(raw);
  withoutPort.port = '';
  const bare = withoutPort.toString();
  const host = `${withoutPort.protocol}//${withoutPort.hostname}`;
  const withPort = bare.replace(host, `${host}:${url.port || defaultPort}`);
  return url.port === '' || url.port === defaultPort ? [raw, bare, withPort] : [raw];
}

/**
 * Checks a Twilio webhook. Form bodies are signed with their params; JSON bodies carry
 * `bodySHA256` in the query and are signed with no params. Every parameter counts, including
 * ones Twilio adds without notice, so this reads the body as sent, never a fixed list.
 */
export function verifyTwilioSignature(request: RawRequest, authToken: string): boolean {
  const signature = header(request, 'x-twilio-signature');
  if (!signature) return false;
  const bodyHash = new URL(request.url).searchParams.get('bodySHA256');
  let params = new URLSearchParams();
  if (bodyHash !== null) {
    const actual = createHash('sha256').update(request.body).digest('hex');
    if (!safeEqual(bodyHash.toLowerCase(), actual)) return false;
  } else if (request.method.toUpperCase() === 'POST') {
    params = new URLSearchParams(request.body.toString('utf8'));
  }
  // Every variant is computed so the time taken does not depend on which one matched.
  const results = urlVariants(request.url).map((url) =>
    safeEqual(signature, signTwilio(authToken, url, params)),
  );
  return results.includes(true);
}
