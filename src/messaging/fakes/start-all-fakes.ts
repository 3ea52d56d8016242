/**
 * Starts every provider fake at once, each on its own 127.0.0.1 port: what the demo, the
 * adapter tests and the outbox benchmark use to point the hub at local providers.
 */
import type { FakeStats } from './fake-ledger.ts';
import { type FakeMessengerOptions, startFakeMessenger } from './fake-messenger.ts';
import { type FakeSmtpOptions, startFakeSmtp } from './fake-smtp.ts';
import { type FakeTelegramOptions, startFakeTelegram } from './fake-telegram.ts';
import { type FakeTwilioOptions, startFakeTwilio } from './fake-twilio.ts';
import { type FakeWhatsAppOptions, startFakeWhatsApp } from './fake-whatsapp.ts';
import type { Clock } from './token-bucket.ts';

export interface StartAllFakesOptions {
  whatsapp?: FakeWhatsAppOptions;
  telegram?: FakeTelegramOptions;
  messenger?: FakeMessengerOptions;
  twilio?: FakeTwilioOptions;
  smtp?: FakeSmtpOptions;
  /** One clock for every fake unless a provider's options give its own. */
  now?: Clock;
}

export const FAKE_PROVIDERS = ['whatsapp', 'telegram', 'messenger', 'twilio', 'smtp'] as const;
export type FakeProviderName = (typeof FAKE_PROVIDERS)[number];

export async function startAllFakes(options: StartAllFakesOptions = {}) {
  const clock = options.now ? { now: options.now } : {};
  const [whatsapp, telegram, messenger, twilio, smtp] = await Promise.all([
    startFakeWhatsApp({ ...clock, ...options.whatsapp }),
    startFakeTelegram({ ...clock, ...options.telegram }),
    startFakeMessenger({ ...clock, ...options.messenger }),
    startFakeTwilio({ ...clock, ...options.twilio }),
    startFakeSmtp({ ...clock, ...options.smtp }),
  ]);
  const fakes = { whatsapp, telegram, messenger, twilio, smtp };
  return {
    ...fakes,
    /** Base URL per provider, to put in the hub's channel configuration. */
    urls: {
      whatsapp: whatsapp.url,
      telegram: telegram.url,
      messenger: messenger.url,
      twilio: twilio.url,
      smtp: smtp.url,
    } satisfies Record<FakeProviderName, string>,
    stats: (): Record<FakeProviderName, FakeStats> => ({
      whatsapp: whatsapp.stats(),
      telegram: telegram.stats(),
      messenger: messenger.stats(),
      twilio: twilio.stats(),
      smtp: smtp.stats(),
    }),
    stop: async (): Promise<void> => {
      await Promise.all(Object.values(fakes).map((fake) => fake.stop()));
    },
  };
}

export type AllFakes = Awaited<ReturnType<typeof startAllFakes>>;
