import type { HubStore } from './hub-store.ts';

// The HubStore's methods by area: every adapter (SQLite, PostgreSQL) implements one file per
// group, and both name the same groups here instead of listing the methods twice.

export type HubContactMethods = Pick<
  HubStore,
  | 'upsertContact'
  | 'getContact'
  | 'findContact'
  | 'appendConsent'
  | 'consentHistory'
  | 'addSuppression'
  | 'suppressedScopes'
>;

export type HubConversationMethods = Pick<
  HubStore,
  | 'ensureConversation'
  | 'getConversation'
  | 'touchInbound'
  | 'setConversationMode'
  | 'listConversations'
  | 'appendMessage'
  | 'getAssistantState'
  | 'setAssistantState'
  | 'listMessages'
  | 'createCommunity'
  | 'getCommunity'
  | 'listCommunities'
  | 'joinCommunity'
  | 'leaveCommunity'
  | 'listMembers'
  | 'createBroadcast'
  | 'getBroadcast'
>;

export type HubGdprMethods = Pick<HubStore, 'exportContact' | 'eraseContact'>;

export type HubInboundMethods = Pick<
  HubStore,
  | 'recordInbound'
  | 'claimInbound'
  | 'finishInbound'
  | 'releaseInbound'
  | 'countUnprocessedInbound'
  | 'purgeProcessedInbound'
>;

export type HubOutboxMethods = Pick<
  HubStore,
  | 'enqueueOutbox'
  | 'getOutbox'
  | 'findOutboxByKey'
  | 'findOutboxByProviderMessageId'
  | 'claimOutbox'
  | 'markSending'
  | 'markSent'
  | 'reschedule'
  | 'finishOutbox'
  | 'transitionOutbox'
  | 'cancelQueued'
  | 'markStuckUnknown'
  | 'listOutbox'
  | 'requeueOutbox'
  | 'countOutboxSince'
  | 'haltSender'
  | 'activeHalts'
  | 'countBroadcastStates'
>;
