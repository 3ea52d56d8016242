import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clickVariantLine } from './log-lines.ts';
import { readJsonLinesFile } from './read-json-lines-file.ts';
import { StoreError } from './store-error.ts';
import { STORED_EVENT_COLUMNS, type StoredEvent } from './stored-event.ts';

/** A full event with every column, in column order. */
function fullEvent(overrides: Partial<StoredEvent>): StoredEvent {
  const event: Record<string, unknown> = {};
  for (const [name, type] of STORED_EVENT_COLUMNS) event[name] = type === 'string' ? '' : 0;
  return { ...event, name: 'click', site_id: 's', ...overrides } as StoredEvent;
}

const writeLines = (lines: string[]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'penumbra-lines-')), 'events.log');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

describe('readJsonLinesFile', () => {
  const clickOf = (id: string, unique: boolean) =>
    fullEvent({ id, ts: 7, visitor_id: 'v', view_token: 't', props: unique ? 'U' : 'R' });

  it('gives whole events as they are and completes clicks from their variant', () => {
    const variant = clickVariantLine(clickOf('x', true), { unique: 'U', repeat: 'R' });
    const click = (id: string, unique: boolean) =>
      JSON.stringify({
        click: variant.key,
        id,
        ts: 7,
        visitor_id: 'v',
        view_token: 't',
        is_unique: unique,
      });
    const pageview = fullEvent({ id: 'p', name: 'pageview' });
    const path = writeLines([
      JSON.stringify(pageview),
      variant.line,
      click('a', true),
      click('b', false),
    ]);
    expect(readJsonLinesFile(path)).toStrictEqual([
      pageview,
      clickOf('a', true),
      clickOf('b', false),
    ]);
  });

  it('rejects the whole file for a bad line or a click with no variant before it', () => {
    const variant = clickVariantLine(clickOf('x', true), { unique: 'U', repeat: 'R' });
    const click = JSON.stringify({
      click: variant.key,
      id: 'a',
      ts: 7,
      visitor_id: 'v',
      view_token: 't',
      is_unique: true,
    });
    for (const [lines, message] of [
      [['{"id":"p"}', 'not json'], 'line 2 is not JSON'],
      [['[1]'], 'line 1 is not a JSON object'],
      [[click, variant.line], `line 1 refers to unknown click variant ${variant.key}`],
    ] as const) {
      const path = writeLines([...lines]);
      expect(() => readJsonLinesFile(path)).toThrow(
        new StoreError('invalid', `${path}: ${message}`),
      );
    }
  });
});
