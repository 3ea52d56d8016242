import type { ChannelAdapter, ChannelKind, RawRequest } from '../types.ts';
import { type ChannelsConfigInput, parseChannelsConfig } from './channels-config.ts';
import { createEmailAdapter } from './email.ts';
import { createMessengerAdapter } from './messenger.ts';
import { createTelegramAdapter } from './telegram.ts';
import { createTwilioSmsAdapter } from './twilio-sms.ts';
import { createWebchatAdapter, webchatSessionOf } from './webchat.ts';
import { createMemoryWebchatMailbox, type WebchatMailbox } from './webchat-mailbox.ts';
import type { WebchatSession } from './webchat-protocol.ts';
import { issueWebchatSession } from './webchat-session.ts';
import { createWhatsAppAdapter } from './whatsapp.ts';

export interface ChannelAdapters {
  /** The adapter of a configured channel, undefined when that channel is not configured. */
  get(kind: ChannelKind): ChannelAdapter | undefined;
  /** Every configured adapter. */
  all(): ChannelAdapter[];
  /** What the web chat routes need besides the adapter; present when web chat is configured. */
  webchat?: WebchatRoutesKit;
}

/** For `POST /webchat/sessions` and `GET /webchat/messages` (webchat-protocol.ts). */
export interface WebchatRoutesKit {
  /** Where replies wait; the poll route calls `mailbox.poll(sessionId, after, wait * 1000)`. */
  mailbox: WebchatMailbox;
  /** A new session for `POST /webchat/sessions`. */
  issueSession(): WebchatSession;
  /** The session behind a request's Bearer token (the poll route's auth), or undefined. */
  sessionOf(request: RawRequest): string | undefined;
}

export interface ChannelAdaptersDeps {
  now?: () => number;
  webchatMailbox?: WebchatMailbox;
}

/**
 * Builds the adapters of every configured channel. Provider base URLs come from the config, so
 * tests and the demo point them at local fakes on 127.0.0.1. Throws ChannelConfigError (every
 * problem, each with how to fix it) when the config is not valid.
 *
 * @example
 * const channels = createChannelAdapters({ telegram: { botToken, secretToken, baseUrl: fake.url } });
 * const adapter = channels.get('telegram');
 */
export function createChannelAdapters(
  input: ChannelsConfigInput,
  deps: ChannelAdaptersDeps = {},
): ChannelAdapters {
  const config = parseChannelsConfig(input);
  const now = deps.now ? { now: deps.now } : {};
  const byKind = new Map<ChannelKind, ChannelAdapter>();
  const result: ChannelAdapters = {
    get: (kind) => byKind.get(kind),
    all: () => [...byKind.values()],
  };
  if (config.whatsapp) byKind.set('whatsapp', createWhatsAppAdapter(config.whatsapp));
  if (config.telegram)
    byKind.set('telegram', createTelegramAdapter({ ...config.telegram, ...now }));
  if (config.messenger) byKind.set('messenger', createMessengerAdapter(config.messenger));
  if (config.sms) byKind.set('sms', createTwilioSmsAdapter({ ...config.sms, ...now }));
  if (config.email) byKind.set('email', createEmailAdapter({ ...config.email, ...now }));
  if (config.webchat) {
    const { sessionSecret } = config.webchat;
    const mailbox = deps.webchatMailbox ?? createMemoryWebchatMailbox(now);
    byKind.set('webchat', createWebchatAdapter({ ...config.webchat, mailbox, ...now }));
    result.webchat = {
      mailbox,
      issueSession: () => issueWebchatSession(sessionSecret),
      sessionOf: (request) => webchatSessionOf(request, sessionSecret),
    };
  }
  return result;
}
