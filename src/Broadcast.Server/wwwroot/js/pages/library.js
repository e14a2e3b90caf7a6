// Library: upload with progress, search, preview, and "air now" or "add to queue" for a programme.
import { api, query } from '../api.js';
import { uploadProgramme } from '../upload.js';
import { districtReady, communeName } from '../live.js';
import { can, scopedCommunes } from '../session.js';
import { t } from '../i18n.js';
import { h, clear, say, duration, dateTime, bytes, select } from '../dom.js';
import { targetPicker, priorityPicker, communeOptions } from '../target.js';

export const categories = ['news', 'law', 'agriculture', 'health', 'emergency', 'music'];

export function render(main) {
  const list = h('div', { 'data-testid': 'programme-list' });
  const listMessage = h('div');
  const q = h('input', { type: 'search', placeholder: t('library.search'), 'aria-label': t('library.search'), 'data-testid': 'library-q' });
  const category = select({ 'aria-label': t('library.category'), 'data-testid': 'library-category' },
    [{ value: '', label: t('library.allCategories') }, ...categories.map((c) => ({ value: c, label: t(`category.${c}`) }))]);
  let page = 1;

  const load = async () => {
    try {
      const result = await api(query('/api/programmes', { q: q.value.trim(), category: category.value, page, pageSize: 25 }));
      drawList(list, result, listMessage, (p) => { page = p; load(); });
    } catch (err) {
      say(listMessage, 'error', err.message);
    }
  };
  q.addEventListener('input', debounce(() => { page = 1; load(); }, 300));
  category.addEventListener('change', () => { page = 1; load(); });

  main.append(h('h1', {}, t('library.title')));
  if (can('ProgrammeUpload')) main.append(uploadPanel(load));
  main.append(h('section', { class: 'panel' },
    h('h2', {}, t('library.programmes')),
    h('div', { class: 'row' }, q, category),
    listMessage, list));
  load();
}

function uploadPanel(reload) {
  const file = h('input', { type: 'file', id: 'up-file', accept: 'audio/*,.opus,.ogg,.wav,.mp3,.m4a,.flac', required: true, 'data-testid': 'upload-file' });
  const title = h('input', { id: 'up-title', class: 'field', required: true, maxLength: 200, 'data-testid': 'upload-title' });
  const category = select({ id: 'up-category', 'data-testid': 'upload-category' }, categories.map((c) => ({ value: c, label: t(`category.${c}`) })), 'news');
  const commune = select({ id: 'up-commune', 'data-testid': 'upload-commune' }, communeOptions('ProgrammeUpload'));
  districtReady().then(() => { clear(commune).append(...communeOptions('ProgrammeUpload').map((o) => h('option', { value: o.value }, o.label))); });
  const bar = h('progress', { max: 100, value: 0, 'data-testid': 'upload-progress' });
  const status = h('div', { class: 'small', 'data-testid': 'upload-status', 'aria-live': 'polite' });
  const progressBox = h('div', { hidden: true }, bar, status);
  const message = h('div', { 'data-testid': 'upload-message' });
  const submit = h('button', { type: 'submit', 'data-testid': 'upload-submit' }, t('library.upload'));
  file.addEventListener('change', () => {
    if (!title.value && file.files[0]) title.value = file.files[0].name.replace(/\.[^.]+$/, '');
  });

  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    if (!file.files[0]) return;
    const data = new FormData();
    // Fields before the file: the server then refuses a bad title or commune before the transfer.
    data.append('title', title.value.trim());
    data.append('category', category.value);
    if (commune.value) data.append('commune', commune.value);
    data.append('file', file.files[0]);
    submit.disabled = true;
    progressBox.hidden = false;
    say(message, '', '');
    bar.value = 0;
    bar.removeAttribute('data-done');
    try {
      const programme = await uploadProgramme(data, {
        onProgress: (sent, total) => {
          bar.value = Math.floor((sent / total) * 100);
          status.textContent = t('library.uploading', { percent: bar.value, sent: bytes(sent), total: bytes(total) });
        },
        onSent: () => {
          bar.value = 100;
          status.textContent = t('library.processing');
        },
      });
      bar.value = 100;
      bar.dataset.done = 'true';
      status.textContent = '';
      say(message, 'ok', t(programme.duplicate ? 'library.duplicate' : 'library.uploaded', {
        title: programme.title, duration: duration(programme.durationSeconds), lufs: programme.loudnessLufs ?? '–',
      }));
      message.firstChild.dataset.programme = programme.id;
      form.reset();
      reload();
    } catch (err) {
      status.textContent = '';
      say(message, 'error', err.message);
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'grid2' },
    h('div', {}, h('label', { for: 'up-file' }, t('library.file')), file, h('label', { for: 'up-title' }, t('library.titleField')), title),
    h('div', {},
      h('label', { for: 'up-category' }, t('library.category')), category,
      h('label', { for: 'up-commune' }, t('library.commune')), commune,
      scopedCommunes('ProgrammeUpload') ? h('p', { class: 'small muted' }, t('library.scopedHint')) : null)),
  progressBox, message,
  h('div', { class: 'actions' }, submit));
  return h('section', { class: 'panel' }, h('h2', {}, t('library.uploadTitle')), form);
}

function drawList(container, result, message, goTo) {
  clear(container);
  say(message, '', '');
  if (result.items.length === 0) {
    container.append(h('p', { class: 'muted' }, t('library.empty')));
    return;
  }
  const table = h('table', {},
    h('thead', {}, h('tr', {},
      h('th', {}, t('library.titleField')), h('th', {}, t('library.category')), h('th', { class: 'opt' }, t('library.commune')),
      h('th', {}, t('library.duration')), h('th', { class: 'opt' }, t('library.loudness')), h('th', { class: 'opt' }, t('library.created')),
      h('th', {}, t('library.state')), h('th', {}, ''))),
    h('tbody', {}, result.items.map((p) => row(p, container))));
  container.append(h('div', { class: 'table-wrap' }, table));
  const pages = Math.ceil(result.total / result.pageSize);
  if (pages > 1) {
    container.append(h('div', { class: 'row small' },
      h('button', { type: 'button', class: 'secondary', disabled: result.page <= 1, onclick: () => goTo(result.page - 1) }, '‹'),
      t('library.page', { page: result.page, pages, total: result.total }),
      h('button', { type: 'button', class: 'secondary', disabled: result.page >= pages, onclick: () => goTo(result.page + 1) }, '›')));
  }
}

function row(p, container) {
  const actions = h('td', { class: 'row' },
    h('button', { type: 'button', class: 'secondary', 'data-testid': `preview-${p.id}`, onclick: (e) => {
      // The audio element is made on demand: a page of 25 players would fetch 25 files' headers at once.
      e.currentTarget.replaceWith(h('audio', { controls: true, preload: 'metadata', src: p.audioUrl, 'data-testid': `audio-${p.id}` }));
    } }, t('library.preview')),
    can('Broadcast') || can('Queue') ? h('button', { type: 'button', 'data-testid': `air-${p.id}`, onclick: () => airForm(p, container) }, t('library.air')) : null,
    (p.state === 'draft' || p.state === 'rejected') && can('ProgrammeUpload') ? h('button', { type: 'button', class: 'secondary', 'data-testid': `submit-${p.id}`, onclick: (e) => submit(p, e.currentTarget) }, t('bulletins.submitButton')) : null);
  return h('tr', { 'data-programme': p.id, 'data-title': p.title },
    h('td', {}, p.title),
    h('td', {}, t(`category.${p.category}`)),
    h('td', { class: 'opt' }, p.commune ? communeName(p.commune) : '–'),
    h('td', {}, duration(p.durationSeconds)),
    h('td', { class: 'opt' }, p.loudnessLufs !== null && p.loudnessLufs !== undefined ? `${p.loudnessLufs} LUFS` : ''),
    h('td', { class: 'opt' }, dateTime(p.createdAt), h('div', { class: 'small muted' }, p.createdBy)),
    h('td', { 'data-role': 'state' }, h('span', { class: 'badge' }, t(`bulletin.${p.state ?? (p.approvedAt ? 'approved' : 'draft')}`)),
      p.flaggedForReview ? h('span', { class: 'badge emergency' }, t('bulletin.flagged')) : null),
    actions);
}

/** Air now (POST /api/broadcasts) or add to a play queue (POST /api/queue); the server checks the target. */
function airForm(p, container) {
  container.querySelector('.air-form')?.remove();
  const target = targetPicker({ id: 'air-target' });
  const priority = priorityPicker({ id: 'air-priority' });
  const position = select({ 'data-testid': 'air-position', 'aria-label': t('queue.position') },
    ['now-broadcast', 'append', 'next', 'now'].map((v) => ({ value: v, label: t(`air.${v}`) })));
  const message = h('div', { 'data-testid': 'air-message' });
  const submit = h('button', { type: 'submit', 'data-testid': 'air-submit' }, t('library.airSubmit'));
  const form = h('form', { class: 'panel air-form', 'data-testid': 'air-form', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      if (position.value === 'now-broadcast') {
        const b = await api('/api/broadcasts', { method: 'POST', body: { programme: p.id, target: target.value(), priority: priority.value } });
        say(message, 'ok', t('air.started', { id: b.id, n: b.targets.length }));
      } else {
        await api('/api/queue', { method: 'POST', body: { programme: p.id, target: target.value(), priority: priority.value, position: position.value } });
        say(message, 'ok', t('air.queued', { target: target.value() }));
      }
    } catch (err) {
      say(message, 'error', err.message);
    } finally {
      submit.disabled = false;
    }
  } },
  h('h3', {}, t('library.airTitle', { title: p.title })),
  h('div', { class: 'row' }, h('span', {}, t('target.label')), target.element, priority, position),
  message,
  h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, t('common.close'))));
  container.prepend(form);
  form.scrollIntoView({ block: 'nearest' });
}

/** Sends a draft for approval (POST /api/bulletins/{id}/submit); only approved programmes air. */
async function submit(p, button) {
  button.disabled = true;
  try {
    const b = await api(`/api/bulletins/${encodeURIComponent(p.id)}/submit`, { method: 'POST' });
    button.closest('tr').querySelector('[data-role=state] .badge').textContent = t(`bulletin.${b.status}`);
    button.remove();
  } catch (err) {
    button.disabled = false;
    button.after(h('div', { class: 'notice error small' }, err.message));
  }
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

