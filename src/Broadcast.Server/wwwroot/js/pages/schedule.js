// Schedule: the week calendar of slots (GET /api/slots), the schedules with a form to add one, and the play queues.
import { api, query } from '../api.js';
import { can } from '../session.js';
import { t, locale } from '../i18n.js';
import { h, clear, say, priorityBadge, select } from '../dom.js';
import { targetPicker, priorityPicker } from '../target.js';
import { targetLabel } from '../live.js';
import { renderQueues } from './queue.js';

export function render(main) {
  // Weeks start on Monday; dates are the controller's local dates as the slots carry them (2026-11-24T05:30:00+07:00).
  let monday = mondayOf(new Date());
  const week = h('div', { class: 'week', 'data-testid': 'week' });
  const label = h('strong', { 'data-testid': 'week-label' });
  const weekMessage = h('div');
  const schedules = h('div', { 'data-testid': 'schedule-list' });
  const queues = h('div', { 'data-testid': 'queues' });

  const loadWeek = async () => {
    const from = isoDate(monday);
    const to = isoDate(addDays(monday, 7));
    label.textContent = t('schedule.weekOf', { from: shortDate(monday), to: shortDate(addDays(monday, 6)) });
    week.dataset.from = from;
    try {
      drawWeek(week, monday, await api(query('/api/slots', { from, to })));
      say(weekMessage, '', '');
    } catch (err) {
      say(weekMessage, 'error', err.message);
    }
  };
  const loadSchedules = async () => {
    try {
      drawSchedules(schedules, await api('/api/schedules'), refresh);
    } catch (err) {
      clear(schedules).append(h('div', { class: 'notice error' }, err.message));
    }
  };
  const refresh = () => { loadWeek(); loadSchedules(); };
  const shift = (days) => { monday = addDays(monday, days); loadWeek(); };

  main.append(h('h1', {}, t('schedule.title')),
    h('section', { class: 'panel' },
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'week-prev', onclick: () => shift(-7) }, t('schedule.prev')),
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'week-today', onclick: () => { monday = mondayOf(new Date()); loadWeek(); } }, t('schedule.today')),
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'week-next', onclick: () => shift(7) }, t('schedule.next')),
        label),
      weekMessage, week),
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, t('schedule.schedules')), schedules),
      can('Schedule') ? h('section', { class: 'panel' }, h('h2', {}, t('schedule.add')), addForm(refresh)) : null),
    h('section', { class: 'panel' }, h('h2', {}, t('queue.title')), queues));
  refresh();
  const stopQueues = renderQueues(queues);
  return stopQueues;
}

function drawWeek(container, monday, slots) {
  clear(container);
  const today = isoDate(new Date());
  for (let i = 0; i < 7; i++) {
    const date = isoDate(addDays(monday, i));
    const mine = slots.filter((s) => s.plannedAt.slice(0, 10) === date);
    container.append(h('div', { class: `day${date === today ? ' today' : ''}`, 'data-date': date },
      h('h3', {}, new Date(`${date}T12:00:00`).toLocaleDateString(locale(), { weekday: 'short', day: 'numeric', month: 'numeric' })),
      mine.length === 0 ? h('div', { class: 'small muted' }, '–') : null,
      mine.map((s) => h('div', { class: 'slot', 'data-status': s.status, 'data-schedule': s.scheduleId, title: s.reason ?? '' },
        h('span', { class: 'when' }, s.plannedAt.slice(11, 16)), ' ', s.name,
        h('div', { class: 'small muted' }, `${targetLabel(s.target)} · ${t(`slot.${s.status}`)}`)))));
  }
}

function drawSchedules(container, list, refresh) {
  clear(container);
  const active = list.filter((s) => !s.removedAt);
  if (active.length === 0) {
    container.append(h('p', { class: 'muted' }, t('schedule.none')));
    return;
  }
  for (const s of active) {
    container.append(h('div', { class: 'bcast', 'data-schedule': s.id },
      priorityBadge(s.priority),
      h('strong', {}, s.name),
      h('span', { class: 'muted' }, s.description),
      h('span', { class: 'small' }, targetLabel(s.target)),
      can('Schedule') ? h('button', { type: 'button', class: 'secondary', 'data-testid': `remove-schedule-${s.id}`, onclick: async () => {
        try { await api(`/api/schedules/${s.id}`, { method: 'DELETE' }); refresh(); } catch (err) { container.prepend(h('div', { class: 'notice error' }, err.message)); }
      } }, t('common.remove')) : null));
  }
}

function addForm(refresh) {
  const name = h('input', { id: 'sch-name', class: 'field', required: true, 'data-testid': 'schedule-name' });
  const programme = h('select', { id: 'sch-programme', required: true, 'data-testid': 'schedule-programme' });
  const target = targetPicker({ id: 'sch-target', permission: 'Schedule' });
  const priority = priorityPicker({ id: 'sch-priority', permission: 'Schedule' });
  const kind = select({ id: 'sch-kind', 'data-testid': 'schedule-kind' }, ['oneOff', 'daily', 'weekdays'].map((k) => ({ value: k, label: t(`kind.${k}`) })), 'oneOff');
  const at = h('input', { id: 'sch-at', type: 'datetime-local', 'data-testid': 'schedule-at' });
  const times = h('input', { id: 'sch-times', placeholder: '05:30, 17:00', hidden: true, 'data-testid': 'schedule-times' });
  const message = h('div', { 'data-testid': 'schedule-message' });
  kind.addEventListener('change', () => { at.hidden = kind.value !== 'oneOff'; times.hidden = kind.value === 'oneOff'; });
  // Only approved programmes can be scheduled; the others are listed, marked, so the refusal is no surprise.
  const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('programme');
  api(query('/api/programmes', { pageSize: 200 })).then((r) => {
    programme.append(...r.items.map((p) => h('option', { value: p.id, selected: p.id === wanted },
      `${p.title} (${t(`category.${p.category}`)})${p.state && p.state !== 'approved' ? ` – ${t(`bulletin.${p.state}`)}` : ''}`)));
    if (wanted) name.focus();
  }).catch((err) => say(message, 'error', err.message));

  const form = h('form', { onsubmit: async (e) => {
    e.preventDefault();
    const body = { name: name.value.trim(), programmes: [programme.value], target: target.value(), priority: priority.value, kind: kind.value };
    if (kind.value === 'oneOff') body.at = at.value.replace('T', ' ');
    else body.times = times.value.split(',').map((x) => x.trim()).filter(Boolean);
    try {
      const created = await api('/api/schedules', { method: 'POST', body });
      say(message, 'ok', t('schedule.created', { name: created.name, next: created.next?.[0]?.at?.replace('T', ' ').slice(0, 16) ?? '–' }));
      refresh();
    } catch (err) {
      say(message, 'error', err.message);
    }
  } },
  h('label', { for: 'sch-name' }, t('schedule.name')), name,
  h('label', { for: 'sch-programme' }, t('schedule.programme')), programme,
  h('label', {}, t('target.label')), target.element,
  h('label', { for: 'sch-priority' }, t('schedule.priority')), priority,
  h('label', { for: 'sch-kind' }, t('schedule.kind')), h('div', { class: 'row' }, kind, at, times),
  message,
  h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-testid': 'schedule-submit' }, t('schedule.addSubmit'))));
  return form;
}

function mondayOf(date) {
  return addDays(date, -((date.getDay() + 6) % 7));
}

// Calendar arithmetic on local dates (not milliseconds), so a daylight-saving change cannot shift a day.
function addDays(date, n) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + n);
}

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function shortDate(d) {
  return d.toLocaleDateString(locale(), { day: 'numeric', month: 'numeric', year: 'numeric' });
}
