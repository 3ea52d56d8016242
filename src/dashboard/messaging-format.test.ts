import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../store/hub-records.ts';
import {
  agentIdFor,
  authorLabel,
  channelLabel,
  contactHandle,
  errorSummary,
  outboxStateLabel,
  outboxText,
  parseTemplateParams,
  partsText,
  reportText,
  scheduleTime,
} from './messaging-format.ts';

describe('messaging format', () => {
  it('names channels and the contact of a conversation key', () => {
    expect(channelLabel('whatsapp')).toBe('WhatsApp');
    expect(channelLabel('carrier-pigeon')).toBe('carrier-pigeon');
    expect(contactHandle('whatsapp:106540352242922:33600000001')).toBe('33600000001');
    // Email user ids and web chat sessions may hold colons themselves.
    expect(contactHandle('webchat:site:a:b')).toBe('a:b');
    expect(contactHandle('odd')).toBe('odd');
  });

  it('labels every outbox state with a tone, and unknown ones as they are', () => {
    expect(outboxStateLabel('dead')).toEqual({ label: 'Dead letter', tone: 'bad' });
    expect(outboxStateLabel('read')).toEqual({ label: 'Read', tone: 'ok' });
    expect(outboxStateLabel('queued').tone).toBe('pending');
    expect(outboxStateLabel('later')).toEqual({ label: 'later', tone: 'muted' });
  });

  it('writes inbound and outbound parts as text lines, keeping markup as typed', () => {
    const parts: JsonValue = [
      { type: 'text', text: '<img src=x onerror=alert(1)>' },
      { type: 'media', mediaKind: 'image', ref: { id: 'm1' }, caption: 'my fridge' },
      { type: 'choice', choiceId: 'c1', title: 'Yes please' },
      { type: 'location', lat: 1.5, lng: 2, name: '' },
      {
        type: 'choices',
        prompt: 'Pick one',
        options: [
          { id: 'a', title: 'A' },
          { id: 'b', title: 'B' },
        ],
      },
      { type: 'sticker-pack' },
    ];
    expect(partsText(parts).split('\n')).toEqual([
      '<img src=x onerror=alert(1)>',
      '[image] my fridge',
      '[chose] Yes please',
      '[location] 1.5, 2',
      'Pick one [A | B]',
      '[sticker-pack]',
    ]);
    expect(partsText({ not: 'an array' })).toBe('');
    expect(partsText([{ type: 'media', url: 'https://x', mime: 'video/mp4' }])).toBe('[video]');
  });

  it('falls back to the template name for a template-only outbox message', () => {
    expect(
      outboxText({ parts: [], template: { name: 'weekly', language: 'en', params: {} } }),
    ).toBe('[template] weekly');
    expect(outboxText({ parts: [{ type: 'text', text: 'hi' }], author: 'assistant' })).toBe('hi');
    expect(outboxText(null)).toBe('');
  });

  it('says who wrote a message, the agent as the brand the contact saw', () => {
    expect(authorLabel('contact', 'acme.example')).toBe('Contact');
    expect(authorLabel('agent:ana@acme.example', 'acme.example')).toBe(
      'ana@acme.example (as acme.example)',
    );
    expect(authorLabel('assistant', 'acme.example')).toBe('Assistant');
  });

  it('summarises a classified provider error', () => {
    expect(errorSummary({ kind: 'permanent', code: '131026', detail: 'undeliverable' })).toBe(
      'permanent (131026): undeliverable',
    );
    expect(
      errorSummary({ kind: 'window_closed', detail: 'x', reason: 'outside the 24-hour window' }),
    ).toBe('window closed: outside the 24-hour window');
    expect(errorSummary(null)).toBe('');
    expect(errorSummary('boom')).toBe('boom');
  });

  it('derives an agent id the API accepts from any email', () => {
    expect(agentIdFor('ana@acme.example')).toBe('ana@acme.example');
    expect(agentIdFor('ana+team@acme.example')).toBe('ana-team@acme.example');
    expect(agentIdFor('x'.repeat(150))).toHaveLength(100);
    expect(agentIdFor('')).toBe('agent');
    expect(agentIdFor('ana+team@acme.example')).toMatch(/^[\w.@-]{1,100}$/);
  });

  it('reads template parameters and refuses lines without a name', () => {
    expect(parseTemplateParams('1=Shakshuka\n\n dish = eggs = yes ')).toEqual({
      ok: true,
      params: { '1': 'Shakshuka', dish: 'eggs = yes' },
    });
    expect(parseTemplateParams('1=a\n=b')).toEqual({
      ok: false,
      error: 'line 2: write name=value',
    });
    expect(parseTemplateParams('')).toEqual({ ok: true, params: {} });
  });

  it('turns a datetime-local value into a time, empty into now', () => {
    expect(scheduleTime('')).toBeUndefined();
    expect(scheduleTime('not a date')).toBeNull();
    expect(scheduleTime('2026-12-01T09:30')).toBe(new Date(2026, 11, 1, 9, 30).getTime());
  });

  it('reports a broadcast: queued, refused by reason, and when it is scheduled', () => {
    const broadcast = {
      id: 'b1',
      brandId: 'x',
      communityId: 'c',
      campaign: 'winter',
      content: null,
      notBefore: 1_000,
      createdAt: 1_000,
      recipients: 4,
    };
    expect(reportText({ broadcast, queued: 3, refused: { no_consent: 1 } }, 1_000)).toBe(
      'Queued 3 of 4 member(s); refused: no consent × 1.',
    );
    const later = { ...broadcast, notBefore: Date.UTC(2026, 11, 1, 9) };
    expect(reportText({ broadcast: later, queued: 4, refused: {} }, 0)).toMatch(
      /^Queued 4 of 4 member\(s\) for Dec 1, 2026/,
    );
  });
});
