/**
 * Validation of a WhatsApp Cloud API send payload against the limits in research/messaging.md
 * §1.1.5. Missing or malformed fields answer Graph code 100 (invalid parameter); values out of
 * the documented range answer 131009 (parameter value is not valid), as the Graph API does.
 */
import { isRecord } from './fake-http-server.ts';

/** The documented payload limits, exposed as data through `fake.limits.payload`. */
export const WHATSAPP_PAYLOAD_LIMITS = {
  /** Text body (Meta text-message reference; not quoted in the research). */
  textMax: 4096,
  captionMax: 1024,
  buttonsMax: 3,
  buttonTitleMax: 20,
  buttonIdMax: 256,
  buttonBodyMax: 1024,
  footerMax: 60,
  listRowsMax: 10,
  listSectionsMax: 10,
  listRowTitleMax: 24,
  listRowIdMax: 200,
  listRowDescriptionMax: 72,
  listBodyMax: 4096,
  listButtonMax: 20,
  bizOpaqueCallbackDataMax: 512,
} as const;

const L = WHATSAPP_PAYLOAD_LIMITS;
const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;

export type WhatsAppPayloadCheck =
  | {
      ok: true;
      to: string;
      type: string;
      /** Free-form (non-template) messages need an open customer-service window. */
      freeForm: boolean;
      templateName?: string;
      correlation?: string;
      /** Text that identifies the content, for duplicate detection without a correlation id. */
      contentKey: string;
    }
  | { ok: false; code: 100 | 131009; message: string };

type Failure = Extract<WhatsAppPayloadCheck, { ok: false }>;

const invalid = (message: string): Failure => ({
  ok: false,
  code: 100,
  message: `(#100) ${message}`,
});
const outOfRange = (message: string): Failure => ({
  ok: false,
  code: 131009,
  message: `(#131009) Parameter value is not valid: ${message}`,
});

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** Meta counts characters, not UTF-16 code units. */
const len = (value: string): number => [...value].length;

export function checkWhatsAppPayload(body: Record<string, unknown>): WhatsAppPayloadCheck {
  if (body.messaging_product !== 'whatsapp') {
    return invalid('The parameter messaging_product is required and must be "whatsapp".');
  }
  const to = str(body.to);
  if (!to) return invalid('The parameter to is required.');
  const type = str(body.type) ?? 'text';
  const correlation = str(body.biz_opaque_callback_data);
  if (correlation !== undefined && len(correlation) > L.bizOpaqueCallbackDataMax) {
    return outOfRange(`biz_opaque_callback_data is longer than ${L.bizOpaqueCallbackDataMax}`);
  }
  const content = body[type];
  if (!isRecord(content)) return invalid(`The parameter ${type} is required.`);
  const ok = (contentKey: string, templateName?: string): WhatsAppPayloadCheck => ({
    ok: true,
    to,
    type,
    freeForm: type !== 'template',
    contentKey,
    ...(templateName !== undefined ? { templateName } : {}),
    ...(correlation !== undefined ? { correlation } : {}),
  });

  if (type === 'text') {
    const text = str(content.body);
    if (text === undefined || text === '') return invalid('The parameter text.body is required.');
    if (len(text) > L.textMax) return outOfRange(`text.body is longer than ${L.textMax}`);
    return ok(text);
  }
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const hasId = typeof content.id === 'string';
    const hasLink = typeof content.link === 'string';
    if (hasId === hasLink)
      return invalid(`Either ${type}.id or ${type}.link is required, not both.`);
    const caption = str(content.caption);
    if (caption !== undefined && len(caption) > L.captionMax) {
      return outOfRange(`${type}.caption is longer than ${L.captionMax}`);
    }
    return ok(`${type}:${String(content.id ?? content.link)}:${caption ?? ''}`);
  }
  if (type === 'template') {
    const name = str(content.name);
    const language = isRecord(content.language) ? str(content.language.code) : undefined;
    if (!name) return invalid('The parameter template.name is required.');
    if (!language) return invalid('The parameter template.language.code is required.');
    return ok(`template:${name}:${JSON.stringify(content.components ?? [])}`, name);
  }
  if (type === 'interactive') return checkInteractive(content, ok);
  return invalid(`Unsupported message type: ${type}.`);
}

function checkInteractive(
  content: Record<string, unknown>,
  ok: (contentKey: string) => WhatsAppPayloadCheck,
): WhatsAppPayloadCheck {
  const bodyText = isRecord(content.body) ? str(content.body.text) : undefined;
  if (!bodyText) return invalid('The parameter interactive.body.text is required.');
  const footer = isRecord(content.footer) ? str(content.footer.text) : undefined;
  if (footer !== undefined && len(footer) > L.footerMax) {
    return outOfRange(`interactive.footer.text is longer than ${L.footerMax}`);
  }
  const action = content.action;
  if (!isRecord(action)) return invalid('The parameter interactive.action is required.');

  if (content.type === 'button') {
    if (len(bodyText) > L.buttonBodyMax)
      return outOfRange(`body.text is longer than ${L.buttonBodyMax}`);
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length === 0) {
      return invalid('The parameter interactive.action.buttons is required.');
    }
    if (buttons.length > L.buttonsMax) return outOfRange(`at most ${L.buttonsMax} buttons`);
    const titles = new Set<string>();
    const ids = new Set<string>();
    for (const button of buttons) {
      const reply = isRecord(button) && isRecord(button.reply) ? button.reply : undefined;
      const title = str(reply?.title);
      const id = str(reply?.id);
      if (!isRecord(button) || button.type !== 'reply' || !title || !id) {
        return invalid('Each button needs type "reply" with reply.id and reply.title.');
      }
      if (len(title) > L.buttonTitleMax)
        return outOfRange(`button title longer than ${L.buttonTitleMax}`);
      if (len(id) > L.buttonIdMax) return outOfRange(`button id longer than ${L.buttonIdMax}`);
      if (titles.has(title) || ids.has(id))
        return outOfRange('button titles and ids must be unique');
      titles.add(title);
      ids.add(id);
    }
    return ok(`buttons:${bodyText}`);
  }
  if (content.type === 'list') {
    if (len(bodyText) > L.listBodyMax)
      return outOfRange(`body.text is longer than ${L.listBodyMax}`);
    const button = str(action.button);
    if (!button) return invalid('The parameter interactive.action.button is required.');
    if (len(button) > L.listButtonMax)
      return outOfRange(`action.button longer than ${L.listButtonMax}`);
    const sections = action.sections;
    if (!Array.isArray(sections) || sections.length === 0) {
      return invalid('The parameter interactive.action.sections is required.');
    }
    if (sections.length > L.listSectionsMax)
      return outOfRange(`at most ${L.listSectionsMax} sections`);
    let rowCount = 0;
    for (const section of sections) {
      const rows = isRecord(section) ? section.rows : undefined;
      if (!Array.isArray(rows) || rows.length === 0) return invalid('Each section needs rows.');
      for (const row of rows) {
        const title = isRecord(row) ? str(row.title) : undefined;
        const id = isRecord(row) ? str(row.id) : undefined;
        if (!isRecord(row) || !title || !id) return invalid('Each row needs id and title.');
        if (len(title) > L.listRowTitleMax)
          return outOfRange(`row title longer than ${L.listRowTitleMax}`);
        if (len(id) > L.listRowIdMax) return outOfRange(`row id longer than ${L.listRowIdMax}`);
        const description = str(row.description);
        if (description !== undefined && len(description) > L.listRowDescriptionMax) {
          return outOfRange(`row description longer than ${L.listRowDescriptionMax}`);
        }
        rowCount++;
      }
    }
    // The 10-row limit is over all sections together (research §1.1.5).
    if (rowCount > L.listRowsMax) return outOfRange(`at most ${L.listRowsMax} rows in total`);
    return ok(`list:${bodyText}`);
  }
  return invalid(`Unsupported interactive type: ${String(content.type)}.`);
}
