import type { ContactInput, OutboxInput } from '../hub-records.ts';

// Small builders the hub conformance suite shares; values are fake.

export const BRAND = 'brand-1';

export const contactInput = (userId: string, extra: Partial<ContactInput> = {}): ContactInput => ({
  brandId: BRAND,
  channel: 'whatsapp',
  provider: 'meta',
  endpointId: 'pn-1',
  userId,
  phone: null,
  username: null,
  email: null,
  displayName: null,
  language: null,
  timeZone: null,
  ...extra,
});

export const outboxInput = (key: string, extra: Partial<OutboxInput> = {}): OutboxInput => ({
  brandId: BRAND,
  idempotencyKey: key,
  conversationKey: 'whatsapp:pn-1:u1',
  contactId: 'c1',
  channel: 'whatsapp',
  provider: 'meta',
  endpointId: 'pn-1',
  purpose: 'service',
  message: { text: key },
  notBefore: 0,
  expiresAt: null,
  correlation: null,
  broadcastId: null,
  ...extra,
});

export const claim = (owner: string, now = 1000, limit = 50) => ({
  now,
  limit,
  owner,
  leaseMs: 30_000,
});
