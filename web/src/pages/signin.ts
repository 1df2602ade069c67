import { request } from '../api';
import { clear, h } from '../dom';
import { t } from '../i18n';

let open = false;

/** Shows the sign-in form (after any 401); on success calls <paramref name="done"/> to re-render the view. */
export function showSignIn(done: () => void): void {
  const host = document.getElementById('signin-host') as HTMLElement;
  if (open) {
    return;
  }
  open = true;
  const username = h('input', { id: 'signin-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password',
    required: true });
  const error = h('p', { class: 'field-error', role: 'alert' });
  const form = h('form', { class: 'signin', id: 'signin-form' },
    h('h2', { id: 'signin-title' }, t('signIn')),
    h('p', {}, t('signInNeeded')),
    h('div', { class: 'field' }, h('label', { for: 'signin-username' }, t('username')), username),
    h('div', { class: 'field' }, h('label', { for: 'signin-password' }, t('password')), password),
    error,
    h('button', { type: 'submit' }, t('signIn')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(error);
    try {
      await request('POST', '/api/auth/login', { username: username.value, password: password.value });
      open = false;
      clear(host);
      host.classList.remove('shown');
      done();
    } catch {
      error.textContent = t('signInFailed');
      password.value = '';
      password.focus();
    }
  });
  clear(host);
  host.append(h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'signin-title' }, form));
  host.classList.add('shown');
  username.focus();
}
