import type { CreateGoalRequest, Goal } from '../../server/api-types.ts';
import type { AppContext } from '../app-context.ts';
import { el, replace } from '../dom.ts';
import { errorText, field, formStatus } from '../form-field.ts';

/** The site's goals: a list with Remove buttons and a form to add a page or event goal. */
export function goalsEditor(app: AppContext, domain: string): HTMLElement {
  const base = `/sites/${encodeURIComponent(domain)}/goals`;
  const list = el('ul', { class: 'goal-list', attrs: { 'aria-live': 'polite' } });
  const status = formStatus();
  const load = () =>
    app.api.get<Goal[] | { goals: Goal[] }>(base).then(
      (answer) => {
        const goals = Array.isArray(answer) ? answer : (answer?.goals ?? []);
        replace(
          list,
          ...(goals.length === 0
            ? [el('li', { class: 'empty', text: 'No goals yet.' })]
            : goals.map((goal) =>
                el(
                  'li',
                  {},
                  el('span', { class: 'goal-name', text: goal.name }),
                  el('span', { class: 'badge', text: goal.kind }),
                  el('code', { text: goal.value }),
                  el('button', {
                    class: 'button small danger',
                    text: 'Remove',
                    attrs: { type: 'button', 'aria-label': `Remove goal ${goal.name}` },
                    on: {
                      click: () =>
                        app.api
                          .delete(`${base}/${encodeURIComponent(goal.id)}`)
                          .then(load, (error: unknown) => status.error(errorText(error))),
                    },
                  }),
                ),
              )),
        );
      },
      (error: unknown) => status.error(errorText(error)),
    );
  const name = el('input', {
    attrs: { type: 'text', required: true, maxlength: 100, id: 'goal-name' },
  });
  const kind = el(
    'select',
    { attrs: { id: 'goal-kind' } },
    el('option', { text: 'Page visit', attrs: { value: 'page' } }),
    el('option', { text: 'Custom event', attrs: { value: 'event' } }),
  );
  const value = el('input', {
    attrs: {
      type: 'text',
      required: true,
      maxlength: 300,
      id: 'goal-value',
      placeholder: '/thank-you or signup',
    },
  });
  const form = el(
    'form',
    { class: 'inline-form', attrs: { 'aria-label': 'Add a goal' } },
    field('Goal name', name),
    field('Kind', kind),
    field('Path or event name', value, 'A path (* matches anything) or a custom event name.'),
    el('button', { class: 'button primary', text: 'Add goal', attrs: { type: 'submit' } }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body: CreateGoalRequest = {
      name: name.value.trim(),
      kind: kind.value === 'event' ? 'event' : 'page',
      value: value.value.trim(),
    };
    app.api.post<Goal>(base, body).then(
      () => {
        form.reset();
        status.ok(`Added goal ${body.name}.`);
        void load();
      },
      (error: unknown) => status.error(errorText(error)),
    );
  });
  void load();
  return el(
    'section',
    { class: 'card', attrs: { 'aria-labelledby': 'goals-title' } },
    el('h2', { text: 'Goals', attrs: { id: 'goals-title' } }),
    list,
    form,
    status.element,
  );
}
