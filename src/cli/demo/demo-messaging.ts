import {
  type FakeTelegram,
  type FakeWhatsApp,
  type FakeWhatsAppOptions,
  startFakeTelegram,
  startFakeWhatsApp,
} from '../../messaging/fakes/index.ts';
import type { MessagingSetupInput } from '../../server/messaging-setup.ts';
import type { Site } from '../../store/index.ts';

const TELEGRAM_SECRET = 'penumbra-demo-telegram-secret';

/** What people write to the demo brand: fridges in three languages, a follow-up, a STOP. */
const CONVERSATIONS: { from: string; texts: string[] }[] = [
  { from: '33612345678', texts: ["Bonjour ! j'ai 3 oeufs, des tomates et un reste de gruyère"] },
  { from: '34611222333', texts: ['tengo pollo, arroz y pimientos', 'sin cebolla'] },
  { from: '447700900123', texts: ['eggs, spinach and feta', 'vegetarian please'] },
  { from: '33698765432', texts: ['STOP'] },
];

export interface DemoMessaging {
  input: (site: Site) => MessagingSetupInput;
  /** Points the fakes' webhooks at the running server, then has a few people write in. */
  connect(serverUrl: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The demo's messaging hub: WhatsApp and Telegram are the local provider fakes (the same ones
 * the tests and bench/outbox use), web chat is real, and the recipe assistant answers.
 */
export async function startDemoMessaging(): Promise<DemoMessaging> {
  // The fake reads webhookUrl when it posts, so it can be set once the server listens.
  const whatsappOptions: FakeWhatsAppOptions = {};
  const whatsapp: FakeWhatsApp = await startFakeWhatsApp(whatsappOptions);
  const telegram: FakeTelegram = await startFakeTelegram();
  return {
    input: (site) => ({
      site,
      channels: {
        whatsapp: {
          baseUrl: whatsapp.url,
          apiVersion: 'v21.0',
          phoneNumberId: whatsapp.phoneNumberId,
          accessToken: whatsapp.accessToken,
          appSecret: whatsapp.appSecret,
          verifyToken: 'penumbra-demo-verify-token',
        },
        telegram: { baseUrl: telegram.url, botToken: telegram.token, secretToken: TELEGRAM_SECRET },
      },
      // The demo runs at any hour: no quiet hours in the way of its replies.
      policy: { quietHours: { purposes: [] } },
    }),
    async connect(serverUrl) {
      whatsappOptions.webhookUrl = `${serverUrl}/hooks/whatsapp`;
      const query = new URLSearchParams({
        url: `${serverUrl}/hooks/telegram`,
        secret_token: TELEGRAM_SECRET,
      });
      await fetch(`${telegram.url}/bot${telegram.token}/setWebhook?${query}`, { method: 'POST' });
      for (const { from, texts } of CONVERSATIONS) {
        for (const text of texts) await whatsapp.sendInbound({ from, text });
      }
      await telegram.sendInboundText(424242, "j'ai des pâtes, des champignons et de la crème");
    },
    async stop() {
      await Promise.all([whatsapp.stop(), telegram.stop()]);
    },
  };
}
