// In-page confirmation dialogs (not window.confirm: those cannot be styled as an alarm, read aloud reliably, or
// told apart by tests).
import { h } from './dom.js';
import { t } from './i18n.js';

/** Resolves true when the user confirms. options: { title, body, ok, cancel, alarm, testid } */
export function confirmDialog({ title, body, ok, cancel, alarm = false, testid = 'confirm' }) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const close = (answer) => {
      back.remove();
      document.removeEventListener('keydown', onKey);
      previous?.focus?.();
      resolve(answer);
    };
    const onKey = (e) => { if (e.key === 'Escape') close(false); };
    const okButton = h('button', { type: 'button', class: alarm ? 'danger big' : '', 'data-testid': `${testid}-ok`, onclick: () => close(true) }, ok ?? t('common.confirm'));
    const back = h('div', { class: 'modal-back', 'data-testid': testid },
      h('div', { class: `modal${alarm ? ' alarm' : ''}`, role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': `${testid}-title` },
        h('h2', { id: `${testid}-title` }, title),
        Array.isArray(body) ? body : h('p', {}, body),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', 'data-testid': `${testid}-cancel`, onclick: () => close(false) }, cancel ?? t('common.cancel')),
          okButton)));
    document.addEventListener('keydown', onKey);
    document.body.append(back);
    // Focus starts on Cancel for alarms: Enter alone must never start an emergency.
    (alarm ? back.querySelector('.secondary') : okButton).focus();
  });
}
