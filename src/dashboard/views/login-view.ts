import type { LoginRequest, MeResponse } from '../../server/api-types.ts';
import type { ApiClient } from '../api-client.ts';
import { el } from '../dom.ts';
import { errorText, field, formStatus } from '../form-field.ts';

/**
 * The sign-in form, or on a fresh install (no user yet) the first-run form that creates the
 * owner account. Resolves the app once the server has set the session cookie.
 */
export function loginView(
  api: ApiClient,
  firstRun: boolean,
  signedIn: (me: MeResponse) => void,
): HTMLElement {
  const email = el('input', {
    attrs: {
      type: 'email',
      name: 'email',
      autocomplete: 'username',
      required: true,
      id: 'login-email',
    },
  });
  const password = el('input', {
    attrs: {
      type: 'password',
      name: 'password',
      autocomplete: firstRun ? 'new-password' : 'current-password',
      required: true,
      minlength: firstRun ? 12 : null,
      id: 'login-password',
    },
  });
  const status = formStatus();
  const submit = el('button', {
    class: 'button primary',
    text: firstRun ? 'Create account' : 'Sign in',
    attrs: { type: 'submit' },
  });
  const form = el(
    'form',
    { class: 'card login', attrs: { 'aria-labelledby': 'login-title', novalidate: false } },
    el('h1', {
      text: firstRun ? 'Welcome to Penumbra' : 'Sign in to Penumbra',
      attrs: { id: 'login-title' },
    }),
    firstRun
      ? el('p', { text: 'No account exists yet: create the owner account for this server.' })
      : null,
    field('Email', email),
    field('Password', password, firstRun ? 'At least 12 characters.' : undefined),
    submit,
    status.element,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.clear();
    submit.disabled = true;
    const body: LoginRequest = { email: email.value.trim(), password: password.value };
    api
      .post<Partial<MeResponse>>(firstRun ? '/auth/setup' : '/auth/login', body)
      .then((answer) => {
        if (answer?.csrfToken) api.setCsrfToken(answer.csrfToken);
        return api.me();
      })
      .then(
        (me) => signedIn(me),
        (error: unknown) => {
          submit.disabled = false;
          status.error(errorText(error));
          password.focus();
        },
      );
  });
  window.setTimeout(() => email.focus(), 0);
  return el('main', { class: 'login-page', attrs: { id: 'main' } }, form);
}
