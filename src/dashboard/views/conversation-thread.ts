import type { Conversation, OutboxRecord } from '../../store/hub-records.ts';
import { ApiError } from '../api-client.ts';
import type { AppContext } from '../app-context.ts';
import { el, replace } from '../dom.ts';
import { errorText, formStatus } from '../form-field.ts';
import { ALL_OUTBOX_STATES, type BrandApi } from '../messaging-api.ts';
import { agentIdFor, channelLabel, contactHandle, outboxStateLabel } from '../messaging-format.ts';
import { newRequestId } from '../messaging-nav.ts';
import { mergeThread, replyWindow } from '../thread-timeline.ts';
import { contactData } from './contact-data.ts';
import { threadMessage } from './thread-message.ts';

export interface ThreadOptions {
  app: AppContext;
  api: BrandApi;
  domain: string;
  conversation: Conversation;
  writable: boolean;
  /** After an assignment or a hand-back, with the conversation as the server now has it. */
  onChanged(conversation: Conversation): void;
  /** After the contact's data was erased (the conversation is gone). */
  onErased(): void;
}

export interface ThreadPane {
  element: HTMLElement;
  /** Reads the messages again (the inbox polls); `force` also re-reads the outbox. */
  refresh(force?: boolean): Promise<void>;
  /** The conversation as the list last read it (its mode may have changed elsewhere). */
  update(conversation: Conversation): void;
  teardown(): void;
}

/** Outbox states that will change soon (the thread keeps reading the outbox meanwhile). */
const PENDING = new Set(['queued', 'sending', 'unknown']);

/**
 * One conversation: its messages (ours with their delivery state), who answers it (the
 * assistant or a person), and, for the person it is assigned to, a reply box. Replies go out
 * under the brand through the same outbox as everything else; the agent's id is internal.
 */
export function conversationThread(options: ThreadOptions): ThreadPane {
  const { app, api, domain } = options;
  let conversation = options.conversation;
  const me = agentIdFor(app.me?.user.email ?? '');
  const list = el('ol', { class: 'thread', attrs: { 'aria-label': 'Messages' } });
  const head = el('div', { class: 'thread-head' });
  const windowNote = el('p', { class: 'window-note' });
  const status = formStatus();
  const replyBox = el('div', { class: 'reply-box' });
  let alive = true;
  // Polling redraws only when something changed, so reading and selecting text is not undone.
  let shown = '';
  let inbound = -1;

  const act = (label: string, run: () => Promise<Conversation>, done: string) =>
    el('button', {
      class: 'button small',
      text: label,
      attrs: { type: 'button', 'data-action': label },
      on: {
        click: (event) => {
          const button = event.currentTarget as HTMLButtonElement;
          button.disabled = true;
          run().then(
            (updated) => {
              conversation = updated;
              app.announce(done);
              status.ok(done);
              drawHead();
              options.onChanged(updated);
            },
            (error: unknown) => {
              button.disabled = false;
              status.error(errorText(error));
            },
          );
        },
      },
    });

  const drawHead = () => {
    const withPerson = conversation.mode === 'agent';
    const mine = withPerson && conversation.assignedAgent === me;
    const who = withPerson
      ? conversation.assignedAgent
        ? `With ${conversation.assignedAgent}`
        : 'Waiting for a person'
      : 'The assistant answers';
    replace(
      head,
      el('h2', {
        text: `${channelLabel(conversation.channel)} · ${contactHandle(conversation.key)}`,
        attrs: { id: 'thread-title' },
      }),
      el(
        'p',
        { class: 'thread-mode' },
        el('span', { class: `badge mode-${conversation.mode}`, text: who }),
      ),
      options.writable
        ? el(
            'div',
            { class: 'thread-actions' },
            mine
              ? null
              : act(
                  withPerson ? 'Take over' : 'Assign to me',
                  () => api.assign(conversation.key, me),
                  `Assigned to you (${me}).`,
                ),
            withPerson
              ? act(
                  'Hand back to the assistant',
                  () => api.handBack(conversation.key),
                  'Handed back to the assistant.',
                )
              : null,
          )
        : null,
    );
    const open = replyWindow(conversation.channel, conversation.lastInboundAt, Date.now());
    windowNote.textContent = open?.text ?? '';
    windowNote.className = `window-note ${open && !open.open ? 'closed' : ''}`;
    replace(replyBox, mine && options.writable ? replyForm : assignHint(withPerson));
  };

  const assignHint = (withPerson: boolean) =>
    options.writable
      ? el('p', {
          class: 'hint',
          text: withPerson
            ? 'Another person has this conversation: take it over to reply.'
            : 'Assign the conversation to yourself to reply; the assistant then stops answering.',
        })
      : null;

  // The same request id for the same text: a double click, or a retry after a network error,
  // queues one message (the server keys the reply on it). New text gets a new id.
  let pending: { text: string; id: string } | null = null;
  const text = el('textarea', {
    attrs: {
      id: 'reply-text',
      name: 'reply',
      rows: 3,
      required: true,
      maxlength: 4096,
      'aria-describedby': 'reply-hint',
    },
  });
  const send = el('button', { class: 'button primary', text: 'Send', attrs: { type: 'submit' } });
  const replyForm = el(
    'form',
    { class: 'reply-form', attrs: { 'aria-label': 'Reply' } },
    el('label', { text: `Replying as ${domain}`, attrs: { for: 'reply-text' } }),
    el('small', {
      class: 'hint',
      attrs: { id: 'reply-hint' },
      text: `The contact sees ${domain}, not your name; your name stays in the team's history. Ctrl+Enter sends.`,
    }),
    text,
    send,
  );
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      replyForm.requestSubmit();
    }
  });
  replyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = text.value.trim();
    if (!body || send.disabled) return;
    if (pending?.text !== body) pending = { text: body, id: newRequestId() };
    send.disabled = true;
    api
      .reply(conversation.key, me, body, pending.id)
      .then(
        (result) => {
          pending = null;
          text.value = '';
          status.ok(
            result.state === 'queued'
              ? `Queued: it goes out as ${domain}.`
              : `Sent as ${domain} (${outboxStateLabel(result.state).label.toLowerCase()}).`,
          );
          void refresh(true);
        },
        (error: unknown) => {
          // Refused (422): nothing was queued; say why in the policy's own words.
          if (error instanceof ApiError && error.status === 422) pending = null;
          status.error(
            error instanceof ApiError && error.status === 422
              ? `Not sent: ${error.message}`
              : `Not sent: ${errorText(error)}`,
          );
        },
      )
      .finally(() => {
        send.disabled = false;
      });
  });

  // The outbox list is brand-wide, so it is read again only when something can have changed
  // in it: on open, after a reply, while one of ours is still on its way, when the contact
  // wrote (the assistant may answer), and otherwise every few polls for delivery states.
  let outbox: OutboxRecord[] | null = null;
  let messageCount = -1;
  let pendingOut = false;
  let polls = 0;
  const refresh = async (force = false) => {
    try {
      const messages = await api.messages(conversation.key);
      polls++;
      if (force || !outbox || pendingOut || messages.length !== messageCount || polls % 5 === 0) {
        outbox = await api.outbox(ALL_OUTBOX_STATES, conversation.key);
      }
      messageCount = messages.length;
      if (!alive) return;
      const entries = mergeThread(conversation.key, messages, outbox);
      pendingOut = entries.some((entry) => entry.state !== null && PENDING.has(entry.state));
      const signature = entries.map((entry) => `${entry.id}:${entry.state}`).join(',');
      if (signature === shown && list.childElementCount > 0) return;
      shown = signature;
      // Screen reader users hear that the contact wrote, not every redraw.
      const fromContact = entries.filter((entry) => entry.direction === 'in').length;
      if (inbound >= 0 && fromContact > inbound) app.announce('New message from the contact.');
      inbound = fromContact;
      const now = Date.now();
      replace(
        list,
        ...(entries.length
          ? entries.map((entry) => threadMessage(entry, domain, now))
          : [el('li', { class: 'empty', text: 'No messages yet.' })]),
      );
    } catch (error) {
      if (alive) status.error(`Could not load the messages: ${errorText(error)}`);
    }
  };

  drawHead();
  void refresh();
  return {
    element: el(
      'section',
      { class: 'card thread-pane', attrs: { 'aria-labelledby': 'thread-title' } },
      head,
      // Built once, outside the redrawn head, so an open <details> stays open.
      options.writable
        ? contactData(app, api, domain, conversation.contactId, options.onErased)
        : el('p', { class: 'hint', text: `Contact id: ${conversation.contactId}` }),
      windowNote,
      list,
      replyBox,
      status.element,
    ),
    refresh,
    update(next) {
      if (next.mode === conversation.mode && next.assignedAgent === conversation.assignedAgent)
        return;
      conversation = next;
      drawHead();
    },
    teardown() {
      alive = false;
    },
  };
}
