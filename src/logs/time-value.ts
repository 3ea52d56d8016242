/**
 * Reads the time field of a JSON log line, whatever the logger chose: epoch seconds (Caddy's
 * float `ts`), epoch milliseconds, ISO 8601 (`@timestamp`, `time_iso8601`) or CLF (`time_local`).
 */
import { parseClfTime } from './clf-time.ts';

/** Epoch values above this are milliseconds (1e11 s would be the year 5138). */
const MILLISECONDS_ABOVE = 1e11;

function fromEpochNumber(value: number): number {
  return value > MILLISECONDS_ABOVE ? value / 1000 : value;
}

/** Epoch seconds, or NaN when the value is not a time. */
export function parseTimeValue(value: unknown): number {
  if (typeof value === 'number')
    return Number.isFinite(value) ? fromEpochNumber(value) : Number.NaN;
  if (typeof value !== 'string' || value === '') return Number.NaN;
  const first = value.charCodeAt(0);
  if (first >= 48 && first <= 57 && value.charCodeAt(2) === 47) return parseClfTime(value, 0);
  if (/^\d+(\.\d+)?$/.test(value)) return fromEpochNumber(Number(value));
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.NaN : ms / 1000;
}
