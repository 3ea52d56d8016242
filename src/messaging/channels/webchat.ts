import type {
  Capabilities,
  ChannelAdapter,
  OutboundMessage,
  OutboundPart,
  ProviderPayload,
  RawRequest,
  SendResult,
} from '../types.ts';
import { conversationKey } from './conversation-key.ts';
import { header } from './header.ts';
import { withKeywordConsent } from './keyword-consent.ts';
import { numberedText } from './numbered-text.ts';
import type { WebchatMailbox } from './webchat-mailbox.ts';
import { WEBCHAT_MESSAGES_PATH } from './webchat-paths.ts';
import {
  type WebchatPart,
  webchatClientMessageSchema,
  webchatPartSchema,
} from './webchat-protocol.ts';
import { verifyWebchatToken } from './webchat-session.ts';
import { parseJsonBody, WebhookPayloadError } from './webhook-payload-error.ts';

export interface WebchatOptions {
  /** HMAC key of session tokens. */
  sessionSecret: string;
  /** The site the widget is embedded on: the endpoint id of its conversations. */
  siteId: string;
  mailbox: WebchatMailbox;
  now?: () => number;
}

export const WEBCHAT_CAPABILITIES: Capabilities = {
  maxButtons: 10,
  buttonTitleMax: 40,
  maxListRows: 10,
  listRowTitleMax: 40,
  textMax: 4000,
  media: {
    image: {
      maxBytes: 10 * 1024 * 1024,
      mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    },
  },
};

/** The session id behind `Authorization: Bearer <token>`, if the token is genuine. */
export function webchatSessionOf(request: RawRequest, secret: string): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '');
  return match?.[1] ? verifyWebchatToken(secret, match[1]) : undefined;
}

/** Our own widget as a channel: the token replaces a provider signature; replies go to a mailbox. */
export function createWebchatAdapter(options: WebchatOptions): ChannelAdapter {
  const now = options.now ?? Date.now;
  return {
    kind: 'webchat',
    provider: 'native',
    capabilities: WEBCHAT_CAPABILITIES,
    verify: (request: RawRequest) => webchatSessionOf(request, options.sessionSecret) !== undefined,
    parse(request: RawRequest) {
      const sessionId = webchatSessionOf(request, options.sessionSecret);
      if (!sessionId) throw new WebhookPayloadError('webchat', 'no valid session token');
      const parsed = webchatClientMessageSchema.safeParse(parseJsonBody('webchat', request.body));
      if (!parsed.success)
        throw new WebhookPayloadError('webchat', parsed.error.issues[0]?.message ?? 'shape');
      const m = parsed.data;
      const from = {
        channel: 'webchat' as const,
        provider: 'native' as const,
        endpointId: options.siteId,
        userId: sessionId,
      };
      return withKeywordConsent({
        kind: 'message',
        id: { provider: 'native', value: `${sessionId}:${m.clientMessageId}` },
        at: now(),
        from,
        conversationKey: conversationKey(from),
        parts:
          'text' in m
            ? [{ type: 'text', text: m.text }]
            : [{ type: 'choice', choiceId: m.choiceId }],
      });
    },
    render: (message: OutboundMessage) =>
      message.parts.map((part) => ({
        method: 'POST',
        path: `${WEBCHAT_MESSAGES_PATH}/${encodeURIComponent(message.to.userId)}`,
        contentType: 'application/json',
        body: JSON.stringify(toWebchatPart(part)),
      })),
    async send(payload: ProviderPayload): Promise<SendResult> {
      const sessionId = decodeURIComponent(payload.path.slice(payload.path.lastIndexOf('/') + 1));
      const part = webchatPartSchema.safeParse(parseOrUndefined(payload.body));
      if (!part.success)
        return {
          ok: false,
          error: { kind: 'permanent', code: 'bad_payload' },
          detail: 'not a web chat part',
        };
      const message = await options.mailbox.push(sessionId, part.data);
      return { ok: true, providerMessageId: message.id };
    },
  };
}

function toWebchatPart(part: OutboundPart): WebchatPart {
  if (part.type !== 'choices') return part;
  const caps = WEBCHAT_CAPABILITIES;
  const fits =
    part.options.length <= caps.maxButtons &&
    part.options.every((o) => o.title.length <= caps.buttonTitleMax);
  return fits ? part : { type: 'text', text: numberedText(part) };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
