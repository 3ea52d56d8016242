import type { Community } from '../../store/hub-records.ts';
import type { AppContext } from '../app-context.ts';
import { el } from '../dom.ts';
import { errorText, field, formStatus } from '../form-field.ts';
import type { BrandApi, BroadcastBody } from '../messaging-api.ts';
import {
  outboxStateLabel,
  parseTemplateParams,
  reportText,
  scheduleTime,
} from '../messaging-format.ts';

/**
 * A broadcast to one community: a text, and a WhatsApp template for members outside their
 * 24-hour window (approved templates only: Meta refuses others), optionally scheduled.
 * Every member still goes through the policy (consent, caps, quiet hours); the report says
 * how many were queued and why the others were not.
 */
export function broadcastForm(app: AppContext, api: BrandApi, community: Community): HTMLElement {
  const id = (name: string) => `bc-${community.id}-${name}`;
  const input = (name: string, attrs: Record<string, string | number | boolean> = {}) =>
    el('input', { attrs: { id: id(name), name, type: 'text', autocomplete: 'off', ...attrs } });
  const campaign = input('campaign', { required: true, maxlength: 100 });
  const text = el('textarea', {
    attrs: { id: id('text'), name: 'text', rows: 3, maxlength: 4096 },
  });
  const template = input('template', { maxlength: 512, placeholder: 'weekly_recipe' });
  const language = input('language', { maxlength: 20, value: 'en' });
  const params = el('textarea', {
    attrs: { id: id('params'), name: 'params', rows: 2, placeholder: '1=Shakshuka' },
  });
  const when = el('input', { attrs: { id: id('when'), name: 'when', type: 'datetime-local' } });
  const status = formStatus();
  const check = el('button', {
    class: 'button small subtle',
    text: 'Check delivery',
    attrs: { type: 'button', hidden: true },
  });
  let lastId = '';
  check.addEventListener('click', () => {
    api.getBroadcast(lastId).then(
      ({ states }) => {
        const counts = Object.entries(states)
          .map(([state, count]) => `${outboxStateLabel(state).label}: ${count}`)
          .join(', ');
        status.ok(counts || 'Nothing queued for this broadcast.');
      },
      (error: unknown) => status.error(errorText(error)),
    );
  });

  const submit = el('button', {
    class: 'button primary',
    text: 'Send broadcast',
    attrs: { type: 'submit' },
  });
  const form = el(
    'form',
    { class: 'broadcast-form', attrs: { 'aria-label': `Broadcast to ${community.name}` } },
    el('h3', { text: 'Broadcast' }),
    field('Campaign', campaign, 'Names the broadcast in the share links and the stats.'),
    field('Message', text),
    el(
      'fieldset',
      {},
      el('legend', { text: 'WhatsApp template (outside the 24-hour window)' }),
      field('Template name', template),
      field('Language', language),
      field('Parameters', params, 'One name=value a line.'),
    ),
    field('Send at', when, 'Empty: now. Your local time.'),
    submit,
    check,
    status.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: BroadcastBody = { campaign: campaign.value.trim(), parts: [] };
    if (text.value.trim()) body.parts.push({ type: 'text', text: text.value.trim() });
    if (template.value.trim()) {
      const parsed = parseTemplateParams(params.value);
      if (!parsed.ok) {
        status.error(`Parameters: ${parsed.error}`);
        return;
      }
      body.template = {
        name: template.value.trim(),
        language: language.value.trim() || 'en',
        params: parsed.params,
      };
    }
    if (body.parts.length === 0 && !body.template) {
      status.error('Write a message, name a template, or both.');
      return;
    }
    const at = scheduleTime(when.value);
    if (at === null) {
      status.error('The date and time are not valid.');
      return;
    }
    if (at !== undefined) body.notBefore = at;
    submit.disabled = true;
    api
      .broadcast(community.id, body)
      .then(
        (report) => {
          lastId = report.broadcast.id;
          check.hidden = false;
          const summary = reportText(report, Date.now());
          status.ok(summary);
          app.announce(summary);
        },
        (error: unknown) => status.error(`Not sent: ${errorText(error)}`),
      )
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}
