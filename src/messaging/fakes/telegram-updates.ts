/**
 * The updates the Telegram fake posts to the bot's webhook (research/messaging.md §1.2.1–1.2.2):
 * JSON bodies with an increasing `update_id`, authenticated only by the static
 * `X-Telegram-Bot-Api-Secret-Token` header (Telegram signs nothing).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from './token-bucket.ts';

export interface TelegramWebhook {
  url: string;
  secretToken?: string;
}

export class TelegramUpdates {
  private updateId = 10_000;

  constructor(
    private readonly now: Clock,
    private readonly botId: number,
    private readonly webhook: () => TelegramWebhook | undefined,
  ) {}

  async send(update: Record<string, unknown>): Promise<{ updateId: number; status: number }> {
    const webhook = this.webhook();
    if (!webhook) throw new Error('startFakeTelegram: no webhook configured');
    const updateId = ++this.updateId;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (webhook.secretToken) headers['x-telegram-bot-api-secret-token'] = webhook.secretToken;
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ update_id: updateId, ...update }),
    });
    await response.arrayBuffer();
    return { updateId, status: response.status };
  }

  text(chatId: number, messageId: number, text: string) {
    return this.send({ message: this.message(chatId, messageId, { text }) });
  }

  /** A photo arrives as several PhotoSize entries; the fake sends one size per file id. */
  photo(chatId: number, messageId: number, fileId: string, size: number, caption?: string) {
    const photo = [
      { file_id: fileId, file_unique_id: `u${fileId}`, width: 1280, height: 960, file_size: size },
    ];
    const fields = { photo, ...(caption !== undefined ? { caption } : {}) };
    return this.send({ message: this.message(chatId, messageId, fields) });
  }

  async callbackQuery(chatId: number, messageId: number, data: string) {
    const id = randomBytes(8).toString('hex');
    const message = {
      message_id: messageId,
      chat: chat(chatId),
      date: this.date(),
      text: 'Pick one',
    };
    const result = await this.send({
      callback_query: { id, from: user(chatId), message, chat_instance: '-1', data },
    });
    return { ...result, callbackQueryId: id };
  }

  /** For private chats Telegram sends `my_chat_member` only when the user blocks or unblocks. */
  blocked(chatId: number) {
    const bot = { id: this.botId, is_bot: true, first_name: 'Penumbra Test Bot' };
    return this.send({
      my_chat_member: {
        chat: chat(chatId),
        from: user(chatId),
        date: this.date(),
        old_chat_member: { user: bot, status: 'member' },
        new_chat_member: { user: bot, status: 'kicked', until_date: 0 },
      },
    });
  }

  private date(): number {
    return Math.floor(this.now() / 1000);
  }

  private message(chatId: number, messageId: number, fields: object) {
    return {
      message_id: messageId,
      date: this.date(),
      from: user(chatId),
      chat: chat(chatId),
      ...fields,
    };
  }
}

const user = (chatId: number) => ({ id: chatId, is_bot: false, first_name: 'Test' });
const chat = (chatId: number) => ({ id: chatId, type: 'private', first_name: 'Test' });
