import type { HubStore } from '../store/index.ts';
import { type Communities, createCommunities } from './communities/community-service.ts';
import type { ShareLinker } from './communities/rewrite-links.ts';
import { type ConsentLedger, createConsentLedger } from './consent/consent-ledger.ts';
import {
  type AssistantHandler,
  DEFAULT_KEYWORD_REPLIES,
  type KeywordReplies,
} from './inbound/inbound-context.ts';
import { createInboundProcessor, type InboundProcessor } from './inbound/inbound-processor.ts';
import { type ReceiveOutcome, receiveWebhook } from './inbound/receive-webhook.ts';
import { createInbox, type Inbox } from './inbox/inbox-service.ts';
import type { EnqueueDeps } from './outbox/enqueue-message.ts';
import {
  createOutboxWorker,
  type OutboxWorker,
  type OutboxWorkerOptions,
} from './outbox/outbox-worker.ts';
import { type PolicyConfig, policyConfigSchema } from './policy/policy-config.ts';
import type { ChannelAdapter, RawRequest } from './types.ts';

export interface MessagingHubOptions {
  hub: HubStore;
  /** The adapters to send through: one per channel (their endpoint ids are in the addresses). */
  adapters: readonly ChannelAdapter[];
  /** Keys the suppression hashes that survive erasure (keep it secret and stable). */
  suppressionSecret: string;
  /** Policy settings (validated with zod; defaults in policy-config.ts). */
  policy?: unknown;
  assistant?: AssistantHandler;
  replies?: Partial<KeywordReplies>;
  shareLink?: ShareLinker;
  now?: () => number;
  worker?: Partial<Omit<OutboxWorkerOptions, 'hub' | 'consent' | 'adapterFor' | 'policy' | 'now'>>;
}

export interface MessagingHub {
  hub: HubStore;
  consent: ConsentLedger;
  enqueueDeps: EnqueueDeps;
  inbox: Inbox;
  communities: Communities;
  processor: InboundProcessor;
  worker: OutboxWorker;
  policy: PolicyConfig;
  adapterFor(channel: string): ChannelAdapter | undefined;
  /** Stores a webhook's events (signature checked) and wakes the processor. */
  receive(adapter: ChannelAdapter, request: RawRequest, brandId: string): Promise<ReceiveOutcome>;
  /** Recovers after a crash and starts the processor and the outbox worker. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires the hub's services over one HubStore: the composition the server and tests use. */
export function createMessagingHub(options: MessagingHubOptions): MessagingHub {
  const { hub } = options;
  const now = options.now ?? Date.now;
  const policy = policyConfigSchema.parse(options.policy ?? {});
  const byChannel = new Map(options.adapters.map((adapter) => [adapter.kind as string, adapter]));
  const adapterFor = (channel: string) => byChannel.get(channel);
  const consent = createConsentLedger({ hub, now, suppressionSecret: options.suppressionSecret });
  const enqueueDeps: EnqueueDeps = {
    hub,
    consent,
    policy,
    now,
    capabilitiesOf: (channel) => adapterFor(channel)?.capabilities,
  };
  const processor = createInboundProcessor({
    hub,
    consent,
    enqueue: enqueueDeps,
    assistant: options.assistant,
    replies: { ...DEFAULT_KEYWORD_REPLIES, ...options.replies },
    now,
  });
  const worker = createOutboxWorker({
    ...options.worker,
    hub,
    consent,
    policy,
    now,
    adapterFor: (channel) => adapterFor(channel),
  });
  return {
    hub,
    consent,
    enqueueDeps,
    policy,
    inbox: createInbox({ hub, enqueue: enqueueDeps }),
    communities: createCommunities({
      hub,
      consent,
      enqueue: enqueueDeps,
      shareLink: options.shareLink,
    }),
    processor,
    worker,
    adapterFor,
    receive: (adapter, request, brandId) =>
      receiveWebhook(adapter, request, { hub, brandId, now, onStored: () => processor.wake() }),
    async start() {
      processor.start();
      await worker.start();
    },
    async stop() {
      await processor.stop();
      await worker.stop();
    },
  };
}
