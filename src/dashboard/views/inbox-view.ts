import type { Conversation } from '../../store/hub-records.ts';
import type { AppContext, View } from '../app-context.ts';
import { el, replace } from '../dom.ts';
import { errorText, field } from '../form-field.ts';
import { brandApi } from '../messaging-api.ts';
import { agentIdFor, channelLabel, contactHandle, formatWhen } from '../messaging-format.ts';
import { canWrite, messagingHeader, siteNotFound } from '../messaging-nav.ts';
import { conversationThread, type ThreadPane } from './conversation-thread.ts';

/** How often the list and the open thread are read again (new messages, delivery states). */
const POLL_MS = 4_000;

type Filter = 'all' | 'assistant' | 'agent' | 'mine';

const FILTERS: [Filter, string][] = [
  ['all', 'All conversations'],
  ['assistant', 'With the assistant'],
  ['agent', 'With a person'],
  ['mine', 'Assigned to me'],
];

const modeText = (conversation: Conversation): string =>
  conversation.mode === 'assistant'
    ? 'Assistant'
    : conversation.assignedAgent
      ? `With ${conversation.assignedAgent}`
      : 'Needs a person';

/**
 * The brand's inbox: its conversations (newest activity first), filtered by who answers them,
 * and the selected one's thread beside the list. Both are polled while the view is open.
 */
export function inboxView(app: AppContext, domain: string): View {
  const missing = siteNotFound(app, domain);
  if (missing) return missing;
  const api = brandApi(app.api, domain);
  const me = agentIdFor(app.me?.user.email ?? '');
  const writable = canWrite(app, domain);
  let filter: Filter = 'all';
  let conversations: Conversation[] = [];
  let selected: string | null = null;
  let thread: ThreadPane | null = null;

  const list = el('ul', { class: 'conversation-list', attrs: { 'aria-label': 'Conversations' } });
  const listStatus = el('p', { class: 'loading', text: 'Loading conversations…' });
  const threadSlot = el(
    'div',
    { class: 'thread-slot' },
    el('p', { class: 'empty card', text: 'Choose a conversation to read it.' }),
  );

  const select = el('select', { attrs: { id: 'inbox-filter', name: 'filter' } });
  for (const [value, label] of FILTERS)
    select.append(el('option', { text: label, attrs: { value } }));
  select.addEventListener('change', () => {
    filter = select.value as Filter;
    void load();
  });

  const open = (conversation: Conversation) => {
    thread?.teardown();
    selected = conversation.key;
    thread = conversationThread({
      app,
      api,
      domain,
      conversation,
      writable,
      onErased: () => {
        thread?.teardown();
        thread = null;
        selected = null;
        replace(threadSlot, el('p', { class: 'empty card', text: 'The contact was erased.' }));
        void load();
      },
      onChanged: (updated) => {
        conversations = conversations.map((c) => (c.key === updated.key ? updated : c));
        drawList();
        void load();
      },
    });
    replace(threadSlot, thread.element);
    drawList();
  };

  const drawList = () => {
    if (conversations.length === 0) {
      replace(list, el('li', { class: 'empty', text: 'No conversations here yet.' }));
      return;
    }
    const now = Date.now();
    replace(
      list,
      ...conversations.map((conversation) =>
        el(
          'li',
          {},
          el(
            'button',
            {
              class: `conversation-item${conversation.key === selected ? ' selected' : ''}`,
              attrs: {
                type: 'button',
                'data-conversation': conversation.key,
                'aria-current': conversation.key === selected ? 'true' : null,
              },
              on: { click: () => open(conversation) },
            },
            el('span', {
              class: 'who',
              text: `${channelLabel(conversation.channel)} · ${contactHandle(conversation.key)}`,
            }),
            el('span', { class: `badge mode-${conversation.mode}`, text: modeText(conversation) }),
            el('time', {
              class: 'when',
              text: formatWhen(conversation.updatedAt, now),
              attrs: { datetime: new Date(conversation.updatedAt).toISOString() },
            }),
          ),
        ),
      ),
    );
  };

  let alive = true;
  const load = async () => {
    try {
      const found = await api.conversations(
        filter === 'all' ? {} : filter === 'mine' ? { mode: 'agent', agent: me } : { mode: filter },
      );
      if (!alive) return;
      conversations = found;
      const current = found.find((c) => c.key === selected);
      if (current) thread?.update(current);
      listStatus.textContent = '';
      listStatus.className = 'loading';
      drawList();
    } catch (error) {
      if (!alive) return;
      listStatus.className = 'error';
      listStatus.textContent = `Could not load the inbox: ${errorText(error)}`;
    }
  };

  void load();
  const timer = window.setInterval(() => {
    // Nothing to poll while the tab is hidden; the next tick catches up.
    if (document.hidden) return;
    void load();
    void thread?.refresh();
  }, POLL_MS);

  return {
    element: el(
      'div',
      { class: 'messaging inbox' },
      messagingHeader(domain, 'inbox'),
      el(
        'div',
        { class: 'inbox-layout' },
        el(
          'section',
          { class: 'card inbox-list', attrs: { 'aria-label': 'Conversations' } },
          field('Show', select),
          listStatus,
          list,
        ),
        threadSlot,
      ),
    ),
    teardown() {
      alive = false;
      window.clearInterval(timer);
      thread?.teardown();
    },
  };
}
