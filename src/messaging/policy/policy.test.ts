import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../store/index.ts';
import { consentView } from './consent-status.ts';
import { evaluatePolicy, type PolicyInput } from './evaluate-policy.ts';
import { DEFAULT_POLICY, policyConfigSchema } from './policy-config.ts';
import { quietHoursEnd } from './quiet-hours.ts';

const HOUR = 3_600_000;
// 2026-06-01 12:00 UTC = 14:00 in Paris: outside quiet hours everywhere used below but Tokyo.
const NOON = Date.UTC(2026, 5, 1, 12);

const line = (purpose: string, status: 'granted' | 'revoked', at: number): ConsentRecord => ({
  id: `${purpose}-${at}`,
  brandId: 'b',
  contactId: 'c',
  channel: 'whatsapp',
  purpose,
  status,
  at,
  source: 'test',
  wording: 'w',
  wordingVersion: '1',
  evidence: {},
});

const base = (over: Partial<PolicyInput> = {}): PolicyInput => ({
  now: NOON,
  purpose: 'marketing',
  hasParts: true,
  hasTemplate: true,
  consent: consentView([line('marketing', 'granted', NOON - 10 * HOUR)]),
  suppressed: [],
  lastInboundAt: NOON - HOUR,
  window: { hours: 24, templatesOutside: true },
  timeZone: 'Europe/Paris',
  sentInWindow: () => 0,
  expiresAt: null,
  ...over,
});

const decide = (over: Partial<PolicyInput> = {}) => evaluatePolicy(base(over), DEFAULT_POLICY);

describe('consent view', () => {
  it('derives current status from the ledger: STOP blocks, START lifts, a new opt-in counts', () => {
    expect(consentView([]).status('marketing')).toBeNull();
    const granted = [line('marketing', 'granted', 1)];
    expect(consentView(granted).status('marketing')).toBe('granted');
    const stopped = [...granted, line('all', 'revoked', 2)];
    expect(consentView(stopped).status('marketing')).toBe('revoked');
    expect(consentView(stopped).status('utility')).toBe('revoked');
    expect(consentView(stopped).allRevokedAt).toBe(2);
    const restarted = [...stopped, line('all', 'granted', 3)];
    expect(consentView(restarted).status('marketing')).toBe('granted');
    expect(consentView(restarted).status('utility')).toBeNull();
    const reOptIn = [...stopped, line('marketing', 'granted', 4)];
    expect(consentView(reOptIn).status('marketing')).toBe('granted');
    expect(consentView([...granted, line('marketing', 'revoked', 5)]).status('marketing')).toBe(
      'revoked',
    );
  });
});

describe('evaluatePolicy', () => {
  it('sends marketing with a granted consent inside the window, free-form', () => {
    expect(decide()).toEqual({ action: 'send', useTemplate: false });
  });

  it('refuses marketing without consent, or revoked after the grant', () => {
    expect(decide({ consent: consentView([]) })).toMatchObject({ code: 'no_consent' });
    const revoked = consentView([line('marketing', 'granted', 1), line('marketing', 'revoked', 2)]);
    expect(decide({ consent: revoked })).toMatchObject({ code: 'opted_out' });
    const stop = consentView([line('marketing', 'granted', 1), line('all', 'revoked', 2)]);
    expect(decide({ consent: stop })).toMatchObject({ code: 'opted_out' });
  });

  it('lets service replies go without marketing consent, but not after a STOP unless they wrote again', () => {
    const service = { purpose: 'service', consent: consentView([]) };
    expect(decide(service)).toEqual({ action: 'send', useTemplate: false });
    expect(decide({ ...service, lastInboundAt: null })).toMatchObject({ code: 'no_consent' });
    const stop = consentView([line('all', 'revoked', NOON - 2 * HOUR)]);
    expect(decide({ ...service, consent: stop, lastInboundAt: NOON - 3 * HOUR })).toMatchObject({
      code: 'opted_out',
    });
    // The STOP message itself is their last message: the one confirmation may go.
    expect(decide({ ...service, consent: stop, lastInboundAt: NOON - 2 * HOUR })).toMatchObject({
      action: 'send',
    });
  });

  it('refuses everything to a person who blocked the sender, until they unblock', () => {
    const blocked = [{ ...line('all', 'revoked', NOON - 2 * HOUR), source: 'blocked' }];
    const service = { purpose: 'service', lastInboundAt: NOON - 2 * HOUR };
    expect(decide({ ...service, consent: consentView(blocked) })).toMatchObject({
      code: 'opted_out',
      reason: 'the person blocked this sender',
    });
    const unblocked = consentView([...blocked, line('all', 'granted', NOON - HOUR)]);
    expect(decide({ ...service, consent: unblocked })).toMatchObject({ action: 'send' });
  });

  it('needs utility consent outside an open conversation', () => {
    const utility = { purpose: 'utility', consent: consentView([]), window: undefined };
    expect(decide(utility)).toMatchObject({ action: 'send' });
    expect(decide({ ...utility, lastInboundAt: NOON - 30 * HOUR })).toMatchObject({
      code: 'no_consent',
    });
    expect(
      decide({
        ...utility,
        lastInboundAt: null,
        consent: consentView([line('utility', 'granted', 1)]),
      }),
    ).toMatchObject({ action: 'send' });
  });

  it('uses the template outside the 24-hour window, refuses without one', () => {
    const outside = { lastInboundAt: NOON - 25 * HOUR };
    expect(decide(outside)).toEqual({ action: 'send', useTemplate: true });
    expect(decide({ ...outside, hasTemplate: false })).toMatchObject({
      code: 'window_closed',
      reason: 'outside the 24-hour window: a template is required',
    });
    expect(decide({ lastInboundAt: null })).toEqual({ action: 'send', useTemplate: true });
    // Messenger: no templates outside the window.
    expect(decide({ ...outside, window: { hours: 24, templatesOutside: false } })).toMatchObject({
      code: 'window_closed',
    });
    // Channels without a window (SMS, Telegram) never need a template.
    expect(decide({ ...outside, window: undefined, hasTemplate: false })).toEqual({
      action: 'send',
      useTemplate: false,
    });
    // A template-only message inside the window is sent as the template.
    expect(decide({ hasParts: false })).toEqual({ action: 'send', useTemplate: true });
  });

  it('applies frequency caps per purpose and window', () => {
    const counts = (day: number, week: number) => (windowMs: number) =>
      windowMs === 86_400_000 ? day : week;
    expect(decide({ sentInWindow: counts(1, 1) })).toMatchObject({ code: 'frequency_cap' });
    expect(decide({ sentInWindow: counts(0, 3) })).toMatchObject({
      code: 'frequency_cap',
      reason: 'cap reached: 3 marketing message(s) per 168 h',
    });
    expect(decide({ sentInWindow: counts(0, 2) })).toMatchObject({ action: 'send' });
    expect(decide({ purpose: 'service', sentInWindow: counts(9, 9) })).toMatchObject({
      action: 'send',
    });
  });

  it('defers marketing in the recipient’s quiet hours, never service replies', () => {
    // 22:30 in Paris (20:30 UTC in summer): wait until 08:00 Paris = 06:00 UTC next day.
    const late = Date.UTC(2026, 5, 1, 20, 30);
    expect(decide({ now: late, lastInboundAt: late - HOUR })).toEqual({
      action: 'defer',
      until: Date.UTC(2026, 5, 2, 6, 0),
      reason: 'quiet hours in Europe/Paris until 08:00',
    });
    expect(
      decide({
        now: late,
        lastInboundAt: late - HOUR,
        purpose: 'service',
        consent: consentView([]),
      }),
    ).toMatchObject({ action: 'send' });
    // Unknown zone: the brand default (UTC) decides: 20:30 UTC is not quiet.
    expect(
      decide({ now: late, lastInboundAt: late - HOUR, timeZone: 'Mars/Olympus' }),
    ).toMatchObject({ action: 'send' });
    // Noon UTC is 21:00 in Tokyo: quiet until 08:00 JST = 23:00 UTC.
    expect(decide({ timeZone: 'Asia/Tokyo' })).toMatchObject({
      action: 'defer',
      until: Date.UTC(2026, 5, 1, 23, 0),
    });
  });

  it('refuses suppressed, expired and empty messages first', () => {
    expect(decide({ suppressed: ['marketing'] })).toMatchObject({ code: 'suppressed' });
    expect(decide({ suppressed: ['all'], purpose: 'service' })).toMatchObject({
      code: 'suppressed',
    });
    expect(decide({ expiresAt: NOON })).toMatchObject({ code: 'expired' });
    expect(decide({ hasParts: false, hasTemplate: false })).toMatchObject({ code: 'empty' });
  });
});

describe('quiet hours', () => {
  const window = { start: '21:00', end: '08:00' };
  it('handles windows that wrap midnight and those that do not', () => {
    expect(quietHoursEnd(Date.UTC(2026, 0, 1, 7, 59, 30), 'UTC', window)).toBe(
      Date.UTC(2026, 0, 1, 8),
    );
    expect(quietHoursEnd(Date.UTC(2026, 0, 1, 8), 'UTC', window)).toBeNull();
    expect(quietHoursEnd(Date.UTC(2026, 0, 1, 20, 59), 'UTC', window)).toBeNull();
    expect(quietHoursEnd(Date.UTC(2026, 0, 1, 21), 'UTC', window)).toBe(Date.UTC(2026, 0, 2, 8));
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietHoursEnd(Date.UTC(2026, 0, 1, 13), 'UTC', lunch)).toBe(Date.UTC(2026, 0, 1, 14));
    expect(quietHoursEnd(Date.UTC(2026, 0, 1, 15), 'UTC', lunch)).toBeNull();
    expect(quietHoursEnd(0, 'Not/AZone', window)).toBeNull();
  });
  it('validates its configuration', () => {
    expect(() => policyConfigSchema.parse({ quietHours: { start: '25:00' } })).toThrow(/HH:MM/);
    expect(DEFAULT_POLICY.quietHours).toMatchObject({ start: '21:00', end: '08:00' });
  });
});
