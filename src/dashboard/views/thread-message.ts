import { el } from '../dom.ts';
import { authorLabel, formatWhen, outboxStateLabel } from '../messaging-format.ts';
import type { ThreadEntry } from '../thread-timeline.ts';

/** One message of a thread: who (the agent as the brand), when, its delivery state, its text. */
export function threadMessage(entry: ThreadEntry, brand: string, now: number): HTMLLIElement {
  const state = entry.state ? outboxStateLabel(entry.state) : null;
  return el(
    'li',
    { class: `message ${entry.direction}`, attrs: { 'data-message': entry.id } },
    el(
      'p',
      { class: 'message-meta' },
      el('span', { class: 'author', text: authorLabel(entry.author, brand) }),
      ' · ',
      el('time', {
        text: formatWhen(entry.at, now),
        attrs: { datetime: new Date(entry.at).toISOString() },
      }),
      state
        ? el('span', {
            class: `state-badge tone-${state.tone}`,
            text: state.label,
            attrs: { 'data-state': entry.state },
          })
        : null,
    ),
    // textContent only: a contact's message is shown exactly as typed, never as markup.
    el('p', { class: 'message-text', text: entry.text }),
  );
}
