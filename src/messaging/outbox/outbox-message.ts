import type { JsonValue, OutboxRecord } from '../../store/index.ts';
import type { OutboundMessage } from '../types.ts';

/**
 * What the outbox stores per row: the channel-neutral message plus who wrote it (for the inbox
 * history: `assistant`, `broadcast`, `agent:<id>`; the contact never sees it) and, after a
 * partial failure of a multi-request message, how many provider requests already went out.
 */
export interface StoredOutbound extends OutboundMessage {
  author: string;
  resumeAt?: number;
  /** The provider said the window is closed although our clock said open: use the template. */
  forceTemplate?: boolean;
}

export const storedOutbound = (record: OutboxRecord): StoredOutbound =>
  record.message as unknown as StoredOutbound;

export const toJson = (message: StoredOutbound): JsonValue =>
  JSON.parse(JSON.stringify(message)) as JsonValue;
