import type { Classification, TrackerPayload } from '../core/index.ts';
import type { Site, StoredEvent } from '../store/index.ts';

/** Why an accepted request was not stored. Counted per reason and visible at /health. */
export const DROP_REASONS = [
  'unknown_site',
  'excluded_path',
  'do_not_track',
  'rate_limited',
  'bot',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** What the HTTP layer knows about the request; the IP never leaves the pipeline. */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  doNotTrack: boolean;
  now: number;
}

/** An event moving through the pipeline; each step fills in more. */
export interface PendingEvent {
  payload: TrackerPayload;
  request: RequestMeta;
  site?: Site;
  visitorId?: string;
  /** In memory only: matches a sender-side preview to this view (see recent-views.ts). */
  deviceId?: string;
  classification?: Classification;
  sessionId?: string;
  event?: StoredEvent;
}

export interface Dropped {
  dropped: DropReason;
}

export type Step = (
  pending: PendingEvent,
) => PendingEvent | Dropped | Promise<PendingEvent | Dropped>;

const isDropped = (value: PendingEvent | Dropped): value is Dropped => 'dropped' in value;

/**
 * Runs named steps in order and stops at the first drop (Plausible's ingestion pipeline):
 * every step is small, testable alone, and a dropped event always says why.
 */
export async function runPipeline(
  steps: readonly (readonly [name: string, step: Step])[],
  pending: PendingEvent,
): Promise<PendingEvent | Dropped> {
  let current = pending;
  for (const [, step] of steps) {
    const result = step(current);
    // Most steps are synchronous: awaiting only real promises spares a microtask per step.
    const next = result instanceof Promise ? await result : result;
    if (isDropped(next)) return next;
    current = next;
  }
  return current;
}
