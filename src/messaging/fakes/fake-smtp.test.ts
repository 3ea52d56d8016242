import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSmtp, type FakeSmtpOptions, startFakeSmtp } from './fake-smtp.ts';

let fake: FakeSmtp | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function start(options: FakeSmtpOptions = {}) {
  fake = await startFakeSmtp(options);
  return fake;
}

function transport(f: FakeSmtp, auth?: { user: string; pass: string }) {
  return nodemailer.createTransport({
    host: f.host,
    port: f.port,
    secure: false,
    ignoreTLS: true,
    ...(auth ? { auth } : {}),
  });
}

const unsubscribe = {
  from: 'Penumbra Recipes <news@example.com>',
  to: 'ana@example.org',
  subject: 'Three recipes for your fridge',
  text: 'Tomatoes, eggs, rice: here is what you can cook.',
  list: {
    unsubscribe: ['https://example.com/u/OPAQUE_TOKEN', 'unsub-OPAQUE@example.com'],
  },
  headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
};

describe('startFakeSmtp', () => {
  it('receives and parses a nodemailer message with its List-Unsubscribe headers', async () => {
    const f = await start();
    await transport(f).sendMail(unsubscribe);
    await f.waitForMessages(1);
    const [mail] = f.received();
    expect(mail!.envelope).toEqual({ from: 'news@example.com', to: ['ana@example.org'] });
    expect(mail!.parsed.subject).toBe('Three recipes for your fridge');
    expect(mail!.parsed.text?.trim()).toBe('Tomatoes, eggs, rice: here is what you can cook.');
    expect(mail!.headerValues('List-Unsubscribe')).toEqual([
      '<https://example.com/u/OPAQUE_TOKEN>',
      '<mailto:unsub-OPAQUE@example.com>',
    ]);
    expect(mail!.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(f.stats()).toMatchObject({ accepted: 1, rejected: 0, violations: 0 });
  });

  it('answers 451 past the rate and counts a violation', async () => {
    let t = 0;
    const f = await start({ now: () => t, rate: { perSecond: 2, burst: 2 } });
    const client = transport(f);
    await client.sendMail({ ...unsubscribe, subject: 'one' });
    await client.sendMail({ ...unsubscribe, subject: 'two' });
    await expect(client.sendMail({ ...unsubscribe, subject: 'three' })).rejects.toMatchObject({
      responseCode: 451,
    });
    t += 500;
    await client.sendMail({ ...unsubscribe, subject: 'four' });
    expect(f.stats()).toMatchObject({ accepted: 3, violations: 1, violationsByLimit: { rate: 1 } });
  });

  it('plays a scripted 550 and rejects configured mailboxes', async () => {
    const f = await start({ rejectRecipients: ['gone@example.org'] });
    const client = transport(f);
    f.failNext({ code: 550, message: '5.1.1 Mailbox unavailable' });
    await expect(client.sendMail(unsubscribe)).rejects.toMatchObject({ responseCode: 550 });
    await expect(client.sendMail({ ...unsubscribe, to: 'gone@example.org' })).rejects.toMatchObject(
      { responseCode: 550 },
    );
    await client.sendMail(unsubscribe);
    expect(f.stats()).toMatchObject({ accepted: 1, rejected: 2, rejectedByCode: { '550': 2 } });
  });

  it('counts a resend of the same content as a duplicate despite a new Message-ID', async () => {
    const f = await start();
    const client = transport(f);
    await client.sendMail(unsubscribe);
    await client.sendMail(unsubscribe);
    await client.sendMail({ ...unsubscribe, subject: 'different' });
    expect(f.stats()).toMatchObject({ accepted: 3, duplicates: 1 });
  });

  it('requires AUTH when credentials are configured', async () => {
    const f = await start({ auth: { user: 'penumbra', pass: 'secret' } });
    await expect(
      transport(f, { user: 'penumbra', pass: 'wrong' }).sendMail(unsubscribe),
    ).rejects.toMatchObject({ responseCode: 535 });
    await transport(f, { user: 'penumbra', pass: 'secret' }).sendMail(unsubscribe);
    expect(f.received()).toHaveLength(1);
  });
});
