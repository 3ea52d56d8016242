import { describe, expect, it } from 'vitest';
import type { OutboundMessage, RawRequest } from '../types.ts';
import { createWebchatAdapter } from './webchat.ts';
import { createMemoryWebchatMailbox } from './webchat-mailbox.ts';
import { webchatPollQuerySchema } from './webchat-protocol.ts';
import { issueWebchatSession, verifyWebchatToken } from './webchat-session.ts';

const SECRET = 'webchat-secret-0123456789abcdef0123';
const mailbox = createMemoryWebchatMailbox({ now: () => 42 });
const adapter = createWebchatAdapter({
  sessionSecret: SECRET,
  siteId: 'brand.example',
  mailbox,
  now: () => 7,
});
const session = issueWebchatSession(SECRET);

const post = (body: unknown, token: string | null = session.token): RawRequest => ({
  method: 'POST',
  url: 'https://hub.example/webchat/messages',
  headers: token === null ? {} : { authorization: `Bearer ${token}` },
  body: Buffer.from(JSON.stringify(body)),
});
const to = {
  channel: 'webchat' as const,
  provider: 'native' as const,
  endpointId: 'brand.example',
  userId: session.sessionId,
};
const message = (parts: OutboundMessage['parts']): OutboundMessage => ({
  idempotencyKey: 'k',
  to,
  purpose: 'service',
  conversationKey: 'c',
  parts,
});

describe('web chat session tokens', () => {
  it('verifies its own tokens and rejects forged, foreign, missing and malformed ones', () => {
    expect(verifyWebchatToken(SECRET, session.token)).toBe(session.sessionId);
    const other = issueWebchatSession('another-secret-0123456789abcdef01234');
    expect(verifyWebchatToken(SECRET, other.token)).toBeUndefined();
    expect(
      verifyWebchatToken(SECRET, `${other.sessionId}.${session.token.split('.')[1]}`),
    ).toBeUndefined();
    expect(verifyWebchatToken(SECRET, session.sessionId)).toBeUndefined();
    expect(adapter.verify(post({ clientMessageId: 'a', text: 'hi' }))).toBe(true);
    expect(adapter.verify(post({ clientMessageId: 'a', text: 'hi' }, null))).toBe(false);
    expect(adapter.verify(post({ clientMessageId: 'a', text: 'hi' }, `${session.token}x`))).toBe(
      false,
    );
  });
});

describe('web chat parse', () => {
  it('text and choice messages, id scoped to the session', () => {
    const from = {
      channel: 'webchat',
      provider: 'native',
      endpointId: 'brand.example',
      userId: session.sessionId,
    };
    expect(adapter.parse(post({ clientMessageId: 'm1', text: 'what can I cook?' }))).toEqual([
      {
        kind: 'message',
        id: { provider: 'native', value: `${session.sessionId}:m1` },
        at: 7,
        from,
        conversationKey: `webchat:brand.example:${session.sessionId}`,
        parts: [{ type: 'text', text: 'what can I cook?' }],
      },
    ]);
    expect(adapter.parse(post({ clientMessageId: 'm2', choiceId: 'recipe:42' }))[0]).toMatchObject({
      parts: [{ type: 'choice', choiceId: 'recipe:42' }],
    });
    expect(adapter.parse(post({ clientMessageId: 'm3', text: 'stop' })).map((e) => e.kind)).toEqual(
      ['consent', 'message'],
    );
  });

  it('rejects bodies outside the protocol with a clear reason', () => {
    expect(() => adapter.parse(post({ clientMessageId: 'm1', text: '' }))).toThrow(
      /webchat webhook body/,
    );
    expect(() => adapter.parse(post({ clientMessageId: 'm1', text: 'x'.repeat(4001) }))).toThrow(
      /webchat/,
    );
    expect(() => adapter.parse(post({ text: 'no id' }))).toThrow(/webchat/);
    expect(() => adapter.parse(post({ clientMessageId: 'm1', text: 'x' }, null))).toThrow(
      /session token/,
    );
  });
});

describe('web chat render, send and poll', () => {
  it('send puts parts in the mailbox; poll returns them after the cursor', async () => {
    const payloads = adapter.render(
      message([
        { type: 'text', text: '<b>Pasta</b>' },
        { type: 'choices', prompt: 'Pick', options: [{ id: 'a', title: 'A' }] },
      ]),
    );
    for (const payload of payloads) expect((await adapter.send(payload)).ok).toBe(true);
    const first = await mailbox.poll(session.sessionId, 0, 0);
    expect(first.messages.map((m) => [m.seq, m.at, m.part])).toEqual([
      [1, 42, { type: 'text', text: '<b>Pasta</b>' }],
      [2, 42, { type: 'choices', prompt: 'Pick', options: [{ id: 'a', title: 'A' }] }],
    ]);
    expect(first.cursor).toBe(2);
    expect((await mailbox.poll(session.sessionId, 2, 0)).messages).toEqual([]);
  });

  it('a long poll wakes up when a reply arrives', async () => {
    const waiting = mailbox.poll(session.sessionId, 2, 5000);
    await adapter.send(adapter.render(message([{ type: 'text', text: 'later' }]))[0]!);
    const result = await waiting;
    expect(result.messages.map((m) => m.part)).toEqual([{ type: 'text', text: 'later' }]);
    expect(result.cursor).toBe(3);
  });

  it('more than 10 choices become numbered text; poll query is bounded', () => {
    const options = Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, title: `O${i}` }));
    const [payload] = adapter.render(message([{ type: 'choices', prompt: 'Pick', options }]));
    expect(JSON.parse(payload!.body)).toMatchObject({
      type: 'text',
      text: expect.stringContaining('11. O10'),
    });
    expect(webchatPollQuerySchema.safeParse({ after: '3', wait: '99' }).success).toBe(false);
    expect(webchatPollQuerySchema.parse({ after: '3' })).toEqual({ after: 3, wait: 0 });
  });
});
