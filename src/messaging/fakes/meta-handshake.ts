/**
 * Meta's webhook subscription handshake as Meta performs it (research/messaging.md §1.1.1): a GET
 * with hub.mode, hub.challenge and hub.verify_token and no signature; the app must echo the
 * challenge with 200. The WhatsApp and Messenger fakes expose it so adapter tests can check it.
 */
import { randomInt } from 'node:crypto';

export interface HandshakeResult {
  /** True when the app answered 200 with exactly the challenge. */
  ok: boolean;
  status: number;
  body: string;
  challenge: string;
}

export async function runMetaHandshake(
  webhookUrl: string,
  verifyToken: string,
): Promise<HandshakeResult> {
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const url = new URL(webhookUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  const response = await fetch(url, { redirect: 'manual' });
  const body = await response.text();
  return {
    ok: response.status === 200 && body === challenge,
    status: response.status,
    body,
    challenge,
  };
}
