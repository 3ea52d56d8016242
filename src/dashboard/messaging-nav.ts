import type { AppContext, View } from './app-context.ts';
import { el } from './dom.ts';
import { MESSAGING_VIEWS, type MessagingView } from './messaging-views.ts';
import { defaultQuery, formatHash } from './route.ts';

const LABELS: Record<MessagingView, string> = {
  inbox: 'Inbox',
  'dead-letters': 'Dead letters',
  communities: 'Communities',
};

/** `#/site/<domain>/inbox` and its siblings (the same shape as `…/settings`). */
export const messagingHash = (domain: string, view: MessagingView): string =>
  `#/site/${encodeURIComponent(domain)}/${view}`;

/** The heading of a messaging page and the links between its three views. */
export function messagingHeader(domain: string, current: MessagingView): HTMLElement {
  return el(
    'div',
    { class: 'site-heading messaging-heading' },
    el('h1', { text: `${LABELS[current]} · ${domain}` }),
    el(
      'nav',
      { class: 'messaging-tabs', attrs: { 'aria-label': 'Messaging' } },
      ...MESSAGING_VIEWS.map((view) =>
        el('a', {
          class: 'button small subtle',
          text: LABELS[view],
          attrs: {
            href: messagingHash(domain, view),
            'aria-current': view === current ? 'page' : null,
          },
        }),
      ),
      el('a', {
        class: 'button small subtle',
        text: 'Dashboard',
        attrs: { href: formatHash({ view: 'overview', domain, query: defaultQuery() }) },
      }),
    ),
  );
}

/** The page for a domain the person has no access to (the API would answer 404 anyway). */
export function siteNotFound(app: AppContext, domain: string): View | null {
  if (app.me?.sites.some((site) => site.domain === domain)) return null;
  return {
    element: el(
      'div',
      {},
      el('h1', { text: 'Site not found' }),
      el('p', {}, el('a', { text: 'Back to your sites', attrs: { href: '#/sites' } })),
    ),
    teardown() {},
  };
}

/** Whether the signed-in person may change things on this brand (the server checks too). */
export const canWrite = (app: AppContext, domain: string): boolean =>
  app.me?.sites.some((site) => site.domain === domain && site.role !== 'viewer') ?? false;

/** Erasing a contact is for owners only (the server checks too). */
export const isOwner = (app: AppContext, domain: string): boolean =>
  app.me?.sites.some((site) => site.domain === domain && site.role === 'owner') ?? false;

/** A fresh id per reply or broadcast; getRandomValues also works outside secure contexts. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
