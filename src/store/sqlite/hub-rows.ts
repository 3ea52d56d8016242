import type {
  Broadcast,
  Community,
  ConsentRecord,
  Contact,
  Conversation,
  ConversationMode,
  InboundKind,
  InboundRecord,
  JsonValue,
  Membership,
  OutboxRecord,
  OutboxState,
  StoredMessage,
} from '../hub-records.ts';

// Row shapes as SQLite returns them (snake_case, JSON as TEXT), and their record mappers.

const json = (text: string): JsonValue => JSON.parse(text) as JsonValue;

export interface ContactRow {
  id: string;
  brand_id: string;
  channel: string;
  provider: string;
  endpoint_id: string;
  user_id: string;
  phone: string | null;
  username: string | null;
  email: string | null;
  display_name: string | null;
  language: string | null;
  time_zone: string | null;
  created_at: number;
}

export const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  brandId: r.brand_id,
  channel: r.channel,
  provider: r.provider,
  endpointId: r.endpoint_id,
  userId: r.user_id,
  phone: r.phone,
  username: r.username,
  email: r.email,
  displayName: r.display_name,
  language: r.language,
  timeZone: r.time_zone,
  createdAt: r.created_at,
});

export interface ConsentRow {
  id: string;
  brand_id: string;
  contact_id: string;
  channel: string;
  purpose: string;
  status: 'granted' | 'revoked';
  at: number;
  source: string;
  wording: string;
  wording_version: string;
  evidence: string;
}

export const toConsent = (r: ConsentRow): ConsentRecord => ({
  id: r.id,
  brandId: r.brand_id,
  contactId: r.contact_id,
  channel: r.channel,
  purpose: r.purpose,
  status: r.status,
  at: r.at,
  source: r.source,
  wording: r.wording,
  wordingVersion: r.wording_version,
  evidence: JSON.parse(r.evidence) as ConsentRecord['evidence'],
});

export interface InboundRow {
  seq: number;
  brand_id: string;
  provider: string;
  provider_event_id: string;
  kind: InboundKind;
  conversation_key: string;
  event: string;
  raw_body: Buffer;
  received_at: number;
  processed_at: number | null;
  attempts: number;
  last_error: string | null;
}

export const toInbound = (r: InboundRow): InboundRecord => ({
  seq: r.seq,
  brandId: r.brand_id,
  provider: r.provider,
  providerEventId: r.provider_event_id,
  kind: r.kind,
  conversationKey: r.conversation_key,
  event: json(r.event),
  rawBody: r.raw_body,
  receivedAt: r.received_at,
  processedAt: r.processed_at,
  attempts: r.attempts,
  lastError: r.last_error,
});

export interface ConversationRow {
  brand_id: string;
  conversation_key: string;
  contact_id: string;
  channel: string;
  last_inbound_at: number | null;
  mode: ConversationMode;
  assigned_agent: string | null;
  updated_at: number;
}

export const toConversation = (r: ConversationRow): Conversation => ({
  brandId: r.brand_id,
  key: r.conversation_key,
  contactId: r.contact_id,
  channel: r.channel,
  lastInboundAt: r.last_inbound_at,
  mode: r.mode,
  assignedAgent: r.assigned_agent,
  updatedAt: r.updated_at,
});

export interface MessageRow {
  id: string;
  brand_id: string;
  conversation_key: string;
  direction: 'in' | 'out';
  author: string;
  parts: string;
  at: number;
  provider_message_id: string | null;
  outbox_id: string | null;
}

export const toMessage = (r: MessageRow): StoredMessage => ({
  id: r.id,
  brandId: r.brand_id,
  conversationKey: r.conversation_key,
  direction: r.direction,
  author: r.author,
  parts: json(r.parts),
  at: r.at,
  providerMessageId: r.provider_message_id,
  outboxId: r.outbox_id,
});

export interface OutboxRow {
  id: string;
  brand_id: string;
  idempotency_key: string;
  conversation_key: string;
  contact_id: string;
  channel: string;
  provider: string;
  endpoint_id: string;
  purpose: string;
  message: string;
  state: OutboxState;
  attempts: number;
  not_before: number;
  next_attempt_at: number;
  expires_at: number | null;
  provider_message_id: string | null;
  last_error: string;
  payload: string;
  correlation: string | null;
  broadcast_id: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export const toOutbox = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  brandId: r.brand_id,
  idempotencyKey: r.idempotency_key,
  conversationKey: r.conversation_key,
  contactId: r.contact_id,
  channel: r.channel,
  provider: r.provider,
  endpointId: r.endpoint_id,
  purpose: r.purpose,
  message: json(r.message),
  state: r.state,
  attempts: r.attempts,
  notBefore: r.not_before,
  nextAttemptAt: r.next_attempt_at,
  expiresAt: r.expires_at,
  providerMessageId: r.provider_message_id,
  lastError: json(r.last_error),
  payload: json(r.payload),
  correlation: r.correlation,
  broadcastId: r.broadcast_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

export interface CommunityRow {
  id: string;
  brand_id: string;
  name: string;
  description: string;
  opt_in_wording: string;
  wording_version: string;
  created_at: number;
}

export const toCommunity = (r: CommunityRow): Community => ({
  id: r.id,
  brandId: r.brand_id,
  name: r.name,
  description: r.description,
  optInWording: r.opt_in_wording,
  wordingVersion: r.wording_version,
  createdAt: r.created_at,
});

export interface MembershipRow {
  community_id: string;
  contact_id: string;
  joined_at: number;
  consent_id: string;
}

export const toMembership = (r: MembershipRow): Membership => ({
  communityId: r.community_id,
  contactId: r.contact_id,
  joinedAt: r.joined_at,
  consentId: r.consent_id,
});

export interface BroadcastRow {
  id: string;
  brand_id: string;
  community_id: string;
  campaign: string;
  content: string;
  not_before: number;
  created_at: number;
  recipients: number;
}

export const toBroadcast = (r: BroadcastRow): Broadcast => ({
  id: r.id,
  brandId: r.brand_id,
  communityId: r.community_id,
  campaign: r.campaign,
  content: json(r.content),
  notBefore: r.not_before,
  createdAt: r.created_at,
  recipients: r.recipients,
});
