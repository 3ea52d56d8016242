// The messaging hub's public surface for the server, the CLI and the assistants. The provider
// fakes are a separate entry (./fakes/index.ts): test and demo infrastructure, never production.
export * from './channels/index.ts';
export type { Communities } from './communities/community-service.ts';
export type { ShareLinker } from './communities/rewrite-links.ts';
export {
  createMessagingHub,
  type MessagingHub,
  type MessagingHubOptions,
} from './create-messaging-hub.ts';
export type { AssistantContext, AssistantHandler } from './inbound/inbound-context.ts';
export type * from './types.ts';
export { CHANNEL_KINDS, PURPOSES } from './types.ts';
