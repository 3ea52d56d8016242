import type { Community } from '../../store/hub-records.ts';
import type { AppContext, View } from '../app-context.ts';
import { el, replace } from '../dom.ts';
import { errorText, field, formStatus } from '../form-field.ts';
import { type BrandApi, brandApi } from '../messaging-api.ts';
import { agentIdFor } from '../messaging-format.ts';
import { canWrite, messagingHeader, siteNotFound } from '../messaging-nav.ts';
import { broadcastForm } from './broadcast-form.ts';

/**
 * Adding or removing one member by contact id (shown in the inbox's thread). Adding records
 * the community's opt-in wording in the consent ledger, so it is for people who accepted it
 * somewhere we can point to: the evidence field says where.
 */
function membersForm(app: AppContext, api: BrandApi, community: Community): HTMLElement {
  const contact = el('input', {
    attrs: {
      id: `mem-${community.id}`,
      name: 'contactId',
      type: 'text',
      required: true,
      autocomplete: 'off',
    },
  });
  const evidence = el('input', {
    attrs: { id: `mem-ev-${community.id}`, name: 'evidence', type: 'text', maxlength: 1000 },
  });
  const status = formStatus();
  const run = (action: 'join' | 'leave') => {
    const id = contact.value.trim();
    if (!id) {
      status.error('Enter a contact id.');
      return;
    }
    const request =
      action === 'join'
        ? api
            .join(community.id, id, {
              note: evidence.value.trim(),
              addedBy: agentIdFor(app.me?.user.email ?? ''),
            })
            .then(() => `Added ${id}: their opt-in is in the consent ledger.`)
        : api
            .leave(community.id, id)
            .then((r) => (r.removed ? `Removed ${id}.` : `${id} was not a member.`));
    request.then(
      (message) => {
        status.ok(message);
        app.announce(message);
      },
      (error: unknown) => status.error(errorText(error)),
    );
  };
  const form = el(
    'form',
    { class: 'members-form', attrs: { 'aria-label': `Members of ${community.name}` } },
    el('h3', { text: 'Members' }),
    field('Contact id', contact),
    field('Where they opted in', evidence, 'e.g. "replied YES to the invitation on 2 June"'),
    el(
      'div',
      { class: 'form-actions' },
      el('button', { class: 'button', text: 'Add member', attrs: { type: 'submit' } }),
      el('button', {
        class: 'button subtle',
        text: 'Remove member',
        attrs: { type: 'button' },
        on: { click: () => run('leave') },
      }),
    ),
    status.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run('join');
  });
  return form;
}

function communityCard(app: AppContext, api: BrandApi, community: Community, writable: boolean) {
  return el(
    'li',
    { class: 'card community-card', attrs: { 'data-community': community.id } },
    el('h2', { text: community.name }),
    community.description ? el('p', { text: community.description }) : null,
    el(
      'blockquote',
      { class: 'opt-in-wording' },
      el('p', { text: community.optInWording }),
      el('footer', { class: 'hint', text: `Opt-in wording, version ${community.wordingVersion}` }),
    ),
    writable
      ? el(
          'div',
          { class: 'community-forms' },
          membersForm(app, api, community),
          broadcastForm(app, api, community),
        )
      : null,
  );
}

/** Opt-in communities of the brand: their wording, members, and broadcasts. */
export function communitiesView(app: AppContext, domain: string): View {
  const missing = siteNotFound(app, domain);
  if (missing) return missing;
  const api = brandApi(app.api, domain);
  const writable = canWrite(app, domain);
  const list = el(
    'ul',
    { class: 'community-list' },
    el('li', { class: 'loading', text: 'Loading…' }),
  );
  let alive = true;

  const load = async () => {
    try {
      const communities = await api.communities();
      if (!alive) return;
      replace(
        list,
        ...(communities.length
          ? communities.map((c) => communityCard(app, api, c, writable))
          : [el('li', { class: 'empty', text: 'No communities yet.' })]),
      );
    } catch (error) {
      if (alive)
        replace(
          list,
          el('li', {
            class: 'error',
            attrs: { role: 'alert' },
            text: `Could not load the communities: ${errorText(error)}`,
          }),
        );
    }
  };

  const name = el('input', {
    attrs: { id: 'community-name', name: 'name', type: 'text', required: true, maxlength: 100 },
  });
  const description = el('input', {
    attrs: { id: 'community-description', name: 'description', type: 'text', maxlength: 1000 },
  });
  const wording = el('textarea', {
    attrs: {
      id: 'community-wording',
      name: 'optInWording',
      rows: 3,
      required: true,
      minlength: 10,
      maxlength: 2000,
    },
  });
  const version = el('input', {
    attrs: {
      id: 'community-version',
      name: 'wordingVersion',
      type: 'text',
      required: true,
      maxlength: 50,
      value: 'v1',
    },
  });
  const status = formStatus();
  const create = el(
    'form',
    { class: 'card create-community', attrs: { 'aria-labelledby': 'create-community-title' } },
    el('h2', { text: 'New community', attrs: { id: 'create-community-title' } }),
    field('Name', name),
    field('Description', description),
    field(
      'Opt-in wording',
      wording,
      'Exactly what people accept to join; it is kept with each consent.',
    ),
    field('Wording version', version, 'Change it whenever the wording changes.'),
    el('button', { class: 'button primary', text: 'Create community', attrs: { type: 'submit' } }),
    status.element,
  );
  create.addEventListener('submit', (event) => {
    event.preventDefault();
    api
      .createCommunity({
        name: name.value.trim(),
        description: description.value.trim(),
        optInWording: wording.value.trim(),
        wordingVersion: version.value.trim(),
      })
      .then(
        (community) => {
          status.ok(`Created ${community.name}.`);
          app.announce(`Created ${community.name}.`);
          create.reset();
          void load();
        },
        (error: unknown) => status.error(errorText(error)),
      );
  });

  void load();
  return {
    element: el(
      'div',
      { class: 'messaging communities' },
      messagingHeader(domain, 'communities'),
      list,
      writable ? create : null,
    ),
    teardown() {
      alive = false;
    },
  };
}
