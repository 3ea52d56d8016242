/**
 * Options and records of the WhatsApp Cloud API fake (see fake-whatsapp.ts), kept apart so the
 * fake itself stays readable.
 */
import type { Clock } from './token-bucket.ts';
import type { StatusWebhookConfig } from './whatsapp-webhooks.ts';

export type TemplateCategory = 'marketing' | 'utility' | 'authentication';

export interface FakeWhatsAppOptions {
  accessToken?: string;
  appSecret?: string;
  /** Where status and inbound webhooks go; none are sent without it. */
  webhookUrl?: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  /** Messages per second per phone number id (research §1.1.10: 80 by default). */
  throughput?: { perSecond?: number; burst?: number };
  /** Messages to one recipient (research §1.1.10: ≈1 per 6 s, bursts up to 45). */
  pairRate?: { perSecond?: number; burst?: number };
  windowHours?: number;
  /** Set false to let free-form messages through without an inbound message first (benchmarks). */
  enforceWindow?: boolean;
  /** Declared templates; when given, an unknown name answers 132001. Unlisted names are utility. */
  templates?: Record<string, TemplateCategory>;
  optedOutOfMarketing?: string[];
  /**
   * Report 131047 (window closed) and 131050 (marketing opt-out) the way Meta usually does: the
   * send is answered 200 with a wamid and a `failed` status webhook carries the error. Default
   * false: the send itself is refused with the Graph error (simpler for clients and tests).
   */
  asyncErrors?: boolean;
  /** wa_ids accepted by the API but later reported `failed` with 131026 (undeliverable). */
  undeliverable?: string[];
  statusWebhooks?: StatusWebhookConfig;
  /** Media URLs are valid 5 minutes (research §1.1.6). */
  mediaUrlTtlMs?: number;
  duplicateWindowMs?: number;
  webhookConcurrency?: number;
  now?: Clock;
}

export interface SentWhatsAppMessage {
  wamid: string;
  phoneNumberId: string;
  to: string;
  type: string;
  at: number;
  payload: Record<string, unknown>;
}

export type WhatsAppInbound = {
  from: string;
  profileName?: string;
  /** The wamid of the business message being answered (button replies carry it). */
  contextId?: string;
  phoneNumberId?: string;
} & (
  | { text: string }
  | { buttonReply: { id: string; title: string } }
  | { listReply: { id: string; title: string; description?: string } }
  | { image: { bytes: Buffer; mimeType?: string; caption?: string } }
);
