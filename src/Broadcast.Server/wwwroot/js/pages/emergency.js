// EMERGENCY: choose targets (or all), choose the alert (recorded, uploaded now, or text read aloud), confirm twice,
// start at emergency priority, watch delivery per cluster live, stop.
import { api, query, ApiError } from '../api.js';
import { uploadProgramme } from '../upload.js';
import { live, onLive, communeName, hamletName, districtReady, programmeLabel, targetLabel } from '../live.js';
import { canEmergency } from '../session.js';
import { t } from '../i18n.js';
import { h, clear, say, notice, duration, bytes } from '../dom.js';
import { confirmDialog } from '../modal.js';

const pollMs = 1000;

export function render(main) {
  const state = { programme: null, title: '' };
  const targets = targetStep();
  const content = contentStep(state);
  const message = h('div', { 'data-testid': 'emergency-message' });
  const onAir = h('div', { 'data-testid': 'emergency-on-air' });
  const start = h('button', { type: 'button', class: 'danger big', 'data-testid': 'emergency-start', disabled: !canEmergency() }, t('emergency.start'));
  let watcher = null;

  start.addEventListener('click', async () => {
    say(message, '', '');
    const target = targets.value();
    if (!target) { say(message, 'error', t('emergency.needTarget')); return; }
    if (!state.programme) { say(message, 'error', t('emergency.needProgramme')); return; }
    const clusters = targets.count();
    const first = await confirmDialog({
      title: t('emergency.confirm1Title'),
      body: [h('p', {}, t('emergency.confirm1Body', { title: state.title, targets: targets.describe(), clusters })), h('p', { class: 'small muted' }, t('emergency.confirm1Note'))],
      ok: t('emergency.confirm1Ok'), testid: 'confirm1',
    });
    if (!first) return;
    const second = await confirmDialog({
      title: t('emergency.confirm2Title'), body: t('emergency.confirm2Body', { clusters }), ok: t('emergency.confirm2Ok'), alarm: true, testid: 'confirm2',
    });
    if (!second) return;
    start.disabled = true;
    try {
      const b = await api('/api/broadcasts', { method: 'POST', body: { programme: state.programme, target, priority: 'emergency' } });
      say(message, 'ok', t('emergency.started', { id: b.id }));
      watcher?.();
      watcher = watch(onAir, b, message, state.title);
    } catch (err) {
      say(message, 'error', err.message);
    } finally {
      start.disabled = !canEmergency();
    }
  });

  main.append(h('section', { class: 'panel emergency-head' }, h('h1', {}, t('emergency.title')), h('p', {}, t('emergency.intro')),
    canEmergency() ? null : notice('warn', t('emergency.noPermission'), 'emergency-no-permission')),
  onAir,
  h('div', { class: 'steps' },
    h('section', { class: 'panel step' }, h('h2', {}, t('emergency.step1')), targets.element),
    h('section', { class: 'panel step' }, h('h2', {}, t('emergency.step2')), content),
    h('section', { class: 'panel step' }, h('h2', {}, t('emergency.step3')), message, start)));

  // An emergency already on air (started from here before, or elsewhere) is shown so it can be stopped.
  const resume = () => {
    const running = live.broadcasts.find((b) => String(b.priority).toLowerCase() === 'emergency');
    if (running && !watcher) watcher = watch(onAir, running, message);
  };
  resume();
  const off = onLive(resume);
  return () => { off(); watcher?.(); };
}

function targetStep() {
  const all = h('input', { type: 'radio', name: 'em-scope', value: 'all', checked: true, 'data-testid': 'emergency-all' });
  const some = h('input', { type: 'radio', name: 'em-scope', value: 'some', 'data-testid': 'emergency-some' });
  const picks = h('div', { class: 'commune-picks', hidden: true, 'data-testid': 'emergency-communes' });
  const summary = h('p', { class: 'small', 'data-testid': 'emergency-target-summary' });
  const checked = () => [...picks.querySelectorAll('input:checked')].map((x) => x.value);
  const clustersOf = (ids) => (live.district?.communes ?? []).filter((c) => ids === null || ids.includes(c.id))
    .reduce((n, c) => n + c.hamlets.reduce((m, x) => m + x.clusters.length, 0), 0);
  const picker = {
    value: () => (all.checked ? 'all' : checked().map((id) => `commune:${id}`).join(',')),
    count: () => clustersOf(all.checked ? null : checked()),
    describe: () => (all.checked ? t('emergency.allDistrict') : checked().map(communeName).join(', ')),
  };
  const update = () => {
    picks.hidden = all.checked;
    summary.textContent = picker.value() ? t('emergency.targetSummary', { what: picker.describe(), n: picker.count() }) : t('emergency.needTarget');
  };
  for (const r of [all, some]) r.addEventListener('change', update);
  districtReady().then((d) => {
    picks.append(...d.communes.map((c) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', value: c.id, 'data-commune': c.id, onchange: update }), c.name)));
    update();
  });
  update();
  picker.element = h('div', {},
    h('div', { class: 'choice' }, h('label', { class: 'inline' }, all, t('emergency.allDistrict')), h('label', { class: 'inline' }, some, t('emergency.someCommunes'))),
    picks, summary);
  return picker;
}

function contentStep(state) {
  const recorded = h('select', { 'data-testid': 'emergency-programme', 'aria-label': t('emergency.recorded') }, h('option', { value: '' }, t('emergency.choose')));
  const preview = h('div');
  const chosen = h('p', { class: 'small', 'data-testid': 'emergency-chosen' });
  const choose = (id, title) => {
    state.programme = id || null;
    state.title = title;
    chosen.textContent = id ? t('emergency.chosen', { title }) : '';
    clear(preview);
    if (id) preview.append(h('audio', { controls: true, preload: 'none', src: `/api/programmes/${encodeURIComponent(id)}/audio` }));
    if (recorded.value !== (id ?? '')) recorded.value = id ?? '';
  };
  const addOption = (p) => {
    if (![...recorded.options].some((o) => o.value === p.id)) recorded.append(h('option', { value: p.id }, p.title));
  };
  recorded.addEventListener('change', () => choose(recorded.value, recorded.selectedOptions[0]?.textContent ?? ''));
  const loadRecorded = () => api(query('/api/programmes', { category: 'emergency', pageSize: 100 }))
    .then((r) => r.items.forEach(addOption))
    .catch((err) => preview.append(notice('error', err.message)));
  loadRecorded();

  return h('div', { class: 'grid2' },
    h('div', {},
      h('h3', {}, t('emergency.recorded')), recorded, preview, chosen,
      h('h3', {}, t('emergency.upload')), uploadBox((p) => { addOption(p); choose(p.id, p.title); })),
    h('div', {}, h('h3', {}, t('emergency.tts')), ttsBox((p) => { addOption(p); choose(p.id, p.title); })));
}

function uploadBox(done) {
  const file = h('input', { type: 'file', accept: 'audio/*,.opus,.ogg,.wav,.mp3', 'data-testid': 'emergency-file' });
  const title = h('input', { placeholder: t('library.titleField'), 'aria-label': t('library.titleField'), 'data-testid': 'emergency-upload-title' });
  const bar = h('progress', { max: 100, value: 0, hidden: true, 'data-testid': 'emergency-upload-progress' });
  const message = h('div');
  const go = h('button', { type: 'button', class: 'secondary', 'data-testid': 'emergency-upload' }, t('library.upload'));
  go.addEventListener('click', async () => {
    if (!file.files[0]) return;
    const form = new FormData();
    form.append('title', title.value.trim() || file.files[0].name.replace(/\.[^.]+$/, ''));
    form.append('category', 'emergency');
    form.append('file', file.files[0]);
    bar.hidden = false;
    go.disabled = true;
    try {
      const p = await uploadProgramme(form, {
        onProgress: (sent, total) => { bar.value = Math.floor((sent / total) * 100); say(message, 'info', t('library.uploading', { percent: bar.value, sent: bytes(sent), total: bytes(total) })); },
        onSent: () => say(message, 'info', t('library.processing')),
      });
      say(message, 'ok', t('library.uploaded', { title: p.title, duration: duration(p.durationSeconds), lufs: p.loudnessLufs ?? '–' }));
      done(p);
    } catch (err) {
      say(message, 'error', err.message);
    } finally {
      go.disabled = false;
    }
  });
  return h('div', {}, file, title, go, bar, message);
}

/** Text to speech through POST /api/tts (docs/console.md); a controller without it answers 404 and the box says so. */
function ttsBox(done) {
  const text = h('textarea', { placeholder: t('emergency.ttsHint'), 'data-testid': 'emergency-tts-text', maxLength: 4000 });
  const message = h('div', { 'data-testid': 'emergency-tts-message' });
  const go = h('button', { type: 'button', class: 'secondary', 'data-testid': 'emergency-tts' }, t('emergency.ttsMake'));
  go.addEventListener('click', async () => {
    if (!text.value.trim()) return;
    go.disabled = true;
    say(message, 'info', t('emergency.ttsWorking'));
    try {
      // A draft: an emergency may air it unapproved, and the controller flags it for review afterwards.
      const p = await api('/api/tts', { method: 'POST', body: { text: text.value.trim(), title: t('emergency.ttsTitle'), category: 'emergency' } });
      say(message, 'ok', t('emergency.ttsDone', { duration: duration(p.durationSeconds) }));
      done(p);
    } catch (err) {
      // 404: no text-to-speech on this controller; 503: it has one but espeak-ng is missing (the message says so).
      const missing = err instanceof ApiError && (err.unavailable || err.status === 503);
      say(message, missing ? 'warn' : 'error', err instanceof ApiError && err.unavailable ? t('emergency.ttsUnavailable') : err.message);
    } finally {
      go.disabled = false;
    }
  });
  return h('div', {}, text, message, h('div', { class: 'actions' }, go));
}

/** Shows the broadcast's delivery per cluster from GET /api/broadcasts/{id} every second, until it ends or is stopped. */
function watch(container, broadcast, message, title) {
  let timer = null;
  let stopped = false;
  let previous = new Map();
  const table = h('div', { class: 'delivery', 'data-testid': 'delivery' });
  const open = new Set();
  const programme = h('strong', {}, title || programmeLabel(broadcast.programme));
  const totals = h('strong', { 'data-testid': 'emergency-totals' });
  const refused = h('div');
  const status = h('span', { class: 'badge emergency', 'data-testid': 'emergency-state' }, t('emergency.onAir'));
  const stop = h('button', { type: 'button', class: 'danger big', 'data-testid': 'emergency-stop' }, t('emergency.stop'));
  const panel = h('section', { class: 'panel on-air', 'data-broadcast': broadcast.id, 'data-state': 'playing' },
    h('div', { class: 'row' }, h('h2', {}, t('emergency.onAirTitle', { id: broadcast.id })), status, h('span', { class: 'spacer' }), stop),
    h('p', {}, programme, ' · ', targetLabel(broadcast.target), ' · ', totals), refused,
    table);
  clear(container).append(panel);

  const ended = (why) => {
    stopped = true;
    clearTimeout(timer);
    panel.dataset.state = 'ended';
    status.textContent = why;
    status.className = 'badge';
    stop.disabled = true;
  };
  stop.addEventListener('click', async () => {
    if (!await confirmDialog({ title: t('emergency.stopTitle'), body: t('emergency.stopBody'), ok: t('emergency.stop'), testid: 'confirm-stop' })) return;
    try {
      await api(`/api/broadcasts/${broadcast.id}`, { method: 'DELETE' });
      ended(t('emergency.stopped'));
      say(message, 'ok', t('emergency.stoppedMessage', { id: broadcast.id }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) ended(t('emergency.ended'));
      else say(message, 'error', err.message);
    }
  });

  const poll = async () => {
    try {
      const b = await api(`/api/broadcasts/${broadcast.id}`);
      if (!title) programme.textContent = programmeLabel(b.programme);
      previous = drawDelivery(table, totals, refused, b, previous, open);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) { if (!stopped) ended(t('emergency.ended')); return; }
    }
    if (!stopped) timer = setTimeout(poll, pollMs);
  };
  poll();
  return () => { stopped = true; clearTimeout(timer); };
}

// A cluster receives when it is in the broadcast and its packet count grows (on the first look: when any were sent).
// "In the broadcast" alone is not enough: an offline cluster stays a member while every packet to it goes nowhere.
// One line per commune (x of y receiving), unfolding to its clusters; the folds survive the refresh every second.
function drawDelivery(container, totals, refused, b, previous, open) {
  const receiving = (d) => d.active && d.packetsSent > (previous.get(d.endpoint)?.packetsSent ?? 0);
  const count = b.delivery.filter(receiving).length;
  totals.textContent = t('emergency.receivingTotals', { active: count, targets: b.targets.length });
  totals.dataset.receiving = count;
  totals.dataset.targets = b.targets.length;
  clear(refused);
  if (b.refused.length) refused.append(notice('warn', t('emergency.refusedList', { list: b.refused.map((r) => `${r.endpoint}: ${r.reason}`).join('; ') })));

  const groups = new Map();
  for (const d of b.delivery) {
    const commune = live.endpoints.get(d.endpoint)?.commune ?? '';
    if (!groups.has(commune)) groups.set(commune, []);
    groups.get(commune).push(d);
  }
  clear(container).append(...[...groups].map(([commune, rows]) => {
    const ok = rows.filter(receiving).length;
    const fold = h('details', { class: 'panel', 'data-commune': commune, 'data-receiving': ok, 'data-targets': rows.length, open: open.has(commune) },
      h('summary', {}, h('strong', {}, communeName(commune)), ' · ',
        h('span', { class: ok === rows.length ? 'ok' : 'bad' }, t('emergency.receivingTotals', { active: ok, targets: rows.length }))),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['emergency.cluster', 'endpoints.hamlet', 'endpoints.state', 'emergency.receiving', 'emergency.packets', 'emergency.errors'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, rows.map((d) => {
          const e = live.endpoints.get(d.endpoint);
          const yes = receiving(d);
          return h('tr', { 'data-cluster': d.endpoint, 'data-receiving': yes },
            h('td', { class: 'mono' }, d.endpoint), h('td', {}, hamletName(e?.hamlet ?? '')), h('td', {}, t(`state.${e?.state ?? 'offline'}`)),
            h('td', { class: yes ? 'ok' : 'bad' }, yes ? '✓' : '✗'), h('td', {}, d.packetsSent), h('td', {}, d.sendErrors + d.notRouted));
        })))));
    fold.addEventListener('toggle', () => { if (fold.open) open.add(commune); else open.delete(commune); });
    return fold;
  }));
  return new Map(b.delivery.map((d) => [d.endpoint, d]));
}
