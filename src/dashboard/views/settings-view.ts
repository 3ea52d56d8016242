import type { AppContext, View } from '../app-context.ts';
import { el } from '../dom.ts';
import { errorText, formStatus } from '../form-field.ts';
import { defaultQuery, formatHash } from '../route.ts';
import { trackerSnippet } from '../tracker-snippet.ts';
import { goalsEditor } from './goals-editor.ts';
import { settingsForm } from './settings-form.ts';
import { shareLinkBuilder } from './share-link-builder.ts';

/** One site's page: snippet, settings, goals, share links, and removing the site. */
export function settingsView(app: AppContext, domain: string): View {
  const site = app.me?.sites.find((s) => s.domain === domain);
  if (!site) {
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
  const status = formStatus();
  const remove = el('button', {
    class: 'button danger',
    text: `Remove ${domain}`,
    attrs: { type: 'button' },
    on: {
      click: () => {
        if (
          !window.confirm(`Remove ${domain} and stop showing its numbers? This cannot be undone.`)
        )
          return;
        app.api
          .delete(`/sites/${encodeURIComponent(domain)}`)
          .then(() => app.refreshMe())
          .then(
            () => {
              app.announce(`Removed ${domain}.`);
              app.navigate({ view: 'sites' });
            },
            (error: unknown) => status.error(errorText(error)),
          );
      },
    },
  });
  return {
    element: el(
      'div',
      { class: 'settings' },
      el(
        'div',
        { class: 'site-heading' },
        el('h1', { text: `${domain} settings` }),
        el('a', {
          class: 'button small subtle',
          text: 'Dashboard',
          attrs: { href: formatHash({ view: 'overview', domain, query: defaultQuery() }) },
        }),
      ),
      el(
        'section',
        { class: 'card', attrs: { 'aria-labelledby': 'snippet-title' } },
        el('h2', { text: 'Tracker snippet', attrs: { id: 'snippet-title' } }),
        el('p', { text: 'Put this tag in the <head> of every page:' }),
        trackerSnippet(domain),
      ),
      // Viewers read; admins and owners change settings, goals and links (the server checks too).
      site.role === 'viewer'
        ? el('p', {
            class: 'card',
            text: 'You can view this site; an owner or admin changes its settings.',
          })
        : null,
      site.role === 'viewer' ? null : settingsForm(app, site),
      site.role === 'viewer' ? null : goalsEditor(app, domain),
      site.role === 'viewer' ? null : shareLinkBuilder(app, domain),
      site.role === 'owner'
        ? el(
            'section',
            { class: 'card danger-zone', attrs: { 'aria-labelledby': 'danger-title' } },
            el('h2', { text: 'Remove the site', attrs: { id: 'danger-title' } }),
            remove,
            status.element,
          )
        : null,
    ),
    teardown() {},
  };
}
