import type { MigrationReport } from './event-store.ts';
import type {
  Broadcast,
  Community,
  ConsentInput,
  ConsentRecord,
  Contact,
  ContactExport,
  ContactInput,
  Conversation,
  ConversationMode,
  InboundInput,
  InboundRecord,
  JsonValue,
  Membership,
  OutboxInput,
  OutboxRecord,
  OutboxState,
  SenderHalt,
  StoredMessage,
  Suppression,
} from './hub-records.ts';

export interface ClaimOptions {
  now: number;
  limit: number;
  /** Who claims (a worker id): only the owner may move a claimed row on. */
  owner: string;
  /** How long the claim holds; a crashed worker's rows become claimable again after it. */
  leaseMs: number;
}

export interface OutboxClaimOptions extends ClaimOptions {
  /** Senders whose pace is already booked ahead: leave their rows for a later claim. */
  skipSenders?: readonly { provider: string; endpointId: string }[];
}

/** What changes when an attempt ends without a final state (retry, defer, re-plan). */
export interface RescheduleInput {
  nextAttemptAt: number;
  /** True for a real failed attempt; false for a rate-limit deferral (not an attempt). */
  countAttempt: boolean;
  lastError?: JsonValue;
  /** A re-planned message (e.g. switched to its template when the window closed). */
  message?: JsonValue;
  /** Moves the schedule (quiet hours): unlike a retry, the row then no longer holds its line. */
  notBefore?: number;
}

/**
 * The messaging hub's durable state: contacts, the consent ledger, inbound events, conversations
 * and their messages, the outbox, communities and broadcasts. One adapter per engine; every
 * adapter passes `runHubStoreConformance`.
 *
 * Work queues (inbound events, outbox) are claimed with a lease, so several workers never take
 * the same row: SQLite does it in one IMMEDIATE transaction, PostgreSQL with
 * `SELECT … FOR UPDATE SKIP LOCKED` followed by the UPDATE.
 */
export interface HubStore {
  readonly dialect: 'sqlite' | 'postgres';
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;

  /** Finds the contact by (brand, channel, endpoint, user id) or creates it; fills in new profile fields. */
  upsertContact(input: ContactInput, now: number): Promise<Contact>;
  getContact(brandId: string, id: string): Promise<Contact | null>;
  findContact(
    brandId: string,
    channel: string,
    endpointId: string,
    userId: string,
  ): Promise<Contact | null>;

  /** Appends one ledger line; the ledger is never updated in place. */
  appendConsent(input: ConsentInput): Promise<ConsentRecord>;
  /** The contact's ledger, oldest first. */
  consentHistory(brandId: string, contactId: string): Promise<ConsentRecord[]>;
  addSuppression(input: Suppression): Promise<void>;
  /** Scopes (`all` or purposes) suppressed for this address hash. */
  suppressedScopes(brandId: string, channel: string, addressHash: string): Promise<string[]>;

  /** Stores an inbound event once: a second copy with the same provider id returns `inserted: false`. */
  recordInbound(input: InboundInput): Promise<{ inserted: boolean; seq: number }>;
  /**
   * Unprocessed events, oldest first, never two workers on one conversation: an event is only
   * claimed when no earlier unprocessed event of its conversation is held by another claim.
   */
  claimInbound(options: ClaimOptions): Promise<InboundRecord[]>;
  /**
   * Marks an event done; with `failure`, counts the attempt and holds it (and the rest of its
   * conversation) until `retryAt`, or gives up on it (done, with the error) when `retryAt` is null.
   */
  finishInbound(
    seq: number,
    now: number,
    failure?: { error: string; retryAt: number | null },
  ): Promise<void>;
  /** Gives a claimed event back untouched (its conversation stopped at an earlier failure). */
  releaseInbound(seq: number): Promise<void>;
  countUnprocessedInbound(): Promise<number>;
  /**
   * Deletes events processed before `before` (raw bodies carry personal data: storage
   * limitation). Keep them longer than providers retry (WhatsApp: up to 7 days), or a very late
   * duplicate would be taken for new. Returns how many.
   */
  purgeProcessedInbound(before: number): Promise<number>;

  /** Creates the conversation in `assistant` mode, or returns it as it is. */
  ensureConversation(
    input: { brandId: string; key: string; contactId: string; channel: string },
    now: number,
  ): Promise<Conversation>;
  getConversation(brandId: string, key: string): Promise<Conversation | null>;
  /** Moves `lastInboundAt` forward only (late or replayed events never shrink the window). */
  touchInbound(brandId: string, key: string, at: number): Promise<void>;
  setConversationMode(
    brandId: string,
    key: string,
    mode: ConversationMode,
    assignedAgent: string | null,
    now: number,
  ): Promise<Conversation>;
  listConversations(
    brandId: string,
    filter?: { mode?: ConversationMode; assignedAgent?: string; limit?: number },
  ): Promise<Conversation[]>;
  appendMessage(input: Omit<StoredMessage, 'id'>): Promise<StoredMessage>;
  /** What the conversation's assistant kept after its last turn (its own JSON), or null. */
  getAssistantState(brandId: string, conversationKey: string): Promise<JsonValue | null>;
  setAssistantState(
    brandId: string,
    conversationKey: string,
    state: JsonValue,
    now: number,
  ): Promise<void>;
  listMessages(brandId: string, conversationKey: string, limit?: number): Promise<StoredMessage[]>;

  /** Queues a message once per (brand, idempotency key): a repeat returns the first row. */
  enqueueOutbox(
    input: OutboxInput,
    now: number,
  ): Promise<{ record: OutboxRecord; created: boolean }>;
  getOutbox(id: string): Promise<OutboxRecord | null>;
  findOutboxByKey(brandId: string, idempotencyKey: string): Promise<OutboxRecord | null>;
  findOutboxByProviderMessageId(
    provider: string,
    providerMessageId: string,
  ): Promise<OutboxRecord | null>;
  /**
   * Due `queued` rows (notBefore and nextAttemptAt passed, lease free), at most one per
   * conversation and only its head: FIFO per conversation, nothing claimed while another row of
   * the conversation is `sending` or held. Rows stay `queued`, held by the lease.
   */
  claimOutbox(options: OutboxClaimOptions): Promise<OutboxRecord[]>;
  /** Marks a claimed row `sending` right before the provider call; false if the claim was lost. */
  markSending(id: string, owner: string, now: number, payload: JsonValue): Promise<boolean>;
  /**
   * The provider accepted the row: `sent` (never backwards from a state a status callback
   * already set) and, in the same transaction, the history message for the inbox.
   */
  markSent(
    id: string,
    providerMessageId: string,
    now: number,
    history?: Omit<StoredMessage, 'id'>,
  ): Promise<void>;
  /** Back to `queued` for a later try; releases the claim. */
  reschedule(id: string, input: RescheduleInput, now: number): Promise<void>;
  /** Ends a row in `failed`, `dead` or `cancelled` with the classified error. */
  finishOutbox(
    id: string,
    state: 'failed' | 'dead' | 'cancelled',
    error: JsonValue,
    now: number,
  ): Promise<void>;
  /**
   * Compare-and-set of the delivery state (the caller decides monotonic transitions): true when
   * the row was still in `from`.
   */
  transitionOutbox(
    id: string,
    from: OutboxState,
    to: OutboxState,
    now: number,
    providerMessageId?: string,
  ): Promise<boolean>;
  /** Cancels the contact's queued rows of these purposes (a STOP); returns how many. */
  cancelQueued(
    brandId: string,
    contactId: string,
    purposes: readonly string[],
    reason: JsonValue,
    now: number,
  ): Promise<number>;
  /** After a crash: rows left `sending` since before `olderThan` become `unknown`; returns how many. */
  markStuckUnknown(olderThan: number, now: number): Promise<number>;
  listOutbox(
    brandId: string | null,
    filter: {
      states: readonly OutboxState[];
      updatedBefore?: number;
      /** Only this conversation's rows. */
      conversationKey?: string;
      /** The newest rows (still returned oldest first), instead of the oldest. */
      newest?: boolean;
      limit?: number;
    },
  ): Promise<OutboxRecord[]>;
  /** Puts a `dead`, `failed` or `unknown` row back in the queue with fresh attempts. */
  requeueOutbox(id: string, now: number): Promise<boolean>;
  /**
   * Rows of this contact and purpose sent, in flight or scheduled since `since` (frequency caps),
   * leaving out `excludeId` (the row being checked).
   */
  countOutboxSince(
    brandId: string,
    contactId: string,
    purpose: string,
    since: number,
    excludeId?: string,
  ): Promise<number>;

  haltSender(halt: SenderHalt): Promise<void>;
  activeHalts(now: number): Promise<SenderHalt[]>;

  createCommunity(input: Omit<Community, 'id'>): Promise<Community>;
  getCommunity(brandId: string, id: string): Promise<Community | null>;
  listCommunities(brandId: string): Promise<Community[]>;
  /** Adds (or keeps) a member; the consent id points at the ledger line of the opt-in. */
  joinCommunity(input: Membership): Promise<Membership>;
  leaveCommunity(communityId: string, contactId: string): Promise<boolean>;
  listMembers(communityId: string): Promise<Membership[]>;
  createBroadcast(input: Omit<Broadcast, 'id'>): Promise<Broadcast>;
  getBroadcast(brandId: string, id: string): Promise<Broadcast | null>;
  countBroadcastStates(broadcastId: string): Promise<Partial<Record<OutboxState, number>>>;

  exportContact(brandId: string, contactId: string): Promise<ContactExport | null>;
  /**
   * Deletes the contact and everything tied to it (messages, conversations, outbox rows,
   * inbound events, memberships, ledger lines) in one transaction, then stores `suppressions`.
   */
  eraseContact(brandId: string, contactId: string, suppressions: Suppression[]): Promise<boolean>;
}
