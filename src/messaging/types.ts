/**
 * The messaging hub's shared vocabulary: what every channel adapter produces (inbound events) and
 * consumes (outbound messages), and what the outbox, policy and assistants speak. Shapes follow
 * research/messaging.md §5 (normalised model, capability negotiation, adapter interface).
 */

export const CHANNEL_KINDS = [
  'whatsapp',
  'telegram',
  'messenger',
  'sms',
  'email',
  'webchat',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type Provider = 'meta' | 'telegram' | 'twilio' | 'smtp' | 'native';

/**
 * Who, on which business endpoint. A contact is keyed by channel + provider user id (never by
 * phone alone: WhatsApp business-scoped user ids may come without a phone number).
 */
export interface Address {
  channel: ChannelKind;
  provider: Provider;
  /** phone_number_id | bot id | page id | Twilio number or service sid | mailbox | web chat site. */
  endpointId: string;
  /** The stable provider user id on that channel (wa_id/BSUID, chat id, PSID, phone, email, chat session). */
  userId: string;
  phone?: string;
  username?: string;
  email?: string;
  displayName?: string;
}

export const PURPOSES = ['service', 'utility', 'marketing', 'authentication'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The provider's own unique id of an inbound event (wamid, update_id, mid, MessageSid, Message-ID). */
export interface ProviderEventId {
  provider: Provider;
  value: string;
}

export interface MediaRef {
  /** Provider media id (WhatsApp media id, Telegram file_id) or a URL for providers that give one. */
  id: string;
  url?: string;
}

export type InboundPart =
  | { type: 'text'; text: string }
  | {
      type: 'media';
      mediaKind: 'image' | 'audio' | 'video' | 'file' | 'sticker';
      ref: MediaRef;
      mime?: string;
      sha256?: string;
      caption?: string;
    }
  /** WhatsApp button/list reply, Telegram callback_query, Messenger postback/quick reply. */
  | { type: 'choice'; choiceId: string; title?: string }
  | { type: 'location'; lat: number; lng: number; name?: string };

export interface Referral {
  source: 'ctwa_ad' | 'm_me_ref' | 'tg_start' | 'utm' | 'other';
  ref?: string;
  clickId?: string;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export type ErrorClass =
  /** Try again later (429 / retry_after, throttling codes, 5xx). */
  | { kind: 'retry'; afterMs?: number; code?: string }
  /** Outside the 24-hour customer service window: re-plan as a template or drop. */
  | { kind: 'window_closed'; code?: string }
  /** The person opted out or blocked the bot: never retried; writes a consent change. */
  | { kind: 'opted_out'; scope: 'all' | 'marketing'; code?: string }
  | { kind: 'permanent'; code: string }
  /** The sender itself is restricted (quality, policy): stop every send on that endpoint. */
  | { kind: 'halt_sender'; code: string };

export type InboundEvent =
  | {
      kind: 'message';
      id: ProviderEventId;
      at: number;
      from: Address;
      /** Stable key of the conversation (channel + endpoint + user): ordering and locks use it. */
      conversationKey: string;
      parts: InboundPart[];
      replyTo?: string;
      referral?: Referral;
    }
  | {
      kind: 'status';
      id: ProviderEventId;
      at: number;
      providerMessageId: string;
      status: DeliveryStatus;
      error?: ErrorClass;
      /** What we attached when sending (WhatsApp biz_opaque_callback_data, Twilio callback query). */
      correlation?: string;
    }
  | {
      kind: 'consent';
      id: ProviderEventId;
      at: number;
      from: Address;
      action: 'opt_out' | 'opt_in' | 'help';
      scope: 'all' | Purpose;
      via: 'keyword' | 'provider_preference' | 'blocked' | 'unsubscribe_post';
    };

export type OutboundPart =
  | { type: 'text'; text: string }
  | { type: 'media'; url: string; mime: string; caption?: string }
  | {
      type: 'choices';
      prompt: string;
      options: { id: string; title: string; description?: string }[];
    };

/** One logical message, channel-neutral; adapters render it by their capabilities. */
export interface OutboundMessage {
  /** Stable per logical send (e.g. broadcast id + contact id): the outbox refuses a second copy. */
  idempotencyKey: string;
  to: Address;
  purpose: Purpose;
  conversationKey: string;
  parts: OutboundPart[];
  /** Required outside the 24-hour window on WhatsApp (and Twilio WhatsApp). */
  template?: { name: string; language: string; params: Record<string, string> };
  /** Epoch ms: not before (quiet hours, scheduling) / drop after (stale). */
  notBefore?: number;
  expiresAt?: number;
  correlation?: string;
}

export interface Capabilities {
  maxButtons: number;
  buttonTitleMax: number;
  maxListRows: number;
  listRowTitleMax: number;
  /** Telegram: callback_data is at most 64 bytes. */
  callbackDataMaxBytes?: number;
  textMax: number;
  media: Partial<
    Record<'image' | 'audio' | 'video' | 'file', { maxBytes: number; mimes: string[] }>
  >;
  /** WhatsApp / Messenger: free-form replies only within 24 h of the person's last message. */
  window?: { hours: number; templatesOutside: boolean };
}

/** The raw HTTP request as received: verification runs over these exact bytes. */
export interface RawRequest {
  method: string;
  /** Full URL as the provider called it (Twilio signs it). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RawResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** The bytes of an inbound media part, fetched from the provider and checked. */
export interface MediaContent {
  bytes: Buffer;
  mime: string;
  /** Hex SHA-256 of `bytes` (checked against the provider's hash when it sends one). */
  sha256: string;
}

/** One provider API request, ready to send (deterministic: snapshot-testable). */
export interface ProviderPayload {
  method: 'POST' | 'GET';
  /** Path under the provider's configured base URL. */
  path: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded' | 'message/rfc822';
  body: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; error: ErrorClass; detail: string };

/**
 * One file per provider implements this (src/messaging/channels/). Verification is constant-time
 * over the raw body; `parse` may return several events (WhatsApp batches entries).
 */
export interface ChannelAdapter {
  readonly kind: ChannelKind;
  readonly provider: Provider;
  readonly capabilities: Capabilities;
  /** Meta's GET `hub.challenge` handshake; undefined when the request is not one. */
  handshake?(request: RawRequest): RawResponse | undefined;
  verify(request: RawRequest): boolean;
  /**
   * What to answer a verified webhook with when a bare 200 is not best (Telegram: the
   * answerCallbackQuery call as the webhook reply; Twilio: empty TwiML). Undefined = 200, empty.
   */
  webhookResponse?(request: RawRequest): RawResponse | undefined;
  parse(request: RawRequest): InboundEvent[];
  render(message: OutboundMessage): ProviderPayload[];
  send(payload: ProviderPayload): Promise<SendResult>;
  /**
   * Downloads an inbound media part (WhatsApp: id → short-lived URL → Bearer GET; Telegram:
   * getFile; Twilio: MediaUrl with Basic auth; Messenger: the attachment URL). Rejects on failure.
   */
  fetchMedia?(ref: MediaRef): Promise<MediaContent>;
}
