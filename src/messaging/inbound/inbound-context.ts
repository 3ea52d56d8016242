import type { Contact, Conversation, HubStore, StoredMessage } from '../../store/index.ts';
import type { ConsentLedger } from '../consent/consent-ledger.ts';
import type { EnqueueDeps } from '../outbox/enqueue-message.ts';
import type { InboundEvent, OutboundPart } from '../types.ts';

export type MessageEvent = Extract<InboundEvent, { kind: 'message' }>;

export interface AssistantContext {
  brandId: string;
  contact: Contact;
  conversation: Conversation;
  message: MessageEvent;
  /** The conversation so far (newest last), this message included. */
  history: StoredMessage[];
}

/** An assistant answers a message with parts to send back (possibly none). */
export type AssistantHandler = (ctx: AssistantContext) => Promise<OutboundPart[]> | OutboundPart[];

/** The replies to STOP / START / HELP (one confirmation each, research §2.2). */
export interface KeywordReplies {
  opt_out: string;
  opt_in: string;
  help: string;
}

export const DEFAULT_KEYWORD_REPLIES: KeywordReplies = {
  opt_out: 'You will not receive any more messages from us. Reply START to undo.',
  opt_in: 'You are subscribed again. Reply STOP to stop.',
  help: 'Reply STOP to stop messages, START to resume. Write to us any time for help.',
};

export interface InboundContext {
  hub: HubStore;
  consent: ConsentLedger;
  enqueue: EnqueueDeps;
  assistant?: AssistantHandler;
  replies: KeywordReplies;
  now: () => number;
}
