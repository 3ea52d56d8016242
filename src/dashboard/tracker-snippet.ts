import { el } from './dom.ts';
import { copyText } from './form-field.ts';

/** The tag a site puts on its pages. */
export const snippetFor = (origin: string, domain: string): string =>
  `<script defer src="${origin}/p.js" data-site="${domain}"></script>`;

/** The snippet as readable code (text, never markup) with a Copy button. */
export function trackerSnippet(domain: string): HTMLElement {
  const text = snippetFor(location.origin, domain);
  const status = el('span', {
    class: 'copy-status',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const button = el('button', {
    class: 'button small',
    text: 'Copy',
    attrs: { type: 'button', 'aria-label': `Copy the tracker snippet for ${domain}` },
    on: {
      click: () =>
        copyText(text, (ok) => {
          status.textContent = ok ? 'Copied.' : 'Select the code and copy it.';
        }),
    },
  });
  return el(
    'div',
    { class: 'snippet' },
    el('pre', {}, el('code', { text })),
    el('div', { class: 'snippet-actions' }, button, status),
  );
}
