import { z } from 'zod';

/**
 * The web chat JSON protocol between the widget and the hub (plain HTTP, long polling).
 *
 * 1. `POST /webchat/sessions` → `WebchatSession` (the token is `Authorization: Bearer` afterwards).
 * 2. `POST /webchat/messages` with a `WebchatClientMessage` → 202 `{ "accepted": true }`.
 * 3. `GET /webchat/messages?after=<seq>&wait=<s>` → `WebchatPollResponse`; the server holds the
 *    request up to `wait` seconds when nothing is new, then answers with an empty list.
 * Every text here is untrusted on the other side: the widget renders it with textContent only.
 */
export const webchatSessionSchema = z.object({
  sessionId: z.string().min(1).max(128),
  token: z.string().min(1).max(512),
  pollWaitS: z.number().int().min(0).max(25),
});
export type WebchatSession = z.infer<typeof webchatSessionSchema>;

export const webchatClientMessageSchema = z.union([
  z.object({
    /** Chosen by the widget; a resend of the same id is the same message (dedupe). */
    clientMessageId: z.string().min(1).max(64),
    text: z
      .string()
      .min(1, 'text must not be empty')
      .max(4000, 'text is limited to 4000 characters'),
  }),
  z.object({ clientMessageId: z.string().min(1).max(64), choiceId: z.string().min(1).max(256) }),
]);
export type WebchatClientMessage = z.infer<typeof webchatClientMessageSchema>;

const option = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });
export const webchatPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('choices'), prompt: z.string(), options: z.array(option) }),
  z.object({
    type: z.literal('media'),
    url: z.string(),
    mime: z.string(),
    caption: z.string().optional(),
  }),
]);
export type WebchatPart = z.infer<typeof webchatPartSchema>;

export const webchatServerMessageSchema = z.object({
  id: z.string(),
  /** Increasing per session: the poll cursor. */
  seq: z.number().int().nonnegative(),
  at: z.number(),
  part: webchatPartSchema,
});
export type WebchatServerMessage = z.infer<typeof webchatServerMessageSchema>;

export const webchatPollQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  wait: z.coerce.number().int().min(0).max(25).default(0),
});

export const webchatPollResponseSchema = z.object({
  messages: z.array(webchatServerMessageSchema),
  /** Pass back as `after` on the next poll. */
  cursor: z.number().int().nonnegative(),
});
export type WebchatPollResponse = z.infer<typeof webchatPollResponseSchema>;
