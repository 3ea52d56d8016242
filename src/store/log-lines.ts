import { createHash } from 'node:crypto';
import { STORED_EVENT_COLUMNS, type StoredEvent } from './stored-event.ts';

/**
 * The lines of the collector's durable log, which `EventStore.appendJsonLines` loads. Three kinds,
 * one JSON object per line:
 *
 * - an **event**: a `StoredEvent` as it is;
 * - a **click variant**: `{"click_variant": KEY, …}` with every column of a share-link click that
 *   is the same from click to click of one link by one kind of browser (site, target, verdict,
 *   device…), plus `props_unique` and `props_repeat`, the `props` text of a unique and of a
 *   repeated click. KEY is a hash of that content, so equal variants have equal keys;
 * - a **click**: `{"click": KEY, "id", "ts", "visitor_id", "view_token", "is_unique"}`, the event
 *   its variant completes. Its variant line comes earlier in the same file (the log writes it once
 *   per segment, before the first click that needs it).
 *
 * A click line is ~130 bytes where the full event was ~560: less to write and sync per redirect,
 * and DuckDB keeps clicks in a narrow table with the variants joined back (bench/links).
 */

/** The columns a click takes from its variant; the others come with each click. */
export const CLICK_VARIANT_COLUMNS = STORED_EVENT_COLUMNS.map(([name]) => name).filter(
  (name) => !['id', 'ts', 'visitor_id', 'view_token', 'props'].includes(name),
) as Exclude<keyof StoredEvent, 'id' | 'ts' | 'visitor_id' | 'view_token' | 'props'>[];

export type ClickVariantColumn = (typeof CLICK_VARIANT_COLUMNS)[number];

export type ClickVariant = Pick<StoredEvent, ClickVariantColumn> & {
  props_unique: string;
  props_repeat: string;
};

export interface ClickVariantLine extends ClickVariant {
  click_variant: string;
}

export interface ClickLine {
  click: string;
  id: string;
  ts: number;
  visitor_id: string;
  view_token: string;
  is_unique: boolean;
}

/**
 * The variant line of clicks shaped like `sample` (any click of the variant: its id, time,
 * visitor, token and props are ignored), with the props texts of a unique and a repeated click.
 */
export function clickVariantLine(
  sample: StoredEvent,
  props: { unique: string; repeat: string },
): { key: string; line: string } {
  const variant: Record<string, unknown> = {};
  for (const column of CLICK_VARIANT_COLUMNS) variant[column] = sample[column];
  variant.props_unique = props.unique;
  variant.props_repeat = props.repeat;
  const content = JSON.stringify(variant);
  const key = createHash('sha256').update(content).digest('base64url').slice(0, 16);
  return { key, line: `{"click_variant":"${key}",${content.slice(1)}` };
}

/** What one line of the log is, once read. */
export type LogLine =
  | { kind: 'event'; event: StoredEvent }
  | { kind: 'variant' }
  | { kind: 'invalid'; reason: string };

/**
 * Reads log lines in file order, remembering the click variants seen so far, and gives back each
 * event (a click already completed by its variant). One reader per file: variants are per file.
 */
export function createLogLineReader() {
  const variants = new Map<string, ClickVariant>();
  return {
    read(line: string): LogLine {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return { kind: 'invalid', reason: 'is not JSON' };
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return { kind: 'invalid', reason: 'is not a JSON object' };
      const record = value as Record<string, unknown>;
      if (typeof record.click_variant === 'string') {
        const { click_variant: key, ...variant } = record;
        variants.set(key as string, variant as unknown as ClickVariant);
        return { kind: 'variant' };
      }
      if (typeof record.click === 'string') {
        const variant = variants.get(record.click);
        if (!variant)
          return { kind: 'invalid', reason: `refers to unknown click variant ${record.click}` };
        return { kind: 'event', event: completeClick(record as unknown as ClickLine, variant) };
      }
      return { kind: 'event', event: record as unknown as StoredEvent };
    },
  };
}

function completeClick(click: ClickLine, variant: ClickVariant): StoredEvent {
  const event = {} as Record<string, unknown>;
  for (const [column] of STORED_EVENT_COLUMNS) {
    if (column === 'props')
      event.props = click.is_unique ? variant.props_unique : variant.props_repeat;
    else if (
      column === 'id' ||
      column === 'ts' ||
      column === 'visitor_id' ||
      column === 'view_token'
    )
      event[column] = click[column];
    else event[column] = variant[column];
  }
  return event as unknown as StoredEvent;
}
