import type { StoredEvent } from '../stored-event.ts';

let counter = 0;

/**
 * A complete, valid event with a fresh id; override what a test cares about. Shared by the
 * conformance suite and by tests elsewhere that need realistic rows.
 */
export function sampleEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  counter++;
  return {
    id: `ev-${counter.toString().padStart(8, '0')}`,
    site_id: 'site-a',
    ts: 1_767_225_600_000 + counter,
    name: 'pageview',
    hostname: 'example.com',
    path: '/articles/budget-vote',
    referrer_host: '',
    class: 'dark_social',
    channel: 'whatsapp',
    confidence: 'certain',
    rule: 'R3.in_app',
    ga4: 'Direct',
    visitor_id: `v-${counter % 7}`,
    session_id: `s-${counter % 11}`,
    view_token: `t${counter}`,
    parent_token: '',
    share_channel: '',
    engaged_ms: 0,
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
    country: 'FR',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    props: '',
    ...overrides,
  };
}
