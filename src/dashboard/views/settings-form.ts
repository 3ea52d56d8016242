import type { SiteSummary, UpdateSiteRequest } from '../../server/api-types.ts';
import type { AppContext } from '../app-context.ts';
import { el, replace } from '../dom.ts';
import { errorText, field, formStatus } from '../form-field.ts';

const lines = (text: string) =>
  text
    .split(/\r?\n|,/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The site's settings form: domains, deep-link depth, sections, exclusions, DNT, public link. */
export function settingsForm(app: AppContext, site: SiteSummary): HTMLElement {
  const s = site.settings;
  const textarea = (id: string, values: string[]) =>
    el('textarea', { text: values.join('\n'), attrs: { id, rows: 3, spellcheck: 'false' } });
  const extraDomains = textarea('set-domains', s.extraDomains);
  const depth = el('input', {
    attrs: { type: 'number', id: 'set-depth', min: 0, max: 10, step: 1, value: s.deepLinkDepth },
  });
  const sections = textarea('set-sections', s.sectionPaths);
  const excluded = textarea('set-excluded', s.excludedPaths);
  const dnt = el('input', {
    attrs: { type: 'checkbox', id: 'set-dnt', checked: s.respectDoNotTrack },
  });
  const publicLink = el('input', {
    attrs: { type: 'checkbox', id: 'set-public', checked: s.publicSlug !== null },
  });
  const publicUrl = el('p', { class: 'public-url', attrs: { 'aria-live': 'polite' } });
  const showPublic = (slug: string | null) => {
    const url = slug ? `${location.origin}/public/${encodeURIComponent(slug)}` : '';
    replace(
      publicUrl,
      slug
        ? el('a', { text: url, attrs: { href: url, rel: 'noopener' } })
        : 'The public link is off.',
    );
  };
  showPublic(s.publicSlug);
  const status = formStatus();
  const form = el(
    'form',
    { class: 'card settings-form', attrs: { 'aria-labelledby': 'settings-title' } },
    el('h2', { text: 'Tracking settings', attrs: { id: 'settings-title' } }),
    field(
      'Other domains of this site',
      extraDomains,
      'One per line, e.g. www.example.com or a staging host.',
    ),
    field(
      'Deep-link depth',
      depth,
      'A direct visit to a page this many path segments deep or more counts as a likely private share.',
    ),
    field(
      'Section pages',
      sections,
      'Paths that are section fronts (not deep links), one per line, e.g. /sport.',
    ),
    field(
      'Excluded paths',
      excluded,
      'Never tracked, one per line; * matches any run of characters.',
    ),
    el(
      'div',
      { class: 'field checkbox' },
      dnt,
      el('label', {
        text: 'Respect Do Not Track and Global Privacy Control',
        attrs: { for: 'set-dnt' },
      }),
    ),
    el(
      'div',
      { class: 'field checkbox' },
      publicLink,
      el('label', { text: 'Public read-only dashboard link', attrs: { for: 'set-public' } }),
    ),
    publicUrl,
    el('button', { class: 'button primary', text: 'Save settings', attrs: { type: 'submit' } }),
    status.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: UpdateSiteRequest = {
      extraDomains: lines(extraDomains.value),
      deepLinkDepth: Math.max(0, Math.round(Number(depth.value) || 0)),
      sectionPaths: lines(sections.value),
      excludedPaths: lines(excluded.value),
      respectDoNotTrack: dnt.checked,
      publicLink: publicLink.checked,
    };
    app.api.patch<SiteSummary>(`/sites/${encodeURIComponent(site.domain)}`, body).then(
      (updated) => {
        showPublic(updated?.settings?.publicSlug ?? null);
        status.ok('Saved.');
        void app.refreshMe();
      },
      (error: unknown) => status.error(errorText(error)),
    );
  });
  return form;
}
