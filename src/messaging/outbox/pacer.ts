import type { OutboxRecord } from '../../store/index.ts';
import { storedOutbound } from './outbox-message.ts';
import {
  BURST_SHARE,
  type ChannelLimits,
  HEADROOM,
  RATE_LIMITS,
  type RateLimit,
} from './rate-limits.ts';
import { BucketMap, type TokenBucket } from './token-bucket.ts';

/**
 * The outbox's token buckets: one per sender endpoint (provider + endpoint id) and one per
 * recipient on it, sized from RATE_LIMITS (or a per-deployment override) with headroom.
 */
export class Pacer {
  private readonly senders = new Map<string, BucketMap>();
  private readonly people = new Map<string, BucketMap>();
  private readonly groups = new Map<string, BucketMap>();

  constructor(private readonly limits: Record<string, ChannelLimits> = RATE_LIMITS) {}

  /** Books a per-person slot: when this person may get the message. */
  schedulePerson(row: OutboxRecord, now: number): number {
    return this.personBucket(row, now).schedule(now);
  }

  cancelPerson(row: OutboxRecord, now: number): void {
    this.personBucket(row, now).cancel();
  }

  /** Books a slot on the sender endpoint for one provider request. */
  scheduleSender(row: OutboxRecord, now: number): number {
    return this.senderBucket(row, now).schedule(now);
  }

  cancelSender(row: OutboxRecord, now: number): void {
    this.senderBucket(row, now).cancel();
  }

  /** The provider said slow down (429 / 130429 with a hint): pause the whole sender. */
  pauseSender(row: OutboxRecord, until: number, now: number): void {
    this.senderBucket(row, now).pause(until);
  }

  pausePerson(row: OutboxRecord, until: number, now: number): void {
    this.personBucket(row, now).pause(until);
  }

  /** Senders booked beyond `horizon` ms: claiming more of their rows now would only wait. */
  busySenders(now: number, horizonMs: number): { provider: string; endpointId: string }[] {
    const busy: { provider: string; endpointId: string }[] = [];
    for (const map of this.senders.values()) {
      for (const [key, entry] of map.entries()) {
        if (entry.bucket.nextFree(now) - now > horizonMs) {
          const cut = key.indexOf(':');
          busy.push({ provider: key.slice(0, cut), endpointId: key.slice(cut + 1) });
        }
      }
    }
    return busy;
  }

  private limitsOf(channel: string): ChannelLimits {
    return this.limits[channel] ?? (RATE_LIMITS.webchat as ChannelLimits);
  }

  private senderBucket(row: OutboxRecord, now: number): TokenBucket {
    return bucketIn(this.senders, row.channel, this.limitsOf(row.channel).endpoint).get(
      `${row.provider}:${row.endpointId}`,
      now,
    );
  }

  private personBucket(row: OutboxRecord, now: number): TokenBucket {
    const limits = this.limitsOf(row.channel);
    const userId = storedOutbound(row).to?.userId ?? row.conversationKey;
    // Telegram group and channel chat ids are negative.
    const isGroup = limits.group !== undefined && userId.startsWith('-');
    const map = isGroup
      ? bucketIn(this.groups, row.channel, limits.group as RateLimit)
      : bucketIn(this.people, row.channel, limits.recipient);
    return map.get(`${row.provider}:${row.endpointId}:${userId}`, now);
  }
}

function bucketIn(maps: Map<string, BucketMap>, channel: string, limit: RateLimit): BucketMap {
  let map = maps.get(channel);
  if (!map) {
    map = new BucketMap(
      limit.perSecond * HEADROOM,
      Math.max(1, Math.floor(limit.burst * BURST_SHARE)),
    );
    maps.set(channel, map);
  }
  return map;
}
