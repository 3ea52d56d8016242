// The channel adapters: one file per provider behind ChannelAdapter (../types.ts), plus the pieces
// the hub's routes wire (handshakes, one-click unsubscribe, web chat sessions and mailbox, SMTP).
export type { ChannelsConfig, ChannelsConfigInput } from './channels-config.ts';
export {
  ChannelConfigError,
  channelsConfigSchema,
  parseChannelsConfig,
} from './channels-config.ts';
export type { ConsentKeywordAction, ConsentKeywordMatch } from './consent-keywords.ts';
export { matchConsentKeyword } from './consent-keywords.ts';
export { conversationKey } from './conversation-key.ts';
export type {
  ChannelAdapters,
  ChannelAdaptersDeps,
  WebchatRoutesKit,
} from './create-channel-adapters.ts';
export { createChannelAdapters } from './create-channel-adapters.ts';
export type { EmailEnvelope, EmailOptions } from './email.ts';
export { createEmailAdapter, EMAIL_CAPABILITIES } from './email.ts';
export type {
  InboundAttachment,
  InboundSmtp,
  InboundSmtpOptions,
  KeepAttachment,
} from './email-inbound.ts';
export { createInboundSmtp, mailToEvents } from './email-inbound.ts';
export { fetchMedia } from './fetch-media.ts';
export { keywordConsent, withKeywordConsent } from './keyword-consent.ts';
export type { MessengerOptions } from './messenger.ts';
export { createMessengerAdapter, MESSENGER_CAPABILITIES } from './messenger.ts';
export { signMetaBody } from './meta-signature.ts';
export { oneClickUnsubscribe, unsubscribePage } from './one-click-unsubscribe.ts';
export type { TelegramOptions } from './telegram.ts';
export { createTelegramAdapter, TELEGRAM_CAPABILITIES } from './telegram.ts';
export { signTwilio } from './twilio-signature.ts';
export type { TwilioSmsOptions } from './twilio-sms.ts';
export { createTwilioSmsAdapter, TWILIO_SMS_CAPABILITIES } from './twilio-sms.ts';
export type { UnsubscribeClaims } from './unsubscribe-token.ts';
export { createUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.ts';
export type { WebchatOptions } from './webchat.ts';
export { createWebchatAdapter, WEBCHAT_CAPABILITIES, webchatSessionOf } from './webchat.ts';
export type { WebchatMailbox } from './webchat-mailbox.ts';
export { createMemoryWebchatMailbox } from './webchat-mailbox.ts';
export {
  WEBCHAT_MAX_WAIT_S,
  WEBCHAT_MESSAGES_PATH,
  WEBCHAT_SESSIONS_PATH,
} from './webchat-paths.ts';
export * from './webchat-protocol.ts';
export { issueWebchatSession, verifyWebchatToken } from './webchat-session.ts';
export { WebhookPayloadError } from './webhook-payload-error.ts';
export type { WhatsAppAdapter, WhatsAppOptions } from './whatsapp.ts';
export { createWhatsAppAdapter } from './whatsapp.ts';
export { WHATSAPP_CAPABILITIES } from './whatsapp-render.ts';
