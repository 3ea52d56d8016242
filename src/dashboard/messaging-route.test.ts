import { describe, expect, it } from 'vitest';
import { messagingHash } from './messaging-nav.ts';
import { MESSAGING_VIEWS } from './messaging-views.ts';
import { formatHash, parseHash } from './route.ts';

describe('messaging routes', () => {
  it('reads and writes the inbox, dead letters and communities of a site', () => {
    for (const view of MESSAGING_VIEWS) {
      const hash = `#/site/acme.example/${view}`;
      expect(parseHash(hash, 'app')).toEqual({ view, domain: 'acme.example' });
      expect(formatHash({ view, domain: 'acme.example' })).toBe(hash);
      expect(messagingHash('acme.example', view)).toBe(hash);
    }
    expect(parseHash('#/site/caf%C3%A9.example/inbox', 'app')).toEqual({
      view: 'inbox',
      domain: 'café.example',
    });
    expect(formatHash({ view: 'communities', domain: 'café.example' })).toBe(
      '#/site/caf%C3%A9.example/communities',
    );
  });

  it('leaves other paths as they were, and public dashboards without them', () => {
    expect(parseHash('#/site/acme.example/outbox', 'app').view).toBe('overview');
    expect(parseHash('#/site/acme.example/settings', 'app').view).toBe('settings');
    expect(parseHash('#/site/acme.example/inbox', 'public').view).toBe('overview');
  });
});
