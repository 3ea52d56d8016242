import type { OutboxRecord } from '../../store/hub-records.ts';
import type { AppContext, View } from '../app-context.ts';
import { dataTable } from '../data-table.ts';
import { el, replace } from '../dom.ts';
import { errorText, formStatus } from '../form-field.ts';
import { brandApi } from '../messaging-api.ts';
import {
  channelLabel,
  contactHandle,
  errorSummary,
  formatWhen,
  outboxText,
} from '../messaging-format.ts';
import { canWrite, messagingHeader, siteNotFound } from '../messaging-nav.ts';

/**
 * Messages the outbox gave up on (permanent provider errors, retries exhausted), with the
 * provider's reason, and a way to queue one again once the cause is fixed.
 */
export function deadLettersView(app: AppContext, domain: string): View {
  const missing = siteNotFound(app, domain);
  if (missing) return missing;
  const api = brandApi(app.api, domain);
  const writable = canWrite(app, domain);
  const status = formStatus();
  const body = el(
    'div',
    { class: 'dead-letters-body' },
    el('p', { class: 'loading', text: 'Loading…' }),
  );
  let alive = true;

  const requeue = (row: OutboxRecord) =>
    el('button', {
      class: 'button small',
      text: 'Requeue',
      attrs: {
        type: 'button',
        'data-requeue': row.id,
        'aria-label': `Requeue the message to ${contactHandle(row.conversationKey)}`,
      },
      on: {
        click: (event) => {
          const button = event.currentTarget as HTMLButtonElement;
          button.disabled = true;
          api.requeue(row.id).then(
            () => {
              status.ok(`Queued again: the message to ${contactHandle(row.conversationKey)}.`);
              app.announce('Message queued again.');
              void load();
            },
            (error: unknown) => {
              button.disabled = false;
              status.error(`Not requeued: ${errorText(error)}`);
            },
          );
        },
      },
    });

  const draw = (rows: OutboxRecord[]) => {
    if (rows.length === 0) {
      replace(
        body,
        el('p', {
          class: 'empty',
          text: 'No dead letters: every message went out or is on its way.',
        }),
      );
      return;
    }
    const now = Date.now();
    replace(
      body,
      dataTable<OutboxRecord>(
        'Dead letters',
        [
          { label: 'Contact', cell: (row) => contactHandle(row.conversationKey) },
          { label: 'Channel', cell: (row) => channelLabel(row.channel) },
          {
            label: 'Message',
            cell: (row) => el('span', { class: 'message-text', text: outboxText(row.message) }),
          },
          {
            label: 'Why',
            cell: (row) => el('span', { class: 'error-text', text: errorSummary(row.lastError) }),
          },
          { label: 'Attempts', cell: (row) => row.attempts, numeric: true },
          { label: 'Last try', cell: (row) => formatWhen(row.updatedAt, now) },
          ...(writable ? [{ label: 'Action', cell: (row: OutboxRecord) => requeue(row) }] : []),
        ],
        rows,
      ),
    );
  };

  const load = async () => {
    try {
      const rows = await api.deadLetters();
      if (alive) draw(rows);
    } catch (error) {
      if (alive)
        replace(
          body,
          el('p', {
            class: 'error',
            attrs: { role: 'alert' },
            text: `Could not load the dead letters: ${errorText(error)}`,
          }),
        );
    }
  };
  void load();

  return {
    element: el(
      'div',
      { class: 'messaging dead-letters' },
      messagingHeader(domain, 'dead-letters'),
      el(
        'section',
        { class: 'card', attrs: { 'aria-label': 'Dead letters' } },
        el(
          'p',
          { class: 'hint' },
          'Requeueing sends a message again with fresh attempts, through the same consent and window checks; fix the cause first.',
        ),
        el('button', {
          class: 'button small subtle',
          text: 'Refresh',
          attrs: { type: 'button' },
          on: { click: () => void load() },
        }),
        body,
        status.element,
      ),
    ),
    teardown() {
      alive = false;
    },
  };
}
