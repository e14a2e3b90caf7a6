// First login with a one-time password (or after a reset): the server refuses everything else until it is changed.
import { api } from '../api.js';
import { session } from '../session.js';
import { t } from '../i18n.js';
import { h, say } from '../dom.js';

export function render(main, { signedIn }) {
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true, class: 'field' });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true, minLength: 10, class: 'field' });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true, class: 'field' });
  const message = h('div');
  const submit = h('button', { type: 'submit', 'data-testid': 'pw-submit' }, t('password.submit'));
  main.append(h('section', { class: 'login' },
    h('h1', {}, t('password.title')),
    h('p', { class: 'muted' }, t('password.hint', { name: session.me?.name ?? '' })),
    h('form', { class: 'panel', onsubmit: async (e) => {
      e.preventDefault();
      if (next.value !== again.value) {
        say(message, 'error', t('password.mismatch'));
        return;
      }
      submit.disabled = true;
      try {
        await api('/api/auth/password', { method: 'POST', body: { currentPassword: current.value, newPassword: next.value } });
        const me = await api('/api/auth/me');
        await signedIn(me, me.session?.csrf);
      } catch (err) {
        say(message, 'error', err.message);
        submit.disabled = false;
      }
    } },
    h('label', { for: 'pw-current' }, t('password.current')), current,
    h('label', { for: 'pw-new' }, t('password.new')), next,
    h('label', { for: 'pw-again' }, t('password.again')), again,
    message,
    h('div', { class: 'actions' }, submit))));
}
