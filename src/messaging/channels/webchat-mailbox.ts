import { randomUUID } from 'node:crypto';
import type { WebchatPart, WebchatPollResponse, WebchatServerMessage } from './webchat-protocol.ts';

/** Where replies wait for the widget's next poll. */
export interface WebchatMailbox {
  push(sessionId: string, part: WebchatPart): Promise<WebchatServerMessage>;
  /** Messages after `after`; waits up to `waitMs` for one when there are none yet. */
  poll(sessionId: string, after: number, waitMs: number): Promise<WebchatPollResponse>;
}

interface Box {
  messages: WebchatServerMessage[];
  seq: number;
  waiters: Set<() => void>;
}

/**
 * An in-process mailbox. Replies are also in the outbox/conversation store, so a restart loses
 * only what a widget had not fetched yet; a multi-process deployment needs a shared one.
 */
export function createMemoryWebchatMailbox(
  options: { keep?: number; maxSessions?: number; now?: () => number } = {},
): WebchatMailbox {
  const keep = options.keep ?? 100;
  const maxSessions = options.maxSessions ?? 10_000;
  const now = options.now ?? Date.now;
  const boxes = new Map<string, Box>();
  const box = (id: string): Box => {
    let b = boxes.get(id);
    if (!b) {
      // Bounded memory: the oldest session (Map keeps insertion order) gives way.
      const oldest = boxes.keys().next().value;
      if (boxes.size >= maxSessions && oldest !== undefined) boxes.delete(oldest);
      b = { messages: [], seq: 0, waiters: new Set() };
      boxes.set(id, b);
    }
    return b;
  };
  const after = (b: Box, cursor: number): WebchatPollResponse => {
    const messages = b.messages.filter((m) => m.seq > cursor);
    return { messages, cursor: messages.at(-1)?.seq ?? Math.max(cursor, 0) };
  };
  return {
    async push(sessionId, part) {
      const b = box(sessionId);
      const message = { id: randomUUID(), seq: ++b.seq, at: now(), part };
      b.messages.push(message);
      if (b.messages.length > keep) b.messages.splice(0, b.messages.length - keep);
      for (const wake of b.waiters) wake();
      return message;
    },
    async poll(sessionId, cursor, waitMs) {
      const b = box(sessionId);
      const ready = after(b, cursor);
      if (ready.messages.length > 0 || waitMs <= 0) return ready;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          b.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        b.waiters.add(wake);
      });
      return after(b, cursor);
    },
  };
}
