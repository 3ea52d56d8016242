import { z } from 'zod';

// Each message says what to put there and where to find it: a config error is fixed from the
// message alone. Secrets get a minimum length, never a logged value.
const url = (what: string) =>
  z.url({
    message: `${what} must be an absolute http(s) URL, e.g. https://graph.facebook.com or http://127.0.0.1:4010 for a local fake`,
  });
const secret = (what: string, where: string) =>
  z
    .string({ message: `${what} is required: ${where}` })
    .min(8, `${what} looks too short: ${where}`);
const apiVersion = z
  .string()
  .regex(/^v\d+\.\d+$/, 'apiVersion must look like v21.0 (the Graph API version your app uses)')
  .default('v21.0');

const whatsapp = z.object({
  baseUrl: url('whatsapp.baseUrl').default('https://graph.facebook.com'),
  apiVersion,
  phoneNumberId: z
    .string({
      message: 'whatsapp.phoneNumberId is required: WhatsApp Manager → API Setup → Phone number ID',
    })
    .regex(/^\d+$/, 'whatsapp.phoneNumberId is the numeric Phone number ID, not the phone number'),
  accessToken: secret('whatsapp.accessToken', 'a system-user token from Meta Business Settings'),
  appSecret: secret('whatsapp.appSecret', 'App Dashboard → Settings → Basic → App secret'),
  verifyToken: secret(
    'whatsapp.verifyToken',
    'any string you also type in App Dashboard → WhatsApp → Configuration',
  ),
  timeoutMs: z.number().int().positive().optional(),
});
const telegram = z.object({
  baseUrl: url('telegram.baseUrl').default('https://api.telegram.org'),
  botToken: z
    .string({ message: 'telegram.botToken is required: the token BotFather gave you' })
    .regex(/^\d+:[\w-]+$/, 'telegram.botToken must look like 123456:ABC-… (from BotFather)'),
  secretToken: z
    .string({
      message: 'telegram.secretToken is required: the secret_token you pass to setWebhook',
    })
    .regex(
      /^[A-Za-z0-9_-]{16,256}$/,
      'telegram.secretToken: 16–256 characters of A-Z a-z 0-9 _ - (Telegram allows 1–256; use at least 16)',
    ),
  timeoutMs: z.number().int().positive().optional(),
});
const messenger = z.object({
  baseUrl: url('messenger.baseUrl').default('https://graph.facebook.com'),
  apiVersion,
  pageId: z.string().regex(/^\d+$/, 'messenger.pageId is the numeric Page ID').optional(),
  pageAccessToken: secret(
    'messenger.pageAccessToken',
    'App Dashboard → Messenger → Settings → Generate token',
  ),
  appSecret: secret('messenger.appSecret', 'App Dashboard → Settings → Basic → App secret'),
  verifyToken: secret(
    'messenger.verifyToken',
    'any string you also type in the Messenger webhook settings',
  ),
  timeoutMs: z.number().int().positive().optional(),
});
const sms = z
  .object({
    baseUrl: url('sms.baseUrl').default('https://api.twilio.com'),
    accountSid: z
      .string({ message: 'sms.accountSid is required: Twilio Console → Account Info' })
      .regex(/^AC[0-9a-fA-F]{32}$/, 'sms.accountSid starts with AC followed by 32 hex characters'),
    authToken: secret('sms.authToken', 'Twilio Console → Account Info → Auth Token'),
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'sms.messagingServiceSid starts with MG')
      .optional(),
    from: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'sms.from is an E.164 number like +33700000000')
      .optional(),
    statusCallbackUrl: url('sms.statusCallbackUrl').optional(),
    maxSegments: z.number().int().min(1).max(10).optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .refine((c) => c.messagingServiceSid || c.from, {
    message: 'sms needs a sender: set messagingServiceSid (recommended) or from',
  });
const email = z.object({
  smtp: z.object({
    host: z
      .string({
        message: 'email.smtp.host is required: your SMTP relay (or 127.0.0.1 for a local one)',
      })
      .min(1),
    port: z.number({ message: 'email.smtp.port is required, e.g. 587' }).int().min(1).max(65535),
    secure: z.boolean().optional(),
    user: z.string().optional(),
    pass: z.string().optional(),
  }),
  from: z
    .string({ message: 'email.from is required, e.g. "Recipes <recipes@brand.example>"' })
    .includes('@', { message: 'email.from must contain an address' }),
  unsubscribeBaseUrl: url('email.unsubscribeBaseUrl'),
  unsubscribeMailto: z.email({ message: 'email.unsubscribeMailto must be an address' }).optional(),
  unsubscribeSecret: secret(
    'email.unsubscribeSecret',
    'a random string of 32+ characters (openssl rand -hex 32)',
  ).min(32, 'email.unsubscribeSecret: use 32+ random characters (openssl rand -hex 32)'),
  dkim: z
    .object({ domainName: z.string(), keySelector: z.string(), privateKey: z.string() })
    .optional(),
  defaultSubject: z.string().optional(),
});
const webchat = z.object({
  sessionSecret: secret(
    'webchat.sessionSecret',
    'a random string of 32+ characters (openssl rand -hex 32)',
  ).min(32, 'webchat.sessionSecret: use 32+ random characters (openssl rand -hex 32)'),
  siteId: z
    .string({ message: 'webchat.siteId is required: the site the widget is embedded on' })
    .min(1),
});

/** Every channel is optional: configure only the ones the brand uses. */
export const channelsConfigSchema = z.object({
  whatsapp: whatsapp.optional(),
  telegram: telegram.optional(),
  messenger: messenger.optional(),
  sms: sms.optional(),
  email: email.optional(),
  webchat: webchat.optional(),
});
export type ChannelsConfig = z.infer<typeof channelsConfigSchema>;
export type ChannelsConfigInput = z.input<typeof channelsConfigSchema>;

export class ChannelConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Channel configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ChannelConfigError';
  }
}

/** Validated config, or a ChannelConfigError listing every problem with its path and fix. */
export function parseChannelsConfig(input: unknown): ChannelsConfig {
  const result = channelsConfigSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ChannelConfigError(
    result.error.issues.map((issue) => {
      const path = issue.path.join('.');
      // Our messages already start with their path; zod's generic ones get it prefixed.
      return path &&
        !issue.message.startsWith(path) &&
        !issue.message.startsWith(String(issue.path[0]))
        ? `${path}: ${issue.message}`
        : issue.message;
    }),
  );
}
