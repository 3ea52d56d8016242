// Test helpers shared by the WhatsApp fake's test files (a Graph client and payload builders).
import type { FakeWhatsApp } from './fake-whatsapp.ts';

/** A hand-driven clock: every limit verdict in these tests is exact. */
export function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

export async function send(f: FakeWhatsApp, body: unknown, token = f.accessToken) {
  const response = await fetch(`${f.url}/v21.0/${f.phoneNumberId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphAnswer };
}

/** The parts of Graph answers these tests read. */
export interface GraphAnswer {
  error: { code: number; type: string };
  messaging_product: string;
  contacts: { input: string; wa_id: string }[];
  messages: { id: string }[];
}

export const text = (to: string, body = 'hello', extra: object = {}) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'text',
  text: { body },
  ...extra,
});
export const template = (to: string, name = 'order_update') => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  template: { name, language: { code: 'en' } },
});
export const buttons = (to: string, titles: string[]) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: 'Pick one' },
    action: {
      buttons: titles.map((title, i) => ({ type: 'reply', reply: { id: `b${i}`, title } })),
    },
  },
});
