import { describe, expect, it } from 'vitest';
import { matchConsentKeyword } from './consent-keywords.ts';
import { keywordConsent } from './keyword-consent.ts';

describe('consent keywords (EN / FR / ES), whole message only', () => {
  it.each([
    // English: carrier/Twilio defaults and the AWS required list
    ['STOP', 'opt_out'],
    ['stop', 'opt_out'],
    [' Stop! ', 'opt_out'],
    ['STOPALL', 'opt_out'],
    ['stop all', 'opt_out'],
    ['Unsubscribe.', 'opt_out'],
    ['cancel', 'opt_out'],
    ['END', 'opt_out'],
    ['quit', 'opt_out'],
    ['opt-out', 'opt_out'],
    ['OPT OUT', 'opt_out'],
    ['optout', 'opt_out'],
    ['remove', 'opt_out'],
    ['🛑 STOP', 'opt_out'],
    ['START', 'opt_in'],
    ['unstop', 'opt_in'],
    ['Yes', 'opt_in'],
    ['HELP', 'help'],
    ['info?', 'help'],
    // French
    ['ARRET', 'opt_out'],
    ['arrêt', 'opt_out'],
    ['Arrête', 'opt_out'],
    ['ARRETT', 'opt_out'],
    ['désabonner', 'opt_out'],
    ['AIDE', 'help'],
    // Spanish
    ['BAJA', 'opt_out'],
    ['baja.', 'opt_out'],
    ['Alto', 'opt_out'],
    ['PARAR', 'opt_out'],
    ['cancelar', 'opt_out'],
    ['detener', 'opt_out'],
    ['desuscribir', 'opt_out'],
    ['AYUDA', 'help'],
    ['ayúda', 'help'],
  ])('%j → %s', (text, action) => {
    expect(matchConsentKeyword(text)?.action).toBe(action);
  });

  it.each([
    'please stop sending recipes I love them',
    'STOP PLEASE',
    'arrêtez les messages svp',
    'baja la temperatura del horno',
  ])('%j is not a keyword, only worth a human look', (text) => {
    expect(matchConsentKeyword(text)?.action).toBe('review');
  });

  it.each([
    'no',
    'No',
    'stopwatch',
    'started',
    'help me cook pasta',
    'yes please',
    'cancel my order',
    '',
    '   ',
    '!!!',
  ])('%j changes nothing', (text) => {
    const match = matchConsentKeyword(text);
    expect(match === undefined || match.action === 'review').toBe(true);
    expect(['opt_out', 'opt_in', 'help']).not.toContain(match?.action);
  });

  it('keyword messages add a consent event; messages with more parts do not', () => {
    const from = {
      channel: 'whatsapp' as const,
      provider: 'meta' as const,
      endpointId: 'e',
      userId: 'u',
    };
    const base = {
      kind: 'message' as const,
      id: { provider: 'meta' as const, value: 'wamid.1' },
      at: 1,
      from,
      conversationKey: 'k',
    };
    expect(keywordConsent({ ...base, parts: [{ type: 'text', text: 'Arrêt' }] })).toEqual({
      kind: 'consent',
      id: { provider: 'meta', value: 'wamid.1#consent' },
      at: 1,
      from,
      action: 'opt_out',
      scope: 'all',
      via: 'keyword',
    });
    expect(
      keywordConsent({
        ...base,
        parts: [
          { type: 'text', text: 'STOP' },
          { type: 'location', lat: 0, lng: 0 },
        ],
      }),
    ).toBeUndefined();
    expect(
      keywordConsent({ ...base, parts: [{ type: 'text', text: 'please stop' }] }),
    ).toBeUndefined();
    // YES opts back in on SMS only; in a chat it answers questions.
    expect(keywordConsent({ ...base, parts: [{ type: 'text', text: 'Yes' }] })).toBeUndefined();
    expect(keywordConsent({ ...base, parts: [{ type: 'text', text: 'START' }] })?.action).toBe(
      'opt_in',
    );
    const sms = {
      ...base,
      from: { ...from, channel: 'sms' as const, provider: 'twilio' as const },
    };
    expect(keywordConsent({ ...sms, parts: [{ type: 'text', text: 'Yes' }] })?.action).toBe(
      'opt_in',
    );
  });
});
