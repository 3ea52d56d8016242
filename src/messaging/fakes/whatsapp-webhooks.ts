/**
 * The webhook envelopes the WhatsApp fake posts back, in the real shape (research/messaging.md
 * §1.1.4): `object: whatsapp_business_account` → entry[] → changes[] → value with metadata and
 * exactly one of messages/statuses/user_preferences.
 */
import { randomBytes } from 'node:crypto';
import { GRAPH_ERRORS } from './graph-errors.ts';

export interface WhatsAppEndpoint {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export type WhatsAppStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusInput {
  wamid: string;
  status: WhatsAppStatus;
  recipientId: string;
  timestamp: number;
  correlation?: string;
  /** Pricing category of what was sent (template category, or "service" for free-form). */
  category: string;
  error?: { code: number; title: string; details: string };
}

/** Inbound message content the fake can simulate: what the recipe assistant receives. */
export type WhatsAppInboundContent =
  | { text: string }
  | { buttonReply: { id: string; title: string } }
  | { listReply: { id: string; title: string; description?: string } }
  | { image: { id: string; mimeType: string; sha256: string; caption?: string } };

export function newWamid(): string {
  return `wamid.${randomBytes(24).toString('base64')}`;
}

function envelope(
  endpoint: WhatsAppEndpoint,
  field: string,
  value: Record<string, unknown>,
): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: endpoint.wabaId,
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: endpoint.displayPhoneNumber,
                phone_number_id: endpoint.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export function statusEnvelope(endpoint: WhatsAppEndpoint, input: StatusInput): unknown {
  const status: Record<string, unknown> = {
    id: input.wamid,
    status: input.status,
    timestamp: String(input.timestamp),
    recipient_id: input.recipientId,
  };
  if (input.correlation !== undefined) status.biz_opaque_callback_data = input.correlation;
  if (input.status === 'sent' || input.status === 'delivered') {
    // Per-message pricing since July 2025 (research §1.1.4): service replies are free.
    const service = input.category === 'service';
    status.pricing = {
      billable: !service,
      pricing_model: 'PMP',
      category: input.category,
      ...(service ? { type: 'free_customer_service' } : { type: 'regular' }),
    };
  }
  if (input.error) {
    status.errors = [
      {
        code: input.error.code,
        title: input.error.title,
        message: input.error.title,
        error_data: { details: input.error.details },
        href: '/documentation/business-messaging/whatsapp/support/error-codes',
      },
    ];
  }
  return envelope(endpoint, 'messages', { statuses: [status] });
}

export function inboundEnvelope(
  endpoint: WhatsAppEndpoint,
  input: {
    wamid: string;
    from: string;
    profileName: string;
    timestamp: number;
    contextId?: string;
  },
  content: WhatsAppInboundContent,
): unknown {
  const message: Record<string, unknown> = {
    from: input.from,
    id: input.wamid,
    timestamp: String(input.timestamp),
  };
  if (input.contextId !== undefined) {
    message.context = { from: endpoint.displayPhoneNumber, id: input.contextId };
  }
  if ('text' in content) {
    Object.assign(message, { type: 'text', text: { body: content.text } });
  } else if ('buttonReply' in content) {
    Object.assign(message, {
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: content.buttonReply },
    });
  } else if ('listReply' in content) {
    Object.assign(message, {
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: content.listReply },
    });
  } else {
    const { id, mimeType, sha256, caption } = content.image;
    Object.assign(message, {
      type: 'image',
      image: { id, mime_type: mimeType, sha256, ...(caption !== undefined ? { caption } : {}) },
    });
  }
  return envelope(endpoint, 'messages', {
    contacts: [{ profile: { name: input.profileName }, wa_id: input.from }],
    messages: [message],
  });
}

export function preferenceEnvelope(
  endpoint: WhatsAppEndpoint,
  waId: string,
  value: 'stop' | 'resume',
  timestamp: number,
): unknown {
  return envelope(endpoint, 'user_preferences', {
    contacts: [{ wa_id: waId }],
    user_preferences: [
      {
        wa_id: waId,
        detail:
          value === 'stop'
            ? 'User requested to stop marketing messages'
            : 'User requested to resume marketing messages',
        category: 'marketing_messages',
        value,
        timestamp,
      },
    ],
  });
}

export interface StatusWebhookConfig {
  statuses?: Exclude<WhatsAppStatus, 'failed'>[];
  /** Deliver the statuses of a message in reverse order (research §1.1.4: order is not guaranteed). */
  outOfOrder?: boolean;
  /** Deliver every status twice (webhooks are at-least-once, research §1.1.3). */
  duplicate?: boolean;
}

/** The status webhooks that follow one accepted message, in the order they will be posted. */
export function statusSequence(
  endpoint: WhatsAppEndpoint,
  base: Omit<StatusInput, 'status' | 'timestamp' | 'error'>,
  timestamp: number,
  config: StatusWebhookConfig,
  /** When set, the message fails: a single `failed` status carries this error. */
  failure?: StatusInput['error'],
): unknown[] {
  if (failure) {
    return [statusEnvelope(endpoint, { ...base, status: 'failed', timestamp, error: failure })];
  }
  const statuses = [...(config.statuses ?? ['sent', 'delivered', 'read'])];
  if (config.outOfOrder) statuses.reverse();
  return statuses.flatMap((status) => {
    // Timestamps keep the true order even when delivery does not: clients must sort on them.
    const order = ['sent', 'delivered', 'read'].indexOf(status);
    const payload = statusEnvelope(endpoint, { ...base, status, timestamp: timestamp + order });
    return config.duplicate ? [payload, payload] : [payload];
  });
}

export const UNDELIVERABLE = {
  code: 131026,
  title: 'Message undeliverable',
  details: 'Message Undeliverable.',
};

/** The error a `failed` status carries when a policy refusal is reported asynchronously. */
export function policyFailure(code: 131047 | 131050) {
  const known = GRAPH_ERRORS[code]!;
  const title = known.message.replace(/^\(#\d+\) /, '');
  return { code, title, details: known.details ?? title };
}
