import { type Child, el, replace } from './dom.ts';
import { restorePendingFocus } from './focus-keeper.ts';

export interface PanelFrame {
  section: HTMLElement;
  body: HTMLElement;
  /** Shows the skeleton (the panel's own data has not arrived yet). */
  loading(): void;
  failed(message: string): void;
  show(...children: Child[]): void;
  /** Offers "Download CSV" for the panel's current data (null hides the button). */
  exportWith(download: (() => void) | null): void;
}

let nextId = 0;

/**
 * A titled card for one panel: skeleton while its request is out, the content when it arrives,
 * or the error; `aria-busy` tells assistive technology which state it is in.
 */
export function panelFrame(name: string, title: string, wide = false): PanelFrame {
  const headingId = `panel-${name}-${++nextId}`;
  const body = el('div', { class: 'panel-body' });
  const exportButton = el('button', {
    class: 'button small export',
    text: 'Download CSV',
    attrs: {
      type: 'button',
      hidden: true,
      'data-key': `export-${name}`,
      'aria-label': `Download ${title} as CSV`,
    },
  });
  let download: (() => void) | null = null;
  exportButton.addEventListener('click', () => download?.());
  const section = el(
    'section',
    {
      class: wide ? 'panel wide' : 'panel',
      attrs: { 'aria-labelledby': headingId, 'data-panel': name, 'aria-busy': 'true' },
    },
    el(
      'header',
      { class: 'panel-head' },
      el('h2', { text: title, attrs: { id: headingId } }),
      exportButton,
    ),
    body,
  );
  const frame: PanelFrame = {
    section,
    body,
    loading() {
      section.setAttribute('aria-busy', 'true');
      replace(
        body,
        el(
          'div',
          { class: 'skeleton', attrs: { 'aria-hidden': 'true' } },
          el('span'),
          el('span'),
          el('span'),
        ),
        el('p', { class: 'visually-hidden', text: `Loading ${title}…` }),
      );
    },
    failed(message) {
      section.setAttribute('aria-busy', 'false');
      replace(
        body,
        el('p', { class: 'error', attrs: { role: 'alert' }, text: `Could not load: ${message}` }),
      );
    },
    show(...children) {
      section.setAttribute('aria-busy', 'false');
      replace(body, ...children);
      restorePendingFocus();
    },
    exportWith(fn) {
      download = fn;
      exportButton.hidden = fn === null;
      restorePendingFocus();
    },
  };
  frame.loading();
  return frame;
}
