// Sign-in: POST /api/auth/login in cookie mode (the session token stays in an HttpOnly cookie).
import { api, ApiError } from '../api.js';
import { t, lang, setLang } from '../i18n.js';
import { h, say } from '../dom.js';

export function render(main, { signedIn }) {
  const user = h('input', { id: 'login-user', name: 'user', autocomplete: 'username', required: true, class: 'field', autofocus: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, class: 'field' });
  const message = h('div', { 'data-testid': 'login-message' });
  const submit = h('button', { type: 'submit', class: 'big', 'data-testid': 'login-submit' }, t('login.submit'));
  const form = h('form', { class: 'panel', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    say(message, '', '');
    try {
      const answer = await api('/api/auth/login', { method: 'POST', body: { user: user.value.trim(), password: password.value, mode: 'cookie' }, quiet401: true });
      await signedIn(answer.user, answer.csrf);
    } catch (err) {
      password.value = '';
      say(message, 'error', err instanceof ApiError && err.status === 401 ? t('login.wrong') : err.message);
      submit.disabled = false;
      password.focus();
    }
  } },
  h('label', { for: 'login-user' }, t('login.user')), user,
  h('label', { for: 'login-password' }, t('login.password')), password,
  message,
  h('div', { class: 'actions' }, submit));

  main.append(h('section', { class: 'login' },
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.hint')),
    form,
    languageLinks()));
}

// The header (with its language menu) is hidden before sign-in, so the login page offers the switch itself.
function languageLinks() {
  const choice = (code, label) => h('button', { type: 'button', class: 'link', 'data-lang': code, 'aria-pressed': String(lang() === code), onclick: () => setLang(code) }, label);
  return h('p', { class: 'small muted' }, `${t('login.language')}: `, choice('vi', 'Tiếng Việt'), ' · ', choice('en', 'English'));
}
