/**
 * Parsers for JSON-lines access logs: Caddy's structured log and generic JSON with a field
 * mapping. JSON.parse per line is slower than the combined parser, but these logs are rarer
 * and JSON has no cheaper safe reading.
 */
import { valueAt } from './json-fields.ts';
import type { FieldMapping } from './log-format.ts';
import type { InvalidReason, ParsedLine } from './parsed-line.ts';
import { parseTimeValue } from './time-value.ts';

const REQUEST_LINE = /^([A-Z]+) (\S+)(?: HTTP\/[\d.]+)?$/;

function parseObject(line: string): Record<string, unknown> | null {
  if (line.charCodeAt(0) !== 123 /* { */) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function statusOf(value: unknown): number {
  const status = typeof value === 'number' ? value : Number(text(value) ?? '200');
  return Number.isInteger(status) ? status : -1;
}

/** Caddy's `log` directive output: `{"ts":…,"request":{"uri":…,"headers":{…}},"status":…}`. */
export function parseCaddyLine(line: string, out: ParsedLine): InvalidReason | null {
  const entry = parseObject(line);
  if (!entry) return 'not a JSON object';
  const request = entry.request;
  if (request === null || typeof request !== 'object') return 'no request object';
  const uri = text(valueAt(request, ['uri']));
  if (uri === null) return 'no request.uri';
  const time = parseTimeValue(entry.ts);
  if (Number.isNaN(time)) return 'bad or missing ts';
  out.pending = false;
  out.time = time;
  out.target = uri;
  out.method = text(valueAt(request, ['method'])) ?? 'GET';
  out.status = statusOf(entry.status);
  out.ip = text(valueAt(request, ['client_ip'])) ?? text(valueAt(request, ['remote_ip'])) ?? '';
  out.host = text(valueAt(request, ['host'])) ?? '';
  // Caddy logs every request header, so a missing header really was not sent.
  out.referrer = text(valueAt(request, ['headers', 'Referer'])) ?? '';
  out.userAgent = text(valueAt(request, ['headers', 'User-Agent'])) ?? '';
  return null;
}

function readTarget(raw: string, out: ParsedLine): void {
  // nginx's `$request` is the whole request line: take the method from it too.
  const match = raw.indexOf(' ') === -1 ? null : REQUEST_LINE.exec(raw);
  if (match) {
    out.method = match[1] ?? 'GET';
    out.target = match[2] ?? '';
  } else {
    out.target = raw;
  }
}

/** Generic JSON lines, read through the resolved field mapping. */
export function parseJsonLine(
  line: string,
  fields: FieldMapping,
  out: ParsedLine,
): InvalidReason | null {
  const entry = parseObject(line);
  if (!entry) return 'not a JSON object';
  const read = (path: readonly string[] | null): string | null =>
    path ? (text(valueAt(entry, path)) ?? '') : null;
  const url = read(fields.url);
  if (!url) return `no ${fields.url?.join('.')} field`;
  const time = fields.time ? parseTimeValue(valueAt(entry, fields.time)) : Number.NaN;
  if (Number.isNaN(time)) return `bad or missing ${fields.time?.join('.')} field`;
  out.pending = false;
  out.time = time;
  out.method = read(fields.method) || 'GET';
  readTarget(url, out);
  out.status = fields.status ? statusOf(valueAt(entry, fields.status) ?? 200) : 200;
  out.ip = read(fields.ip) ?? '';
  out.host = read(fields.host) ?? '';
  out.referrer = read(fields.referrer);
  out.userAgent = read(fields.user_agent);
  return null;
}
