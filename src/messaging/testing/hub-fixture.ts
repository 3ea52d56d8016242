import { afterEach } from 'vitest';
import { createSqliteHubStore } from '../../store/index.ts';
import { createMessagingHub, type MessagingHubOptions } from '../create-messaging-hub.ts';
import type { Address, ChannelAdapter, InboundEvent } from '../types.ts';

/** A manual clock: tests move time by hand (quiet hours, backoff, windows). */
export function manualClock(start = Date.UTC(2026, 5, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (at: number) => {
      now = at;
    },
  };
}

const opened: { stop(): Promise<void>; hub: { close(): Promise<void> } }[] = [];
afterEach(async () => {
  for (const hub of opened.splice(0)) {
    await hub.stop();
    await hub.hub.close();
  }
});

/** A migrated in-memory hub with these adapters, closed after the test. */
export async function openTestHub(
  adapters: ChannelAdapter[],
  extra: Partial<MessagingHubOptions> = {},
) {
  const store = await createSqliteHubStore({ path: ':memory:' });
  await store.migrate();
  const hub = createMessagingHub({
    hub: store,
    adapters,
    suppressionSecret: 'test-secret',
    worker: { random: () => 0.5, maxWaitMs: 50 },
    ...extra,
  });
  opened.push(hub);
  return hub;
}

export const BRAND = 'brand-1';

export const address = (userId: string, channel: Address['channel'] = 'webchat'): Address => ({
  channel,
  provider: channel === 'whatsapp' || channel === 'messenger' ? 'meta' : 'native',
  endpointId: 'ep-1',
  userId,
});

export const keyOf = (a: Address) => `${a.channel}:${a.endpointId}:${a.userId}`;

export function textEvent(id: string, from: Address, text: string, at: number): InboundEvent {
  return {
    kind: 'message',
    id: { provider: from.provider, value: id },
    at,
    from,
    conversationKey: keyOf(from),
    parts: [{ type: 'text', text }],
  };
}
