/** The access-log formats `penumbra logs` reads, and how a JSON line maps onto a hit. */

export const LOG_FORMAT_NAMES = ['combined', 'common', 'caddy', 'json'] as const;
export type LogFormatName = (typeof LOG_FORMAT_NAMES)[number];

export const JSON_FIELD_NAMES = [
  'url',
  'referrer',
  'user_agent',
  'ip',
  'time',
  'status',
  'method',
  'host',
] as const;
export type JsonFieldName = (typeof JSON_FIELD_NAMES)[number];

/** Each field's key path in the JSON object (`request.uri` → ['request', 'uri']), or null. */
export type FieldMapping = Record<JsonFieldName, readonly string[] | null>;

export type LogFormat =
  | { name: 'combined' }
  | { name: 'common' }
  | { name: 'caddy' }
  | { name: 'json'; fields: FieldMapping };

/** Bad input the user can fix (a flag value, an unreadable format); the CLI exits with 2. */
export class LogsInputError extends Error {
  override name = 'LogsInputError';
}

/** `json(url=path, time=ts)`-style description for the "format chosen" line. */
export function describeFormat(format: LogFormat): string {
  if (format.name !== 'json') return format.name;
  const mapped = JSON_FIELD_NAMES.flatMap((name) => {
    const path = format.fields[name];
    return path ? [`${name}=${path.join('.')}`] : [];
  });
  return `json (${mapped.join(', ')})`;
}
