import type { AppContext } from '../app-context.ts';
import { el } from '../dom.ts';
import { errorText, formStatus } from '../form-field.ts';
import type { BrandApi } from '../messaging-api.ts';
import { isOwner } from '../messaging-nav.ts';

/**
 * A contact's data rights from the conversation: download everything stored about them
 * (access/portability), and, for owners, erase it. Erasure keeps only a keyed hash of the
 * address where the person had opted out, so they are never messaged again by mistake.
 */
export function contactData(
  app: AppContext,
  api: BrandApi,
  domain: string,
  contactId: string,
  onErased: () => void,
): HTMLElement {
  const status = formStatus();
  const erase = isOwner(app, domain)
    ? el('button', {
        class: 'button small danger',
        text: 'Erase contact',
        attrs: { type: 'button' },
        on: {
          click: (event) => {
            if (
              !window.confirm(
                'Erase everything stored about this contact (messages, consents, memberships)? This cannot be undone.',
              )
            )
              return;
            const button = event.currentTarget as HTMLButtonElement;
            button.disabled = true;
            api.eraseContact(contactId).then(
              () => {
                app.announce('Contact erased.');
                onErased();
              },
              (error: unknown) => {
                button.disabled = false;
                status.error(`Not erased: ${errorText(error)}`);
              },
            );
          },
        },
      })
    : null;
  return el(
    'details',
    { class: 'contact-data' },
    el('summary', { text: 'Contact data' }),
    el('p', { class: 'hint', text: `Contact id: ${contactId}` }),
    el(
      'div',
      { class: 'form-actions' },
      el('a', {
        class: 'button small subtle',
        text: 'Export data (JSON)',
        attrs: { href: api.exportUrl(contactId), download: `contact-${contactId}.json` },
      }),
      erase,
    ),
    status.element,
  );
}
