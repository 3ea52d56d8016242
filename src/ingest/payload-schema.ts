import { z } from 'zod';
import type { TrackerPayload } from '../core/index.ts';

const TOKEN = /^[A-Za-z0-9_-]{6,16}$/;

/** The tracker payload as the collector accepts it: bounded strings, known shapes, no extras. */
export const trackerPayloadSchema = z
  .object({
    n: z
      .string()
      .regex(/^[\w .:/-]{1,64}$/, 'event name: 1–64 letters, digits, spaces or . : / - _'),
    d: z.string().min(1).max(253),
    u: z
      .string()
      .max(4096)
      .regex(/^https?:\/\//i, 'page URL must start with http:// or https://'),
    r: z.string().max(4096).optional(),
    k: z.string().regex(TOKEN, 'view token: 6–16 url-safe characters').optional(),
    a: z.string().regex(TOKEN, 'arrival token: 6–16 url-safe characters').optional(),
    ch: z.string().max(32).optional(),
    ac: z.string().max(32).optional(),
    e: z.number().int().min(0).max(86_400_000).optional(),
    c: z.record(z.string().max(40), z.boolean()).optional(),
    p: z
      .record(z.string().max(64), z.string().max(512))
      .refine((props) => Object.keys(props).length <= 30, 'at most 30 custom properties')
      .optional(),
    o: z.string().max(4096).optional(),
    w: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();

export type ParsedPayload = { ok: true; payload: TrackerPayload } | { ok: false; reason: string };

/** Parses a raw request body; the reason names the first problem in words a developer can act on. */
export function parseTrackerPayload(body: string): ParsedPayload {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  const result = trackerPayloadSchema.safeParse(json);
  if (result.success) return { ok: true, payload: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reason: `${where}${issue?.message ?? 'invalid payload'}` };
}
