import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/server/auth/hash-password.ts';
import { launchChromium } from './support/chromium.ts';
import {
  ARTIFACTS,
  contrastProblems,
  openPage,
  signIn,
  type WatchedPage,
} from './support/dashboard-page.ts';
import {
  ASSISTANT_TEXT,
  type MessagingServer,
  startMessagingServer,
} from './support/messaging-server.ts';

const DOMAIN = 'acme.example';
const EMAIL = 'ana@acme.example';
const PASSWORD = 'correct horse battery staple 42';
const WA_ID = '33600000001';
/** Markup and script a contact could send; it must show as text and never run. */
const PAYLOAD =
  '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> Any recipe with eggs?';
const REPLY = 'Try the shakshuka: <b>eggs</b> & tomatoes.';

let server: MessagingServer;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
let key = '';

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Text bodies the fake WhatsApp Cloud API accepted, in order. */
const sentTexts = () =>
  server.fake.sent().map((m) => (m.payload.text as { body?: string } | undefined)?.body ?? '');

const shoot = (name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `dashboard-messaging-${name}.png`), fullPage: true });

beforeAll(async () => {
  server = await startMessagingServer({ domain: DOMAIN, email: EMAIL, password: PASSWORD });
  browser = await launchChromium();
  watched = await openPage(browser, { width: 1280, height: 900 }, true);
  page = watched.page;
  key = `whatsapp:${server.fake.phoneNumberId}:${WA_ID}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the messaging hub in the dashboard', () => {
  it('shows a contact message as text, assigns, replies as the brand, hands back', async () => {
    expect(
      (await server.fake.sendInbound({ from: WA_ID, text: PAYLOAD, profileName: PAYLOAD })).status,
    ).toBe(200);
    await until(sentTexts, (t) => t.includes(ASSISTANT_TEXT), 'the assistant answers');

    await signIn(page, server.url, EMAIL, PASSWORD);
    await page.click('a[data-key="inbox-link"]');
    await page.waitForFunction(() => location.hash === '#/site/acme.example/inbox');
    await page.click(`[data-conversation="${key}"]`);
    const incoming = page.locator('.thread .message.in .message-text').first();
    await incoming.waitFor();
    expect(await incoming.textContent()).toBe(PAYLOAD);
    await page.locator('.thread .message.out', { hasText: ASSISTANT_TEXT }).waitFor();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);

    await page.click('button[data-action="Assign to me"]');
    await page.locator('.thread-mode', { hasText: `With ${EMAIL}` }).waitFor();
    expect(await page.textContent('.reply-form label')).toBe(`Replying as ${DOMAIN}`);
    await page.fill('#reply-text', REPLY);
    // A double click queues one reply (the button locks, and the request id is the same).
    await page.dblclick('.reply-form button[type=submit]');
    await page.locator('.thread-pane .form-status.ok', { hasText: /^(Queued|Sent)\b/ }).waitFor();
    await until(sentTexts, (t) => t.includes(REPLY), 'the agent reply reaches WhatsApp');
    await page.locator('.thread .message.out', { hasText: REPLY }).waitFor();
    const mine = page.locator('.thread .message.out', { hasText: REPLY });
    expect(await mine.locator('.author').textContent()).toBe(`${EMAIL} (as ${DOMAIN})`);
    // What the contact received names nobody: no agent id anywhere in the provider request.
    const sent = server.fake.sent().find((m) => JSON.stringify(m.payload).includes('shakshuka'));
    expect(JSON.stringify(sent)).not.toContain('ana@');

    // While a person has the conversation, the assistant stays quiet. (WhatsApp stamps
    // messages to the second: wait one so the thread's order is the order things happened.)
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await server.fake.sendInbound({ from: WA_ID, text: 'Thank you!' });
    await page
      .locator('.thread .message.in', { hasText: 'Thank you!' })
      .waitFor({ timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTexts().filter((t) => t === REPLY)).toHaveLength(1);
    expect(sentTexts().filter((t) => t === ASSISTANT_TEXT)).toHaveLength(1);
    await shoot('inbox');
    expect(await contrastProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot('inbox-phone');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await contrastProblems(page)).toEqual([]);
    await shoot('inbox-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.click('button[data-action="Hand back to the assistant"]');
    await page.locator('.thread-mode', { hasText: 'The assistant answers' }).waitFor();
    await server.fake.sendInbound({ from: WA_ID, text: 'And dessert?' });
    await until(
      () => sentTexts().filter((t) => t === ASSISTANT_TEXT).length,
      (n) => n === 2,
      'the assistant answers again after the hand-back',
    );
    expect(watched.problems).toEqual([]);
  }, 90_000);

  it('lists a permanently failed message as a dead letter and requeues it', async () => {
    server.fake.failNext({ code: 131026, status: 400, message: 'Message undeliverable' });
    const before = sentTexts().length;
    await server.fake.sendInbound({ from: WA_ID, text: 'Still there?' });
    await until(
      () => server.messaging.hub.listOutbox(server.site.id, { states: ['dead'] }),
      (rows) => rows.length === 1,
      'the assistant reply dead-lettered',
    );
    await page.click('.messaging-tabs a:has-text("Dead letters")');
    await page.waitForFunction(() => location.hash === '#/site/acme.example/dead-letters');
    const row = page.locator('.dead-letters tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('permanent (131026)');
    expect(await row.textContent()).toContain(ASSISTANT_TEXT);
    await shoot('dead-letters');
    await row.locator('button[data-requeue]').click();
    await page.locator('.dead-letters .form-status.ok', { hasText: 'Queued again' }).waitFor();
    await page.locator('.dead-letters .empty').waitFor();
    await until(
      () => sentTexts().length,
      (n) => n === before + 1,
      'the requeued message sent',
    );
    expect(sentTexts().at(-1)).toBe(ASSISTANT_TEXT);
    expect(watched.problems).toEqual([]);
  }, 60_000);

  it('creates a community, adds the contact and broadcasts to it', async () => {
    await page.click('.messaging-tabs a:has-text("Communities")');
    await page.locator('.community-list .empty').waitFor();
    await page.fill('#community-name', 'Sunday <recipes>');
    await page.fill('#community-wording', 'Yes, send me one recipe a week from Acme.');
    await page.click('form.create-community button[type=submit]');
    const card = page.locator('.community-card', { hasText: 'Sunday <recipes>' });
    await card.waitFor();
    const contact = await server.messaging.hub.findContact(
      server.site.id,
      'whatsapp',
      server.fake.phoneNumberId,
      WA_ID,
    );
    await card.locator('input[name=contactId]').fill(contact!.id);
    await card.locator('input[name=evidence]').fill('replied YES in the chat');
    await card.locator('.members-form button[type=submit]').click();
    await card.locator('.members-form .form-status.ok', { hasText: 'Added' }).waitFor();
    await card.locator('input[name=campaign]').fill('sunday-1');
    await card.locator('textarea[name=text]').fill('This week: lemon tart.');
    await card.locator('.broadcast-form button[type=submit]').click();
    await card
      .locator('.broadcast-form .form-status.ok', { hasText: 'Queued 1 of 1 member(s).' })
      .waitFor();
    await until(sentTexts, (t) => t.includes('This week: lemon tart.'), 'the broadcast sent');
    await card.locator('button', { hasText: 'Check delivery' }).click();
    await card
      .locator('.broadcast-form .form-status.ok', { hasText: /Sent|Delivered|Read/ })
      .waitFor();
    await shoot('communities');
    expect(watched.problems).toEqual([]);
  }, 60_000);

  it('says plainly why a reply was refused (outside the 24-hour window)', async () => {
    server.skew(25 * 3_600_000);
    await page.click('.messaging-tabs a:has-text("Inbox")');
    await page.click(`[data-conversation="${key}"]`);
    await page.click('button[data-action="Assign to me"]');
    await page.fill('#reply-text', 'Are you still there?');
    await page.press('#reply-text', 'Control+Enter');
    const status = page.locator('.thread-pane .form-status.error');
    await status.waitFor();
    expect(await status.textContent()).toBe(
      'Not sent: outside the 24-hour window: a template is required',
    );
    expect(sentTexts()).not.toContain('Are you still there?');
    await shoot('refused');
    expect(watched.problems).toEqual([]);
  }, 60_000);

  it('lets a viewer read the inbox and communities but change nothing', async () => {
    const email = 'viewer@acme.example';
    const viewer = await server.state.createUser({
      email,
      passwordHash: await hashPassword(PASSWORD),
    });
    await server.state.setSiteRole(server.site.id, viewer.id, 'viewer');
    const other = await openPage(browser);
    await signIn(other.page, server.url, email, PASSWORD);
    await other.page.goto(`${server.url}/app#/site/${DOMAIN}/inbox`);
    await other.page.click(`[data-conversation="${key}"]`);
    await other.page.locator('.thread .message.in').first().waitFor();
    expect(await other.page.locator('.thread-actions, .reply-form').count()).toBe(0);
    await other.page.click('.messaging-tabs a:has-text("Communities")');
    await other.page.locator('.community-card').first().waitFor();
    expect(
      await other.page.locator('.create-community, .members-form, .broadcast-form').count(),
    ).toBe(0);
    await other.page.click('.messaging-tabs a:has-text("Dead letters")');
    await other.page.locator('.dead-letters .empty').waitFor();
    expect(other.problems).toEqual([]);
    await other.page.context().close();
  }, 60_000);

  it('exports a contact as JSON and erases them', async () => {
    await page.click('.messaging-tabs a:has-text("Inbox")');
    await page.click(`[data-conversation="${key}"]`);
    await page.click('.contact-data summary');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.contact-data a:has-text("Export data")'),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      contact: { id: string; userId: string };
      messages: { parts: { text?: string }[] }[];
    };
    expect(exported.contact.userId).toBe(WA_ID);
    expect(exported.messages.map((m) => m.parts[0]?.text)).toContain(PAYLOAD);

    await page.click('.contact-data button:has-text("Erase contact")');
    await page.locator('.thread-slot', { hasText: 'The contact was erased.' }).waitFor();
    expect(watched.dialogs.at(-1)).toMatch(/^confirm: Erase everything stored/);
    expect(await server.messaging.hub.getContact(server.site.id, exported.contact.id)).toBeNull();
    await page.locator(`[data-conversation="${key}"]`).waitFor({ state: 'detached' });
    expect(watched.problems).toEqual([]);
  }, 60_000);
});
