// Bulletins (docs/bulletins.md): editors submit a recording or a text to be read aloud, approvers listen and approve
// or send it back with a reason, and review what an emergency aired before approval. A bulletin is a library
// programme; an approved one can be scheduled. A controller without /api/bulletins gets a "not available" notice.
import { api, query, ApiError } from '../api.js';
import { can, scopedCommunes } from '../session.js';
import { communeName, targetLabel, districtReady } from '../live.js';
import { t } from '../i18n.js';
import { h, clear, say, dateTime, duration, notice, select } from '../dom.js';
import { confirmDialog } from '../modal.js';

const filters = ['submitted', 'draft', 'approved', 'rejected', 'scheduled', 'aired', 'flagged'];

export async function render(main, { navigate }) {
  const list = h('div', { 'data-testid': 'bulletin-list' });
  const message = h('div', { 'data-testid': 'bulletin-message' });
  const initial = can('ProgrammeApprove') ? 'submitted' : can('ProgrammeUpload') ? 'draft' : 'approved';
  const filter = select({ 'data-testid': 'bulletin-status', 'aria-label': t('bulletins.status') },
    filters.map((s) => ({ value: s, label: t(`bulletin.${s}`) })), initial);
  main.append(h('h1', {}, t('bulletins.title')));

  const fetchPage = () => api(query('/api/bulletins', filter.value === 'flagged' ? { flagged: 'true' } : { status: filter.value, pageSize: 100 }));
  let first;
  try {
    first = await fetchPage();
  } catch (err) {
    if (err instanceof ApiError && err.unavailable) {
      main.append(notice('warn', t('bulletins.unavailable'), 'bulletins-unavailable'), h('p', { class: 'muted' }, t('bulletins.unavailableHint')));
      return;
    }
    main.append(notice('error', err.message));
    return;
  }

  const load = async () => {
    try {
      draw(list, await fetchPage(), message, load, navigate);
    } catch (err) {
      say(message, 'error', err.message);
    }
  };
  filter.addEventListener('change', load);
  if (can('ProgrammeUpload')) main.append(submitPanel(load));
  main.append(h('section', { class: 'panel' },
    h('div', { class: 'row' }, h('h2', {}, t('bulletins.review')), h('span', { class: 'spacer' }), filter),
    message, list));
  draw(list, first, message, load, navigate);
}

function submitPanel(reload) {
  const title = h('input', { id: 'bl-title', class: 'field', 'data-testid': 'bulletin-title' });
  const programme = h('select', { id: 'bl-programme', 'data-testid': 'bulletin-programme' }, h('option', { value: '' }, t('bulletins.useText')));
  const text = h('textarea', { id: 'bl-text', 'data-testid': 'bulletin-text', placeholder: t('bulletins.textHint'), maxLength: 4000 });
  const own = scopedCommunes('ProgrammeUpload');
  // Every commune is offered: the controller decides, and says why it refuses one outside the editor's communes.
  const commune = h('select', { id: 'bl-commune', 'data-testid': 'bulletin-commune' }, own ? null : h('option', { value: '' }, t('library.noCommune')));
  const textOnly = h('div', {}, h('label', { for: 'bl-commune' }, t('library.commune')), commune, h('label', { for: 'bl-text' }, t('bulletins.text')), text);
  const message = h('div', { 'data-testid': 'bulletin-submit-message' });
  districtReady().then((d) => {
    commune.append(...d.communes.map((c) => h('option', { value: c.id, selected: own?.[0] === c.id }, c.name)));
  });
  // Recordings that can still be submitted: drafts and items sent back.
  Promise.all(['draft', 'rejected'].map((s) => api(query('/api/bulletins', { status: s, pageSize: 100 })))).then((pages) => {
    for (const b of pages.flatMap((p) => p.items)) programme.append(h('option', { value: b.id }, `${b.title} (${t(`bulletin.${b.status}`)})`));
  }).catch((err) => say(message, 'error', err.message));
  programme.addEventListener('change', () => { textOnly.hidden = programme.value !== ''; });

  return h('section', { class: 'panel' }, h('h2', {}, t('bulletins.submit')),
    h('form', { onsubmit: async (e) => {
      e.preventDefault();
      const body = programme.value
        ? { programmeId: programme.value, title: title.value.trim() || undefined }
        : { text: text.value.trim(), title: title.value.trim() || undefined, commune: commune.value || undefined, target: commune.value ? `commune:${commune.value}` : 'all' };
      try {
        const b = await api('/api/bulletins', { method: 'POST', body });
        say(message, 'ok', t('bulletins.submitted', { title: b.title }));
        message.firstChild.dataset.bulletin = b.id;
        reload();
      } catch (err) {
        say(message, 'error', err.message);
      }
    } },
    h('label', { for: 'bl-programme' }, t('bulletins.content')), programme,
    h('label', { for: 'bl-title' }, t('library.titleField')), title,
    textOnly,
    message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-testid': 'bulletin-submit' }, t('bulletins.submitButton')))));
}

function draw(container, page, message, reload, navigate) {
  clear(container);
  if (page.items.length === 0) {
    container.append(h('p', { class: 'muted', 'data-testid': 'bulletins-empty' }, t('bulletins.empty')));
    return;
  }
  for (const b of page.items) container.append(item(b, message, reload, navigate));
}

function item(b, message, reload, navigate) {
  const reason = h('input', { placeholder: t('bulletins.reason'), 'aria-label': t('bulletins.reason'), 'data-testid': `reason-${b.id}`, size: 30 });
  const act = async (path, body, done) => {
    try {
      await api(`/api/bulletins/${encodeURIComponent(b.id)}/${path}`, { method: 'POST', body });
      say(message, 'ok', t(done, { title: b.title }));
      reload();
    } catch (err) {
      say(message, 'error', err.message);
    }
  };
  const approve = async () => {
    if (await confirmDialog({ title: t('bulletins.approveTitle'), body: t('bulletins.approveBody', { title: b.title, target: targetLabel(b.target) }), ok: t('bulletins.approve') })) {
      await act('approve', {}, 'bulletins.approved');
    }
  };
  const reject = async () => {
    if (!reason.value.trim()) {
      say(message, 'error', t('bulletins.reasonNeeded'));
      reason.focus();
      return;
    }
    await act('reject', { reason: reason.value.trim() }, 'bulletins.rejected');
  };
  const actions = [];
  if (b.status === 'draft' && can('ProgrammeUpload')) {
    actions.push(h('button', { type: 'button', 'data-testid': `submit-${b.id}`, onclick: () => act('submit', undefined, 'bulletins.submitted') }, t('bulletins.submitButton')));
  }
  if (b.status === 'submitted' && can('ProgrammeApprove')) {
    actions.push(h('button', { type: 'button', 'data-testid': `approve-${b.id}`, onclick: approve }, t('bulletins.approve')), reason,
      h('button', { type: 'button', class: 'secondary', 'data-testid': `reject-${b.id}`, onclick: reject }, t('bulletins.reject')));
  }
  if (b.flaggedForReview && can('ProgrammeApprove')) {
    actions.push(h('button', { type: 'button', class: 'secondary', 'data-testid': `review-${b.id}`, onclick: () => act('review', {}, 'bulletins.reviewed') }, t('bulletins.reviewButton')));
  }
  if (['approved', 'scheduled', 'aired'].includes(b.status) && can('Schedule')) {
    actions.push(h('button', { type: 'button', class: 'secondary', 'data-testid': `schedule-${b.id}`, onclick: () => navigate(`schedule?programme=${encodeURIComponent(b.id)}`) }, t('bulletins.schedule')));
  }
  const who = b.status === 'approved' && b.approvedBy ? t('bulletins.approvedBy', { who: b.approvedBy, at: dateTime(b.approvedAt) })
    : b.submittedBy ? t('bulletins.by', { who: b.submittedBy, at: dateTime(b.submittedAt) })
      : t('bulletins.createdBy', { who: b.createdBy, at: dateTime(b.createdAt) });
  return h('div', { class: 'panel', 'data-bulletin': b.id, 'data-status': b.status },
    h('div', { class: 'row' }, h('strong', {}, b.title), h('span', { class: 'badge' }, t(`bulletin.${b.status}`)),
      b.flaggedForReview ? h('span', { class: 'badge emergency' }, t('bulletin.flagged')) : null,
      h('span', { class: 'muted small' }, `${b.commune ? communeName(b.commune) : t('library.noCommune')} · ${t(`category.${b.category}`)} · ${duration(b.durationSeconds)}`)),
    h('p', { class: 'small muted' }, who, b.reason ? ` · ${t('bulletins.reasonWas', { reason: b.reason })}` : '',
      b.nextUse ? ` · ${t('bulletins.nextUse', { when: b.nextUse })}` : '', b.flagDetail ? ` · ${b.flagDetail}` : ''),
    h('audio', { controls: true, preload: 'none', src: b.audioUrl, 'data-testid': `bulletin-audio-${b.id}` }),
    b.text ? h('blockquote', { class: 'small' }, b.text) : null,
    actions.length ? h('div', { class: 'row' }, actions) : null);
}
