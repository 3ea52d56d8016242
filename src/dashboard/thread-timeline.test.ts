import { describe, expect, it } from 'vitest';
import type { OutboxRecord, StoredMessage } from '../store/hub-records.ts';
import { mergeThread, replyWindow } from './thread-timeline.ts';

const KEY = 'whatsapp:ep:336';
const HOUR = 3_600_000;

const message = (id: string, at: number, over: Partial<StoredMessage> = {}): StoredMessage => ({
  id,
  brandId: 'b',
  conversationKey: KEY,
  direction: 'in',
  author: 'contact',
  parts: [{ type: 'text', text: `text ${id}` }],
  at,
  providerMessageId: null,
  outboxId: null,
  ...over,
});

const row = (id: string, createdAt: number, over: Partial<OutboxRecord> = {}): OutboxRecord => ({
  id,
  brandId: 'b',
  idempotencyKey: id,
  conversationKey: KEY,
  contactId: 'c',
  channel: 'whatsapp',
  provider: 'meta',
  endpointId: 'ep',
  purpose: 'service',
  message: { parts: [{ type: 'text', text: `reply ${id}` }], author: 'agent:ana' },
  state: 'sent',
  attempts: 1,
  notBefore: createdAt,
  nextAttemptAt: createdAt,
  expiresAt: null,
  providerMessageId: null,
  lastError: null,
  payload: null,
  correlation: null,
  broadcastId: null,
  createdAt,
  updatedAt: createdAt,
  sentAt: null,
  ...over,
});

describe('thread timeline', () => {
  it('merges our replies from the outbox between the contact messages, by time', () => {
    const entries = mergeThread(
      KEY,
      [message('m1', 100), message('m2', 300)],
      [
        row('o1', 200, { state: 'read', sentAt: 350 }),
        row('o2', 400, { state: 'dead' }),
        row('other', 150, { conversationKey: 'whatsapp:ep:999' }),
      ],
    );
    expect(entries.map((e) => [e.id, e.direction, e.author, e.state])).toEqual([
      ['m1', 'in', 'contact', null],
      ['o1', 'out', 'agent:ana', 'read'],
      ['m2', 'in', 'contact', null],
      ['o2', 'out', 'agent:ana', 'dead'],
    ]);
    expect(entries[1]?.text).toBe('reply o1');
    // Placed when it was written, though it went out after m2.
    expect(entries[1]?.at).toBe(200);
  });

  it('places a scheduled message at its scheduled time', () => {
    const entries = mergeThread(KEY, [message('m1', 500)], [row('o1', 100, { notBefore: 900 })]);
    expect(entries.map((e) => [e.id, e.at])).toEqual([
      ['m1', 500],
      ['o1', 900],
    ]);
  });

  it('does not show an outbox row twice when a stored message stands for it', () => {
    const entries = mergeThread(
      KEY,
      [
        message('m1', 100),
        message('m2', 200, { direction: 'out', author: 'assistant', outboxId: 'o1' }),
      ],
      [row('o1', 150, { state: 'delivered' })],
    );
    expect(entries.map((e) => [e.id, e.state])).toEqual([
      ['m1', null],
      ['m2', 'delivered'],
    ]);
  });

  it('keeps arrival order for equal times and names an unknown author the assistant', () => {
    const entries = mergeThread(
      KEY,
      [message('m1', 100)],
      [row('o1', 100, { message: { parts: [] } })],
    );
    expect(entries.map((e) => [e.id, e.author])).toEqual([
      ['m1', 'contact'],
      ['o1', 'assistant'],
    ]);
  });

  it('tells the agent whether the 24-hour window is open, on channels that have one', () => {
    const now = 100 * HOUR;
    expect(replyWindow('webchat', null, now)).toBeNull();
    expect(replyWindow('whatsapp', now - 2 * HOUR - 30 * 60_000, now)).toEqual({
      open: true,
      text: 'Reply window open for 21 h 30 min.',
    });
    expect(replyWindow('messenger', now - 24 * HOUR, now)?.open).toBe(false);
    expect(replyWindow('whatsapp', null, now)?.open).toBe(false);
    expect(replyWindow('whatsapp', now - 23 * HOUR - 59 * 60_000, now)?.text).toBe(
      'Reply window open for 1 min.',
    );
  });
});
