import type { JsonValue, OutboxRecord, StoredMessage } from '../store/hub-records.ts';
import { outboxText, partsText } from './messaging-format.ts';

/** One line of a conversation as the inbox shows it. */
export interface ThreadEntry {
  id: string;
  direction: 'in' | 'out';
  /** `contact`, `assistant`, `agent:<id>`, `broadcast`. */
  author: string;
  text: string;
  at: number;
  /** Outgoing only: where it is in the outbox (queued, sent, dead…). */
  state: string | null;
}

const authorOf = (message: JsonValue): string =>
  typeof message === 'object' &&
  message !== null &&
  !Array.isArray(message) &&
  typeof message.author === 'string'
    ? message.author
    : 'assistant';

/**
 * The thread: the stored messages plus the outbox rows of this conversation, oldest first.
 * The messages API returns what people sent us; our replies live in the outbox until (and
 * after) they go out, with their delivery state, so both are merged here. A stored message
 * that points at an outbox row (`outboxId`) stands for it: the row is not shown twice.
 */
export function mergeThread(
  key: string,
  messages: readonly StoredMessage[],
  outbox: readonly OutboxRecord[],
): ThreadEntry[] {
  const entries: ThreadEntry[] = [];
  const covered = new Set<string>();
  const states = new Map(outbox.map((row) => [row.id, row.state]));
  for (const message of messages) {
    if (message.outboxId) covered.add(message.outboxId);
    entries.push({
      id: message.id,
      direction: message.direction,
      author: message.author,
      text: partsText(message.parts),
      at: message.at,
      state: message.outboxId ? (states.get(message.outboxId) ?? null) : null,
    });
  }
  for (const row of outbox) {
    if (row.conversationKey !== key || covered.has(row.id)) continue;
    entries.push({
      id: row.id,
      direction: 'out',
      author: authorOf(row.message),
      text: outboxText(row.message),
      // When it was written (or scheduled for), not when it went out: retries and requeues
      // would otherwise move a reply below the messages that came after it.
      at: Math.max(row.createdAt, row.notBefore),
      state: row.state,
    });
  }
  // Stable: equal times keep their order (messages before the replies they caused).
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || a.index - b.index)
    .map(({ entry }) => entry);
}

const HOUR = 3_600_000;
/** Channels whose free-form replies are limited to 24 h after the person's last message. */
const WINDOWED = new Set(['whatsapp', 'messenger']);

/**
 * What an agent should know before typing: on WhatsApp and Messenger a free-form reply works
 * only within 24 hours of the contact's last message (the server refuses it otherwise).
 */
export function replyWindow(
  channel: string,
  lastInboundAt: number | null,
  now: number,
): { open: boolean; text: string } | null {
  if (!WINDOWED.has(channel)) return null;
  if (lastInboundAt === null) {
    return { open: false, text: 'The contact has not written yet: a free-form reply is refused.' };
  }
  const left = lastInboundAt + 24 * HOUR - now;
  if (left <= 0) {
    return {
      open: false,
      text: 'The 24-hour window is closed: a free-form reply will be refused until the contact writes again.',
    };
  }
  const hours = Math.floor(left / HOUR);
  const minutes = Math.floor((left % HOUR) / 60_000);
  return {
    open: true,
    text: `Reply window open for ${hours > 0 ? `${hours} h ` : ''}${minutes} min.`,
  };
}
