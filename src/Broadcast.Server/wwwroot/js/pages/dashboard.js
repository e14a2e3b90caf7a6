// Dashboard: the district's communes, hamlets and clusters with their state, and what is on air, from the live feed.
import { live, onLive, programmeLabel, targetLabel } from '../live.js';
import { api } from '../api.js';
import { can } from '../session.js';
import { t } from '../i18n.js';
import { h, clear, duration, priorityBadge, say } from '../dom.js';
import { confirmDialog } from '../modal.js';

const states = ['online', 'playing', 'fault', 'offline'];

export function render(main) {
  const title = h('h1', {}, t('dash.title'));
  const tiles = h('div', { class: 'tiles' });
  const onAir = h('div', { 'data-testid': 'on-air' });
  const message = h('div');
  const filter = h('input', { type: 'search', placeholder: t('dash.filter'), 'aria-label': t('dash.filter'), 'data-testid': 'dash-filter' });
  const problems = h('input', { type: 'checkbox', 'data-testid': 'dash-problems' });
  const communes = h('div', { class: 'communes', 'data-testid': 'communes' });
  const tileCounts = {};
  for (const key of ['total', ...states]) {
    const n = h('div', { class: 'n', 'data-testid': `count-${key}` }, '0');
    tiles.append(h('div', { class: `tile ${key}` }, n, h('div', { class: 'small muted' }, t(`dash.${key}`))));
    tileCounts[key] = n;
  }

  main.append(title, tiles,
    h('section', { class: 'panel' }, h('h2', {}, t('dash.onAir')), message, onAir),
    h('div', { class: 'row' }, filter, h('label', { class: 'inline' }, problems, t('dash.onlyProblems')), h('span', { class: 'spacer' }), legend()),
    communes);

  let built = null;
  const draw = () => {
    if (live.district && built !== live.district) {
      built = live.district;
      buildCommunes(communes, live.district);
      title.textContent = live.district.name ? t('dash.titleOf', { name: live.district.name }) : t('dash.title');
    }
    updateStates(communes, tileCounts);
    drawOnAir(onAir, message);
    applyFilter(communes, filter.value, problems.checked);
  };
  filter.addEventListener('input', () => applyFilter(communes, filter.value, problems.checked));
  problems.addEventListener('change', () => applyFilter(communes, filter.value, problems.checked));
  draw();
  return onLive(draw);
}

function legend() {
  return h('div', { class: 'legend' }, states.map((s) => h('span', {}, h('span', { class: 'chip', 'data-state': s }, '  '), ' ', t(`state.${s}`))));
}

function buildCommunes(container, district) {
  clear(container);
  const open = district.communes.length <= 6;
  for (const c of district.communes) {
    const counts = h('span', { class: 'small muted', 'data-role': 'counts' });
    const bar = h('span', { class: 'bar', 'aria-hidden': 'true' }, states.map((st) => h('span', { class: `seg ${st}`, 'data-seg': st })));
    const now = h('div', { class: 'now', 'data-role': 'now' });
    const body = h('div', { class: 'body' }, now, c.hamlets.map((hm) => h('div', { class: 'hamlet', 'data-hamlet': hm.id },
      h('div', { class: 'hname' }, hm.name),
      h('div', { class: 'chips' }, hm.clusters.map((id) => h('span', { class: 'chip', 'data-cluster': id, 'data-state': 'offline', title: id }, id))))));
    container.append(h('details', { class: 'commune', 'data-commune': c.id, 'data-name': c.name, open },
      h('summary', {}, h('span', { class: 'name' }, c.name), counts, bar), body));
  }
}

function updateStates(container, tileCounts) {
  const totals = { total: 0, online: 0, playing: 0, fault: 0, offline: 0 };
  const programmeOf = new Map(live.broadcasts.map((b) => [b.channel, programmeLabel(b.programme)]));
  for (const commune of container.querySelectorAll('details.commune')) {
    const counts = { total: 0, online: 0, playing: 0, fault: 0, offline: 0 };
    const playing = new Set();
    for (const chip of commune.querySelectorAll('.chip')) {
      const e = live.endpoints.get(chip.dataset.cluster);
      const state = e?.state ?? 'offline';
      if (chip.dataset.state !== state) chip.dataset.state = state;
      const tip = `${chip.dataset.cluster}: ${t(`state.${state}`)}${e?.channel ? ` · ${programmeOf.get(e.channel) ?? e.channel}` : ''}`;
      if (chip.title !== tip) chip.title = tip;
      counts.total++;
      // Playing clusters are online too; the tiles count them once in each.
      if (state === 'playing') { counts.playing++; counts.online++; } else counts[state]++;
      if (e?.channel) playing.add(programmeOf.get(e.channel) ?? `#${e.channel}`);
    }
    for (const k of Object.keys(totals)) totals[k] += counts[k];
    commune.dataset.online = counts.online;
    commune.dataset.playing = counts.playing;
    commune.dataset.problems = counts.fault + counts.offline;
    commune.querySelector('[data-role=counts]').textContent = t('dash.communeCounts', counts);
    // The bar shows the mix at a glance while the commune is folded: idle online, playing, fault, offline.
    const shares = { online: counts.online - counts.playing, playing: counts.playing, fault: counts.fault, offline: counts.offline };
    for (const seg of commune.querySelectorAll('[data-seg]')) seg.style.flexGrow = shares[seg.dataset.seg];
    commune.querySelector('[data-role=now]').textContent = playing.size ? `▶ ${[...playing].join(', ')}` : '';
  }
  for (const [k, el] of Object.entries(tileCounts)) el.textContent = totals[k];
}

function drawOnAir(container, message) {
  clear(container);
  if (live.broadcasts.length === 0) {
    container.append(h('p', { class: 'muted', 'data-testid': 'nothing-on-air' }, t('dash.nothingOnAir')));
    return;
  }
  for (const b of live.broadcasts) {
    const progress = b.durationSeconds ? `${duration(b.positionSeconds)} / ${duration(b.durationSeconds)}` : t('dash.live');
    container.append(h('div', { class: 'bcast', 'data-broadcast': b.id },
      priorityBadge(b.priority),
      h('strong', {}, programmeLabel(b.programme)),
      h('span', { class: 'muted' }, targetLabel(b.target)),
      h('span', {}, progress),
      h('span', { 'data-role': 'delivery' }, t('dash.delivery', { active: b.receiving, targets: b.targets })),
      b.refused ? h('span', { class: 'badge' }, t('dash.refused', { n: b.refused })) : null,
      can('Broadcast') ? h('button', { type: 'button', class: 'danger', 'data-testid': `stop-${b.id}`, onclick: () => stop(b, message) }, t('common.stop')) : null));
  }
}

async function stop(b, message) {
  const ok = await confirmDialog({ title: t('dash.stopTitle'), body: t('dash.stopBody', { programme: programmeLabel(b.programme), target: targetLabel(b.target) }), ok: t('common.stop') });
  if (!ok) return;
  try {
    await api(`/api/broadcasts/${b.id}`, { method: 'DELETE' });
    say(message, 'ok', t('dash.stopped', { id: b.id }));
  } catch (err) {
    say(message, 'error', err.message);
  }
}

function applyFilter(container, text, onlyProblems) {
  const needle = text.trim().toLocaleLowerCase();
  for (const commune of container.querySelectorAll('details.commune')) {
    const matchesText = !needle || commune.dataset.name.toLocaleLowerCase().includes(needle)
      || [...commune.querySelectorAll('.chip, .hname')].some((x) => x.textContent.toLocaleLowerCase().includes(needle));
    const matchesProblem = !onlyProblems || Number(commune.dataset.problems) > 0;
    commune.hidden = !(matchesText && matchesProblem);
  }
}
