import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './safe-equal.ts';
import type { WebchatSession } from './webchat-protocol.ts';

const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

function mac(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`penumbra-webchat:${sessionId}`).digest('base64url');
}

/** A new anonymous chat session: a random id and its HMAC-signed token. */
export function issueWebchatSession(secret: string, pollWaitS = 25): WebchatSession {
  const sessionId = randomBytes(16).toString('base64url');
  return { sessionId, token: `${sessionId}.${mac(secret, sessionId)}`, pollWaitS };
}

/** The session id of a genuine token (constant-time check), undefined otherwise. */
export function verifyWebchatToken(secret: string, token: string): string | undefined {
  const [sessionId, signature, extra] = token.split('.');
  if (!sessionId || !signature || extra !== undefined || !SESSION_ID.test(sessionId))
    return undefined;
  return safeEqual(signature, mac(secret, sessionId)) ? sessionId : undefined;
}
