/**
 * Bot API methods accept their parameters as a query string, JSON, form-urlencoded or multipart
 * (file uploads); this reads any of them into one accessor so the fake answers like Telegram.
 */
import type { FakeRequest } from './fake-http-server.ts';

export interface TelegramParams {
  string(name: string): string | undefined;
  /** Parsed JSON field (reply_markup arrives as a JSON string in form bodies); null if invalid. */
  json(name: string): unknown;
  hasFile(name: string): boolean;
  toJSON(): Record<string, unknown>;
}

export async function readTelegramParams(
  request: FakeRequest,
): Promise<TelegramParams | undefined> {
  const type = String(request.headers['content-type'] ?? '');
  const values: Record<string, unknown> = Object.fromEntries(request.query);
  const files = new Set<string>();
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(request.body.toString('utf8') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
      Object.assign(values, parsed);
    } catch {
      return undefined;
    }
  } else if (
    type.includes('multipart/form-data') ||
    type.includes('application/x-www-form-urlencoded')
  ) {
    // undici's Request parses both encodings, including multipart file parts.
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(request.body),
    }).formData();
    for (const [name, value] of form) {
      if (typeof value === 'string') values[name] = value;
      else files.add(name);
    }
  }
  return {
    string(name) {
      const value = values[name];
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'bigint') return String(value);
      return undefined;
    },
    json(name) {
      const value = values[name];
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return null;
      }
    },
    hasFile: (name) => files.has(name),
    toJSON: () => ({ ...values }),
  };
}

/** callback_data must be 1–64 bytes (research §1.2.3). */
export function callbackDataValid(markup: unknown): boolean {
  if (typeof markup !== 'object' || markup === null || !('inline_keyboard' in markup)) return true;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows)) return false;
  for (const row of rows) {
    if (!Array.isArray(row)) return false;
    for (const button of row) {
      if (typeof button !== 'object' || button === null || !('callback_data' in button)) continue;
      const data = button.callback_data;
      const bytes = typeof data === 'string' ? Buffer.byteLength(data) : 0;
      if (bytes < 1 || bytes > 64) return false;
    }
  }
  return true;
}
