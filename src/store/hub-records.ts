/**
 * The messaging hub's stored records. The store layer sits below `messaging/`, so channels,
 * purposes and message bodies are plain strings and JSON values here; the messaging code owns
 * their meaning. Every record is scoped by `brandId` (a site id: one brand = one site).
 */

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

export interface Contact {
  id: string;
  brandId: string;
  channel: string;
  provider: string;
  endpointId: string;
  /** The provider's stable user id on that channel (never the phone alone). */
  userId: string;
  phone: string | null;
  username: string | null;
  email: string | null;
  displayName: string | null;
  /** BCP 47 language tag, e.g. `fr-FR`, when known. */
  language: string | null;
  /** IANA time zone of the person, for quiet hours; null = the brand default. */
  timeZone: string | null;
  createdAt: number;
}

export type ContactInput = Omit<Contact, 'id' | 'createdAt'>;

export type ConsentStatus = 'granted' | 'revoked';

/** One append-only line of the consent ledger (research/messaging.md §2.1). */
export interface ConsentRecord {
  id: string;
  brandId: string;
  contactId: string;
  channel: string;
  purpose: string;
  status: ConsentStatus;
  at: number;
  /** Where it happened: `keyword`, `web_form`, `community_join`, `provider_preference`, `agent`… */
  source: string;
  /** The exact wording the person saw (or sent, for a keyword) and its version. */
  wording: string;
  wordingVersion: string;
  /** Proof: inbound message id, IP/user agent of a form, template id… */
  evidence: { [key: string]: JsonValue };
}

export type ConsentInput = Omit<ConsentRecord, 'id'>;

/** What survives erasure: a keyed hash of the address and the scope the person refused. */
export interface Suppression {
  brandId: string;
  channel: string;
  addressHash: string;
  /** `all` or a purpose. */
  scope: string;
  at: number;
}

export type ConversationMode = 'assistant' | 'agent';

export interface Conversation {
  brandId: string;
  /** The adapters' conversation key (channel + endpoint + user). */
  key: string;
  contactId: string;
  channel: string;
  /** The person's last message: opens the 24-hour customer-service window. */
  lastInboundAt: number | null;
  mode: ConversationMode;
  assignedAgent: string | null;
  updatedAt: number;
}

export interface StoredMessage {
  id: string;
  brandId: string;
  conversationKey: string;
  direction: 'in' | 'out';
  /** `contact`, `assistant`, or `agent:<id>` (internal: never shown to the contact). */
  author: string;
  parts: JsonValue;
  at: number;
  providerMessageId: string | null;
  outboxId: string | null;
}

export type InboundKind = 'message' | 'status' | 'consent';

export interface InboundRecord {
  /** Arrival order: the processor handles a conversation's events in this order. */
  seq: number;
  brandId: string;
  provider: string;
  providerEventId: string;
  kind: InboundKind;
  /** '' for events without a conversation (delivery statuses). */
  conversationKey: string;
  /** The parsed, normalised event. */
  event: JsonValue;
  /** The request body as received, for audit and re-parsing. */
  rawBody: Buffer;
  receivedAt: number;
  processedAt: number | null;
  attempts: number;
  lastError: string | null;
}

export type InboundInput = Pick<
  InboundRecord,
  'brandId' | 'provider' | 'providerEventId' | 'kind' | 'conversationKey' | 'event' | 'rawBody'
> & { receivedAt: number };

export const OUTBOX_STATES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'dead',
  'cancelled',
  'unknown',
] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxRecord {
  id: string;
  brandId: string;
  idempotencyKey: string;
  conversationKey: string;
  contactId: string;
  channel: string;
  provider: string;
  endpointId: string;
  purpose: string;
  /** The channel-neutral message (OutboundMessage as JSON). */
  message: JsonValue;
  state: OutboxState;
  attempts: number;
  /** Scheduling (quiet hours, broadcasts): the row does not exist for FIFO purposes before it. */
  notBefore: number;
  /** Retry backoff: keeps its place in the conversation's FIFO. */
  nextAttemptAt: number;
  expiresAt: number | null;
  providerMessageId: string | null;
  /** The classified error and its detail, as JSON, once something went wrong. */
  lastError: JsonValue;
  /** The rendered provider requests of the last attempt (kept for the dead-letter queue). */
  payload: JsonValue;
  correlation: string | null;
  broadcastId: string | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export type OutboxInput = Pick<
  OutboxRecord,
  | 'brandId'
  | 'idempotencyKey'
  | 'conversationKey'
  | 'contactId'
  | 'channel'
  | 'provider'
  | 'endpointId'
  | 'purpose'
  | 'message'
  | 'notBefore'
  | 'expiresAt'
  | 'correlation'
  | 'broadcastId'
>;

export interface SenderHalt {
  provider: string;
  endpointId: string;
  until: number;
  reason: string;
}

export interface Community {
  id: string;
  brandId: string;
  name: string;
  description: string;
  /** The opt-in text people accept to join, and its version (recorded in the ledger). */
  optInWording: string;
  wordingVersion: string;
  createdAt: number;
}

export interface Membership {
  communityId: string;
  contactId: string;
  joinedAt: number;
  consentId: string;
}

export interface Broadcast {
  id: string;
  brandId: string;
  communityId: string;
  campaign: string;
  /** The message sent to each member (parts and template), as JSON. */
  content: JsonValue;
  notBefore: number;
  createdAt: number;
  recipients: number;
}

/** Everything stored about one contact (GDPR Art. 15/20 export). */
export interface ContactExport {
  contact: Contact;
  consents: ConsentRecord[];
  conversations: Conversation[];
  messages: StoredMessage[];
  outbox: OutboxRecord[];
  memberships: Membership[];
}
