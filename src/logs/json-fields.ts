/**
 * Field mapping for generic JSON-lines logs: `--fields url=path,referrer=ref,…` plus
 * well-known key names (nginx `escape=json` templates, Traefik, Fastly, Node loggers) for
 * fields the option leaves out.
 */
import type { FieldMapping, JsonFieldName } from './log-format.ts';
import { JSON_FIELD_NAMES, LogsInputError } from './log-format.ts';

const CANDIDATES: Record<JsonFieldName, readonly string[]> = {
  url: [
    'url',
    'uri',
    'request_uri',
    'path',
    'request',
    'RequestPath',
    'request.uri',
    'request.url',
  ],
  referrer: ['referrer', 'referer', 'http_referer', 'http_referrer', 'request.referrer'],
  user_agent: [
    'user_agent',
    'userAgent',
    'useragent',
    'ua',
    'http_user_agent',
    'agent',
    'request_User-Agent',
    'request.user_agent',
  ],
  ip: [
    'ip',
    'remote_addr',
    'remote_ip',
    'client_ip',
    'clientip',
    'ClientHost',
    'client',
    'request.ip',
  ],
  time: ['time', 'timestamp', 'ts', '@timestamp', 'time_iso8601', 'time_local', 'StartUTC', 'date'],
  status: ['status', 'status_code', 'statusCode', 'DownstreamStatus', 'response.status'],
  method: ['method', 'request_method', 'RequestMethod', 'verb', 'request.method'],
  host: ['host', 'http_host', 'RequestHost', 'server_name', 'vhost', 'request.host'],
};

const REQUIRED: readonly JsonFieldName[] = ['url', 'time'];

function isFieldName(name: string): name is JsonFieldName {
  return (JSON_FIELD_NAMES as readonly string[]).includes(name);
}

/** Parses `url=path,referrer=ref,time=ts` (dots address nested keys). */
export function parseFieldsOption(text: string): Partial<Record<JsonFieldName, string>> {
  const mapping: Partial<Record<JsonFieldName, string>> = {};
  for (const part of text.split(',')) {
    const pair = part.trim();
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq).trim();
    const key = eq === -1 ? '' : pair.slice(eq + 1).trim();
    if (!isFieldName(name)) {
      throw new LogsInputError(
        `--fields: unknown field "${name}" (known: ${JSON_FIELD_NAMES.join(', ')})`,
      );
    }
    if (key === '') throw new LogsInputError(`--fields: "${name}" needs a key, as in ${name}=KEY`);
    mapping[name] = key;
  }
  return mapping;
}

/** The value at a key path; arrays yield their first element (Caddy logs headers as lists). */
export function valueAt(object: unknown, path: readonly string[]): unknown {
  let value: unknown = object;
  for (const key of path) {
    if (Array.isArray(value)) value = value[0];
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return Array.isArray(value) ? value[0] : value;
}

/** A literal key containing dots (`request.uri` as one key) wins over the nested reading. */
function resolvePath(sample: object, key: string): readonly string[] | null {
  if (valueAt(sample, [key]) !== undefined) return [key];
  const nested = key.split('.');
  if (nested.length > 1 && valueAt(sample, nested) !== undefined) return nested;
  return null;
}

/**
 * Builds the mapping from the first JSON object of a file: explicit `--fields` entries are
 * taken as given (missing in this line is fine), the rest come from the first known key name
 * present in the sample.
 */
export function resolveFieldMapping(
  sample: object,
  given: Partial<Record<JsonFieldName, string>>,
): FieldMapping {
  const mapping = {} as FieldMapping;
  for (const name of JSON_FIELD_NAMES) {
    const explicit = given[name];
    if (explicit !== undefined) {
      mapping[name] = resolvePath(sample, explicit) ?? explicit.split('.');
      continue;
    }
    mapping[name] = null;
    for (const candidate of CANDIDATES[name]) {
      const path = resolvePath(sample, candidate);
      if (path) {
        mapping[name] = path;
        break;
      }
    }
  }
  const missing = REQUIRED.filter((name) => mapping[name] === null);
  if (missing.length > 0) {
    const keys = Object.keys(sample).slice(0, 12).join(', ');
    throw new LogsInputError(
      `JSON lines without a ${missing.join(' or ')} field (keys: ${keys}); ` +
        `map them with --fields ${missing.map((m) => `${m}=KEY`).join(',')}`,
    );
  }
  return mapping;
}
