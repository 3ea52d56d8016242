/**
 * Local fakes of the messaging providers (WhatsApp Cloud API, Telegram Bot API, Messenger,
 * Twilio, SMTP) that speak the real wire formats, enforce the documented limits and keep score.
 * See docs/messaging-fakes.md.
 */

export type { ScriptedFault } from './fake-http-server.ts';
export type { FakeStats } from './fake-ledger.ts';
export {
  type FakeMessenger,
  type FakeMessengerOptions,
  type MessengerInbound,
  startFakeMessenger,
} from './fake-messenger.ts';
export {
  type FakeSmtp,
  type FakeSmtpOptions,
  type ReceivedMail,
  startFakeSmtp,
} from './fake-smtp.ts';
export { type FakeTelegram, type FakeTelegramOptions, startFakeTelegram } from './fake-telegram.ts';
export { type FakeTwilio, type FakeTwilioOptions, startFakeTwilio } from './fake-twilio.ts';
export {
  type FakeWhatsApp,
  type FakeWhatsAppOptions,
  startFakeWhatsApp,
  type TemplateCategory,
  type WhatsAppInbound,
} from './fake-whatsapp.ts';
export { type HandshakeResult, runMetaHandshake } from './meta-handshake.ts';
export { countSmsSegments } from './sms-segments.ts';
export {
  type AllFakes,
  FAKE_PROVIDERS,
  type FakeProviderName,
  type StartAllFakesOptions,
  startAllFakes,
} from './start-all-fakes.ts';
export { type Clock, type RateLimit, TokenBucket, wallClock } from './token-bucket.ts';
export {
  type CapturedWebhook,
  startWebhookCapture,
  type WebhookCapture,
} from './webhook-capture.ts';
export type { WebhookDelivery } from './webhook-sender.ts';
export {
  signMetaPayload,
  signTwilioRequest,
  verifyMetaSignature,
  verifyTwilioSignature,
} from './webhook-signing.ts';
