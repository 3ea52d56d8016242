/**
 * Provider send limits the outbox paces itself by, per channel, with their sources
 * (research/messaging.md §1.1.10, §1.2.5; Twilio error pages). `endpoint` is the business sender
 * (phone number id, bot, page, Twilio number), `recipient` one person/chat on it.
 *
 * The outbox aims a little under each limit (`headroom`) and with a smaller burst than the
 * provider allows, so that network jitter bunching requests together cannot tip the provider's
 * own bucket over: zero violations matters more than the last few percent of throughput.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
  source: string;
}

export interface ChannelLimits {
  endpoint: RateLimit;
  recipient: RateLimit;
  /** Telegram groups (chat ids below zero) have their own, slower limit. */
  group?: RateLimit;
}

export const RATE_LIMITS: Record<string, ChannelLimits> = {
  whatsapp: {
    endpoint: {
      perSecond: 80,
      burst: 80,
      source:
        '[P] Meta throughput page: 80 mps per phone number id by default (1,000 after upgrade); 130429 when exceeded',
    },
    recipient: {
      perSecond: 1 / 6,
      burst: 45,
      source: '[S] pair rate limit ≈1 message per 6 s per user, bursts up to 45; error 131056',
    },
  },
  telegram: {
    endpoint: {
      perSecond: 30,
      burst: 30,
      source: '[P] Telegram Bot FAQ: not more than ~30 messages per second for bulk notifications',
    },
    recipient: {
      perSecond: 1,
      burst: 1,
      source: '[P] Telegram Bot FAQ: avoid more than one message per second in one chat',
    },
    group: {
      perSecond: 20 / 60,
      burst: 1,
      source: '[P] Telegram Bot FAQ: not more than 20 messages per minute to the same group',
    },
  },
  messenger: {
    endpoint: {
      perSecond: 300,
      burst: 300,
      source:
        '[P] Meta "Messenger Platform rate limits" (updated 2026-03-23, per docs/messaging-fakes.md): 300 text calls/s per Page (audio/video 10/s); error 613',
    },
    recipient: {
      perSecond: 1,
      burst: 5,
      source: '[U] no published per-user number: platform choice, same order as Telegram',
    },
  },
  sms: {
    endpoint: {
      perSecond: 1,
      burst: 1,
      source:
        '[P] Twilio errors 30001/21611: a US long code sends 1 segment per second (short codes 100+: configure per number)',
    },
    recipient: {
      perSecond: 1,
      burst: 3,
      source: '[U] no per-recipient limit published: platform choice against floods',
    },
  },
  email: {
    endpoint: { perSecond: 10, burst: 10, source: '[U] SMTP relay dependent: platform default' },
    recipient: { perSecond: 1, burst: 3, source: '[U] platform choice' },
  },
  webchat: {
    endpoint: { perSecond: 1000, burst: 1000, source: 'our own widget: no provider limit' },
    recipient: { perSecond: 10, burst: 10, source: 'platform choice' },
  },
};

/** Fraction of the provider's sustained rate the outbox aims at. */
export const HEADROOM = 0.97;
/** Fraction of the provider's burst the outbox allows itself. */
export const BURST_SHARE = 0.5;
