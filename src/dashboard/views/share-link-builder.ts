import type { CreateShareLinkRequest, ShareLinkResponse } from '../../server/api-types.ts';
import type { AppContext } from '../app-context.ts';
import { el, replace } from '../dom.ts';
import { copyText, errorText, field, formStatus } from '../form-field.ts';

const CHANNELS = [
  '',
  'whatsapp',
  'telegram',
  'messenger',
  'signal',
  'sms',
  'email',
  'slack',
  'discord',
  'line',
  'viber',
  'wechat',
];

/** Builds a tracked short link for sharing in a channel: POST /api/links. */
export function shareLinkBuilder(app: AppContext, domain: string): HTMLElement {
  const url = el('input', {
    attrs: { type: 'url', required: true, value: `https://${domain}/`, id: 'link-url' },
  });
  const channel = el(
    'select',
    { attrs: { id: 'link-channel' } },
    ...CHANNELS.map((name) =>
      el('option', { text: name || 'Any channel', attrs: { value: name } }),
    ),
  );
  const campaign = el('input', { attrs: { type: 'text', maxlength: 100, id: 'link-campaign' } });
  const utm = el('input', { attrs: { type: 'checkbox', id: 'link-utm' } });
  const result = el('div', { class: 'link-result', attrs: { 'aria-live': 'polite' } });
  const status = formStatus();
  const form = el(
    'form',
    { class: 'inline-form', attrs: { 'aria-label': 'Make a share link' } },
    field('Page URL', url),
    field('Channel', channel),
    field('Campaign', campaign),
    el(
      'div',
      { class: 'field checkbox' },
      utm,
      el('label', { text: 'Add utm_ parameters', attrs: { for: 'link-utm' } }),
    ),
    el('button', { class: 'button primary', text: 'Make link', attrs: { type: 'submit' } }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.clear();
    const body: CreateShareLinkRequest = {
      url: url.value.trim(),
      channel: channel.value,
      campaign: campaign.value.trim(),
      utm: utm.checked,
    };
    app.api.post<ShareLinkResponse>('/links', body).then(
      (link) => {
        const copied = el('span', { attrs: { role: 'status' } });
        replace(
          result,
          el('code', { class: 'short-url', text: link.short_url }),
          el('button', {
            class: 'button small',
            text: 'Copy',
            attrs: { type: 'button', 'aria-label': 'Copy the short link' },
            on: {
              click: () =>
                copyText(link.short_url, (ok) => {
                  copied.textContent = ok ? 'Copied.' : 'Select and copy it.';
                }),
            },
          }),
          copied,
        );
      },
      (error: unknown) => status.error(errorText(error)),
    );
  });
  return el(
    'section',
    { class: 'card', attrs: { 'aria-labelledby': 'links-title' } },
    el('h2', { text: 'Share links', attrs: { id: 'links-title' } }),
    el('p', {
      text: 'A short link that counts clicks and link previews, for a newsletter, a chat or a QR code.',
    }),
    form,
    result,
    status.element,
  );
}
