import type { Capabilities, OutboundMessage, OutboundPart, ProviderPayload } from '../types.ts';
import { numberedText } from './numbered-text.ts';
import { splitText } from './split-text.ts';

/** Limits from Meta's send docs (research §1.1.5). */
export const WHATSAPP_CAPABILITIES: Capabilities = {
  maxButtons: 3,
  buttonTitleMax: 20,
  maxListRows: 10,
  listRowTitleMax: 24,
  textMax: 4096,
  media: {
    image: { maxBytes: 5 * 1024 * 1024, mimes: ['image/jpeg', 'image/png'] },
    audio: {
      maxBytes: 16 * 1024 * 1024,
      mimes: ['audio/aac', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg'],
    },
    video: { maxBytes: 16 * 1024 * 1024, mimes: ['video/mp4', 'video/3gpp'] },
    file: { maxBytes: 100 * 1024 * 1024, mimes: ['application/pdf', 'text/plain'] },
  },
  window: { hours: 24, templatesOutside: true },
};

const BUTTON_BODY_MAX = 1024;
const BUTTON_ID_MAX = 256;
const ROW_ID_MAX = 200;
const ROW_DESCRIPTION_MAX = 72;
const LIST_BUTTON_LABEL = 'Choose';

type Choices = Extract<OutboundPart, { type: 'choices' }>;
type Body = Record<string, unknown>;

/**
 * OutboundMessage → Cloud API request bodies. A template, when given, is the whole message (it is
 * what may be sent outside the 24 h window); otherwise one request per part.
 */
export function renderWhatsApp(
  message: OutboundMessage,
  version: string,
  phoneNumberId: string,
): ProviderPayload[] {
  const to = message.to.phone ?? message.to.userId;
  const bodies: Body[] = message.template
    ? [templateBody(message.template)]
    : message.parts.flatMap((part) => partBodies(part));
  return bodies.map((body) => {
    const full: Body = { messaging_product: 'whatsapp', recipient_type: 'individual', to, ...body };
    // Echoed back in status webhooks: how a status finds its outbox row (max 512 chars).
    if (message.correlation) full.biz_opaque_callback_data = message.correlation.slice(0, 512);
    return {
      method: 'POST',
      path: `/${version}/${phoneNumberId}/messages`,
      contentType: 'application/json',
      body: JSON.stringify(full),
    };
  });
}

function templateBody(template: NonNullable<OutboundMessage['template']>): Body {
  const entries = Object.entries(template.params);
  // Positional templates use "1", "2"… (object key order is numeric for those); others are named.
  const positional = entries.every(([key]) => /^\d+$/.test(key));
  const parameters = entries.map(([key, text]) =>
    positional ? { type: 'text', text } : { type: 'text', parameter_name: key, text },
  );
  const components = parameters.length > 0 ? [{ type: 'body', parameters }] : [];
  return {
    type: 'template',
    template: { name: template.name, language: { code: template.language }, components },
  };
}

function partBodies(part: OutboundPart): Body[] {
  if (part.type === 'text') {
    return splitText(part.text, WHATSAPP_CAPABILITIES.textMax).map((body) => ({
      type: 'text',
      text: { preview_url: false, body },
    }));
  }
  if (part.type === 'media') return [mediaBody(part)];
  return [choicesBody(part)];
}

function mediaBody(part: Extract<OutboundPart, { type: 'media' }>): Body {
  const type = part.mime.startsWith('image/')
    ? 'image'
    : part.mime.startsWith('audio/')
      ? 'audio'
      : part.mime.startsWith('video/')
        ? 'video'
        : 'document';
  const media: Body = { link: part.url };
  // Audio takes no caption on WhatsApp.
  if (part.caption && type !== 'audio') media.caption = part.caption;
  return { type, [type]: media };
}

/** ≤3 short options → reply buttons; ≤10 → a list; anything else → numbered text. */
export function choicesBody(choices: Choices): Body {
  const { options, prompt } = choices;
  const caps = WHATSAPP_CAPABILITIES;
  const fitsButtons =
    options.length <= caps.maxButtons &&
    prompt.length <= BUTTON_BODY_MAX &&
    options.every((o) => o.title.length <= caps.buttonTitleMax && o.id.length <= BUTTON_ID_MAX) &&
    new Set(options.map((o) => o.title)).size === options.length;
  if (options.length > 0 && fitsButtons) {
    return {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: prompt },
        action: {
          buttons: options.map((o) => ({ type: 'reply', reply: { id: o.id, title: o.title } })),
        },
      },
    };
  }
  const fitsList =
    options.length <= caps.maxListRows &&
    prompt.length <= caps.textMax &&
    options.every(
      (o) =>
        o.title.length <= caps.listRowTitleMax &&
        o.id.length <= ROW_ID_MAX &&
        (o.description ?? '').length <= ROW_DESCRIPTION_MAX,
    );
  if (options.length > 0 && fitsList) {
    const rows = options.map((o) =>
      o.description
        ? { id: o.id, title: o.title, description: o.description }
        : { id: o.id, title: o.title },
    );
    return {
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: prompt },
        action: { button: LIST_BUTTON_LABEL, sections: [{ title: 'Options', rows }] },
      },
    };
  }
  return {
    type: 'text',
    text: { preview_url: false, body: numberedText(choices).slice(0, caps.textMax) },
  };
}
