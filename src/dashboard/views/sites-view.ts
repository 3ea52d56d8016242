import type { CreateSiteRequest, SiteSummary } from '../../server/api-types.ts';
import type { AppContext, View } from '../app-context.ts';
import { el } from '../dom.ts';
import { errorText, field, formStatus } from '../form-field.ts';
import { formatHash } from '../route.ts';
import { trackerSnippet } from '../tracker-snippet.ts';

/** The caller's sites: open, configure, remove; add one; each with its tracker snippet. */
export function sitesView(app: AppContext): View {
  const sites = app.me?.sites ?? [];
  const domain = el('input', {
    attrs: {
      type: 'text',
      name: 'domain',
      required: true,
      placeholder: 'example.com',
      autocomplete: 'off',
      id: 'new-site',
    },
  });
  const status = formStatus();
  const form = el(
    'form',
    { class: 'card inline-form', attrs: { 'aria-labelledby': 'add-site-title' } },
    el('h2', { text: 'Add a site', attrs: { id: 'add-site-title' } }),
    field('Domain', domain, 'The host name your pages are served from, without https://.'),
    el('button', { class: 'button primary', text: 'Add site', attrs: { type: 'submit' } }),
    status.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: CreateSiteRequest = { domain: domain.value.trim().toLowerCase() };
    app.api.post<SiteSummary>('/sites', body).then(
      // The server normalises the name (`https://www.Example.com/` → `example.com`).
      (site) =>
        app.refreshMe().then(() => {
          app.announce(`Added ${site.domain}.`);
          app.navigate({ view: 'settings', domain: site.domain });
        }),
      (error: unknown) => status.error(errorText(error)),
    );
  });

  const list = sites.length
    ? el(
        'ul',
        { class: 'site-list' },
        ...sites.map((site) =>
          el(
            'li',
            { class: 'card site-card', attrs: { 'data-site': site.domain } },
            el(
              'div',
              { class: 'site-card-head' },
              el(
                'h2',
                {},
                el('a', {
                  text: site.domain,
                  attrs: {
                    href: formatHash({
                      view: 'overview',
                      domain: site.domain,
                      query: {
                        range: '30d',
                        from: '',
                        to: '',
                        filters: [],
                        compare: false,
                        cascade: '',
                      },
                    }),
                  },
                }),
              ),
              el('span', { class: 'badge', text: site.role }),
              el('a', {
                class: 'button small subtle',
                text: 'Settings',
                attrs: {
                  href: formatHash({ view: 'settings', domain: site.domain }),
                  'aria-label': `Settings of ${site.domain}`,
                },
              }),
            ),
            trackerSnippet(site.domain),
          ),
        ),
      )
    : el('p', { class: 'empty', text: 'No sites yet: add the first one below.' });

  return {
    element: el('div', { class: 'sites' }, el('h1', { text: 'Sites' }), list, form),
    teardown() {},
  };
}
