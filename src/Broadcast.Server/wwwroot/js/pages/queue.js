// Play queues (GET /api/queue): what plays and what waits per target, with skip and remove; refreshed every 5 s.
import { api } from '../api.js';
import { can } from '../session.js';
import { t } from '../i18n.js';
import { h, clear, dateTime, priorityBadge } from '../dom.js';
import { programmeLabel, targetLabel } from '../live.js';

const refreshMs = 5000;

/** Draws the queues into container and keeps them fresh; returns the function that stops the refresh. */
export function renderQueues(container) {
  let timer = null;
  let stopped = false;
  const load = async () => {
    try {
      draw(container, await api('/api/queue'), load);
    } catch (err) {
      clear(container).append(h('div', { class: 'notice error' }, err.message));
    }
    if (!stopped) timer = setTimeout(load, refreshMs);
  };
  load();
  return () => { stopped = true; clearTimeout(timer); };
}

function draw(container, queues, reload) {
  clear(container);
  const busy = queues.filter((q) => q.nowPlaying || q.next.length);
  if (busy.length === 0) {
    container.append(h('p', { class: 'muted' }, t('queue.empty')));
    return;
  }
  const act = async (path, method, body) => {
    try { await api(path, { method, body }); } catch (err) { container.prepend(h('div', { class: 'notice error' }, err.message)); return; }
    reload();
  };
  for (const q of busy) {
    container.append(h('div', { class: 'panel', 'data-queue': q.target },
      h('div', { class: 'row' }, h('strong', {}, targetLabel(q.target)), h('span', { class: 'spacer' }),
        can('Queue') && q.nowPlaying ? h('button', { type: 'button', class: 'secondary', onclick: () => act('/api/queue/skip', 'POST', { target: q.target }) }, t('queue.skip')) : null),
      q.nowPlaying ? h('p', {}, '▶ ', priorityBadge(q.nowPlaying.priority), ' ', programmeLabel(q.nowPlaying.programme),
        h('span', { class: 'muted small' }, ` ${t('queue.until', { at: dateTime(q.nowPlaying.endsAt) })}`)) : null,
      q.waiting ? h('p', { class: 'small muted' }, q.waiting) : null,
      h('ol', {}, q.next.map((item) => h('li', { 'data-item': item.item },
        priorityBadge(item.priority), ' ', programmeLabel(item.programme), ' ',
        h('span', { class: 'small muted' }, item.startsAt ? t('queue.startsAt', { at: dateTime(item.startsAt) }) : ''), ' ',
        can('Queue') ? h('button', { type: 'button', class: 'link', onclick: () => act(`/api/queue/items/${item.item}`, 'DELETE') }, t('common.remove')) : null)))));
  }
}
