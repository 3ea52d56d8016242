import type { JsonValue, OutboxState } from '../store/hub-records.ts';
import type { BroadcastReport } from './messaging-api.ts';

/**
 * Pure formatting for the messaging views (inbox, dead letters, communities). Everything here
 * returns plain strings: the views put them in the page as text, never as markup, because
 * message bodies, names and provider error texts come from outside.
 */

const CHANNELS: Record<string, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  messenger: 'Messenger',
  sms: 'SMS',
  email: 'Email',
  webchat: 'Web chat',
};

export const channelLabel = (channel: string): string => CHANNELS[channel] ?? channel;

/** `whatsapp:<endpoint>:<user>` → the person's id on the channel (the key's last segment). */
export function contactHandle(key: string): string {
  const parts = key.split(':');
  return parts.length >= 3 ? parts.slice(2).join(':') : key;
}

export type Tone = 'pending' | 'ok' | 'bad' | 'muted';

const STATES: Record<OutboxState, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'pending' },
  sending: { label: 'Sending', tone: 'pending' },
  sent: { label: 'Sent', tone: 'ok' },
  delivered: { label: 'Delivered', tone: 'ok' },
  read: { label: 'Read', tone: 'ok' },
  failed: { label: 'Failed', tone: 'bad' },
  dead: { label: 'Dead letter', tone: 'bad' },
  cancelled: { label: 'Cancelled', tone: 'muted' },
  // The provider may have taken it: the worker is checking before it sends again.
  unknown: { label: 'Checking', tone: 'pending' },
};

export const outboxStateLabel = (state: string): { label: string; tone: Tone } =>
  STATES[state as OutboxState] ?? { label: state, tone: 'muted' };

const isRecord = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/** One stored part (inbound or outbound shape) as a line of text. */
function partText(part: JsonValue): string {
  if (!isRecord(part)) return '';
  switch (part.type) {
    case 'text':
      return str(part.text);
    case 'media': {
      const kind = str(part.mediaKind) || str(part.mime).split('/')[0] || 'file';
      const caption = str(part.caption);
      return caption ? `[${kind}] ${caption}` : `[${kind}]`;
    }
    case 'choice':
      return `[chose] ${str(part.title) || str(part.choiceId)}`;
    case 'choices': {
      const options = Array.isArray(part.options)
        ? part.options.map((o) => (isRecord(o) ? str(o.title) : '')).filter(Boolean)
        : [];
      return `${str(part.prompt)}${options.length ? ` [${options.join(' | ')}]` : ''}`;
    }
    case 'location':
      return `[location] ${str(part.name) || `${String(part.lat)}, ${String(part.lng)}`}`;
    default:
      return `[${str(part.type) || 'unknown'}]`;
  }
}

/** A message's parts as text, one line per part (unknown shapes are named, not dropped). */
export function partsText(parts: JsonValue): string {
  if (!Array.isArray(parts)) return '';
  return parts.map(partText).filter(Boolean).join('\n');
}

/** The text of an outbox row's stored message: its parts, else its template's name. */
export function outboxText(message: JsonValue): string {
  if (!isRecord(message)) return '';
  const text = partsText(message.parts ?? []);
  if (text) return text;
  const template = message.template;
  return isRecord(template) ? `[template] ${str(template.name)}` : '';
}

/** Who wrote it, as the team sees it; `brand` is what the contact saw for agents' replies. */
export function authorLabel(author: string, brand: string): string {
  if (author === 'contact') return 'Contact';
  if (author === 'assistant') return 'Assistant';
  if (author === 'broadcast') return 'Broadcast';
  if (author.startsWith('agent:')) return `${author.slice(6)} (as ${brand})`;
  return author;
}

/** An outbox row's last error (`{ kind, code, detail, reason }`) in one readable line. */
export function errorSummary(lastError: JsonValue): string {
  if (!isRecord(lastError)) return typeof lastError === 'string' ? lastError : '';
  const kind = str(lastError.kind).replace(/_/g, ' ');
  const code = str(lastError.code);
  const why = str(lastError.reason) || str(lastError.detail);
  const head = [kind, code && `(${code})`].filter(Boolean).join(' ');
  return [head, why].filter(Boolean).join(': ');
}

/**
 * The signed-in person's agent id for the API (`[\w.@-]`, at most 100): their email with any
 * other character replaced, so `ana+team@x.io` still yields a valid, recognisable id.
 */
export const agentIdFor = (email: string): string =>
  email.replace(/[^\w.@-]/g, '-').slice(0, 100) || 'agent';

/** `name=value` lines (a template's parameters) → a record; blank lines are skipped. */
export function parseTemplateParams(
  text: string,
): { ok: true; params: Record<string, string> } | { ok: false; error: string } {
  const params: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, error: `line ${index + 1}: write name=value` };
    params[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { ok: true, params };
}

/** A `datetime-local` value (the browser's time zone) → epoch ms; '' → undefined (now). */
export function scheduleTime(value: string): number | undefined | null {
  if (!value) return undefined;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}

/** A timestamp for lists: the time today, else the date and time. */
export function formatWhen(at: number, now: number): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString('en', {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}

/** "Queued 3 of 4 members; refused: no_consent × 1." */
export function reportText(report: BroadcastReport, now: number): string {
  const refused = Object.entries(report.refused)
    .map(([code, count]) => `${code.replace(/_/g, ' ')} × ${count}`)
    .join(', ');
  const when =
    report.broadcast.notBefore > now + 60_000
      ? ` for ${new Date(report.broadcast.notBefore).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}`
      : '';
  return `Queued ${report.queued} of ${report.broadcast.recipients} member(s)${when}${refused ? `; refused: ${refused}` : ''}.`;
}
