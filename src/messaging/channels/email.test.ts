import { createHash } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { OutboundMessage, RawRequest } from '../types.ts';
import { createEmailAdapter } from './email.ts';
import { oneClickUnsubscribe } from './one-click-unsubscribe.ts';
import { fixture } from './testing/capture-server.ts';
import { createUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const SECRET = 'unsubscribe-secret-0123456789abcdef';
const claims = {
  userId: 'ana@example.org',
  endpointId: 'recipes@brand.example',
  scope: 'marketing' as const,
  issuedAt: 1_700_000_000_000,
};
const to = {
  channel: 'email' as const,
  provider: 'smtp' as const,
  endpointId: 'recipes@brand.example',
  userId: 'ana@example.org',
  email: 'ana@example.org',
};
const message = (purpose: OutboundMessage['purpose']): OutboundMessage => ({
  idempotencyKey: 'k',
  to,
  purpose,
  conversationKey: 'email:recipes@brand.example:ana@example.org',
  correlation: 'outbox:9',
  parts: [{ type: 'text', text: 'Three recipes for this week\nPasta, soup, salad.' }],
});
const emailOptions = (port: number) => ({
  smtp: { host: '127.0.0.1', port },
  from: 'Recipes <recipes@brand.example>',
  unsubscribeBaseUrl: 'https://hub.example',
  unsubscribeMailto: 'unsubscribe@brand.example',
  unsubscribeSecret: SECRET,
  now: () => 1_700_000_000_000,
});
const onePost = (url: string, body = 'List-Unsubscribe=One-Click'): RawRequest => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(body),
});

describe('unsubscribe token', () => {
  const token = createUnsubscribeToken(SECRET, claims);

  it('round-trips its claims', () => {
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual(claims);
  });

  it('rejects tampered payloads, signatures, other secrets and malformed tokens', () => {
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ u: 'bob@example.org', e: claims.endpointId, s: 'all', t: 1 }),
    ).toString('base64url');
    expect(verifyUnsubscribeToken(SECRET, `${forged}.${signature}`)).toBeUndefined();
    expect(
      verifyUnsubscribeToken(
        SECRET,
        `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      ),
    ).toBeUndefined();
    expect(verifyUnsubscribeToken('another-secret-0123456789abcdefgh', token)).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, `${token}.x`)).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, payload)).toBeUndefined();
    expect(verifyUnsubscribeToken(SECRET, '')).toBeUndefined();
  });
});

describe('RFC 8058 one-click unsubscribe', () => {
  const token = createUnsubscribeToken(SECRET, claims);
  const url = `https://hub.example/u/${token}`;
  const adapter = createEmailAdapter(emailOptions(25));

  it('a valid POST becomes a consent opt_out event', () => {
    const event = oneClickUnsubscribe(onePost(url), SECRET, 5);
    expect(event).toEqual({
      kind: 'consent',
      id: {
        provider: 'smtp',
        value: `unsubscribe:${createHash('sha256').update(token).digest('hex').slice(0, 32)}`,
      },
      at: 5,
      from: {
        channel: 'email',
        provider: 'smtp',
        endpointId: 'recipes@brand.example',
        userId: 'ana@example.org',
        email: 'ana@example.org',
      },
      action: 'opt_out',
      scope: 'marketing',
      via: 'unsubscribe_post',
    });
    expect(adapter.verify(onePost(url))).toBe(true);
    expect(adapter.parse(onePost(url))).toHaveLength(1);
  });

  it('a wrong body, a tampered token or a GET does not unsubscribe', () => {
    expect(adapter.verify(onePost(url, 'List-Unsubscribe=Yes'))).toBe(false);
    expect(adapter.verify(onePost(`${url.slice(0, -2)}xx`))).toBe(false);
    expect(adapter.parse({ ...onePost(url), method: 'GET' })).toEqual([]);
    const page = adapter.handshake?.({ ...onePost(url), method: 'GET', body: Buffer.alloc(0) });
    expect(page?.status).toBe(200);
    expect(page?.body).toContain('<form method="post">');
    expect(page?.body).not.toContain('ana@example.org');
    expect(adapter.handshake?.({ ...onePost(`${url}x`), method: 'GET' })?.status).toBe(404);
  });

  it('marketing mail gets List-Unsubscribe + List-Unsubscribe-Post and a visible link; utility mail does not', () => {
    const envelope = JSON.parse(adapter.render(message('marketing'))[0]!.body);
    expect(envelope.headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/hub\.example\/u\/[\w-]+\.[\w-]+>, <mailto:unsubscribe@brand\.example\?subject=unsubscribe>$/,
    );
    expect(envelope.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(envelope.text).toContain('Unsubscribe: https://hub.example/u/');
    expect(envelope.subject).toBe('Three recipes for this week');
    const utility = JSON.parse(adapter.render(message('utility'))[0]!.body);
    expect(utility.headers).toEqual({ 'X-Penumbra-Correlation': 'outbox:9' });
  });

  it('the recorded RFC 8058 example has the header shape we emit', async () => {
    const mail = await simpleParser(fixture('email', 'marketing-one-click.eml'));
    const post = (m: typeof mail) =>
      m.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line;
    expect(post(mail)).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const shape = /^<https:\/\/[^>]+>, <mailto:[^>]+>$/;
    expect(
      mail.headerLines
        .find((h) => h.key === 'list-unsubscribe')
        ?.line.replace('List-Unsubscribe: ', ''),
    ).toMatch(shape);
    const ours = JSON.parse(
      createEmailAdapter(emailOptions(25)).render(message('marketing'))[0]!.body,
    );
    expect(ours.headers['List-Unsubscribe']).toMatch(shape);
  });
});
