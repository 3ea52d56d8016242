/**
 * Recognises a log's format from its first lines: JSON objects with a `request.uri` are
 * Caddy, other JSON objects are generic JSON (fields mapped by name or `--fields`), and text
 * lines are combined when most readable ones carry a referrer and user agent, else common.
 * Damaged lines in the sample do not matter as long as some line reads.
 */

import { replaceControlChars } from '../core/index.ts';
import { resolveFieldMapping, valueAt } from './json-fields.ts';
import type { JsonFieldName, LogFormat } from './log-format.ts';
import { LogsInputError } from './log-format.ts';
import { parseCombinedLine } from './parse-combined.ts';
import { createParsedLine } from './parsed-line.ts';

const SAMPLE_LINES = 20;

export type FieldsOption = Partial<Record<JsonFieldName, string>>;

/** The first complete, non-blank lines of a head. */
export function sampleLines(head: string, headIsWhole: boolean, count = SAMPLE_LINES): string[] {
  const lines = head.split('\n');
  if (!headIsWhole) lines.pop();
  return lines
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
    .filter((line) => line.trim() !== '')
    .slice(0, count);
}

function parseJsonObjects(lines: readonly string[]): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const line of lines) {
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        objects.push(value as Record<string, unknown>);
      }
    } catch {
      // Not JSON: counted against the JSON reading below.
    }
  }
  return objects;
}

function detectJson(lines: readonly string[], fields: FieldsOption): LogFormat | null {
  const objects = parseJsonObjects(lines);
  if (objects.length * 2 < lines.length || objects.length === 0) return null;
  const caddy = objects.filter((o) => typeof valueAt(o, ['request', 'uri']) === 'string');
  if (caddy.length * 2 >= objects.length && Object.keys(fields).length === 0)
    return { name: 'caddy' };
  return { name: 'json', fields: resolveFieldMapping(objects[0] as object, fields) };
}

function countParsed(lines: readonly string[], requireAgent: boolean): number {
  const out = createParsedLine();
  return lines.filter((line) => parseCombinedLine(line, out, requireAgent) === null).length;
}

/** The detected format, or null when no reader fits most of the sample. */
export function detectFormat(
  lines: readonly string[],
  fields: FieldsOption = {},
): LogFormat | null {
  if (lines.length === 0) return null;
  if (lines[0]?.trimStart().startsWith('{')) return detectJson(lines, fields);
  // Every combined line also reads as common: combined wins unless most lines lack agents.
  const combined = countParsed(lines, true);
  const common = countParsed(lines, false);
  if (combined > 0 && combined * 2 >= common) return { name: 'combined' };
  return common > 0 ? { name: 'common' } : null;
}

/** The format to use for a source: forced by `--format`, else detected (or an error). */
export function chooseFormat(
  name: string,
  lines: readonly string[],
  forced: LogFormat['name'] | null,
  fields: FieldsOption,
): LogFormat | null {
  if (forced === 'json') {
    const first = parseJsonObjects(lines)[0];
    if (!first) {
      if (lines.length === 0) return null;
      throw new LogsInputError(`${name}: --format json, but the first lines are not JSON objects`);
    }
    return { name: 'json', fields: resolveFieldMapping(first, fields) };
  }
  if (forced !== null) return { name: forced };
  const detected = detectFormat(lines, fields);
  if (detected === null && lines.length > 0) {
    const first = replaceControlChars((lines[0] ?? '').slice(0, 80), () => '?');
    throw new LogsInputError(
      `${name}: unknown log format (first line: "${first}"); pass --format combined|common|caddy|json`,
    );
  }
  return detected;
}
