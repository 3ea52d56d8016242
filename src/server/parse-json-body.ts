import type { z } from 'zod';

export type ParsedBody<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a raw JSON body against a schema; the error names the first problem, for a 400. */
export function parseJsonBody<T>(body: unknown, schema: z.ZodType<T>): ParsedBody<T> {
  let json: unknown;
  try {
    json = typeof body === 'string' ? JSON.parse(body) : body;
  } catch {
    return { ok: false, error: 'body is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
}
