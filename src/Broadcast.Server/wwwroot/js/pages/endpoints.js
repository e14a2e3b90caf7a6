// Endpoints (speaker clusters) for technicians: the list with last seen, details, revoke, and provisioning a new one
// (its credentials file is shown once and never stored by the controller).
import { api } from '../api.js';
import { live, communeName, hamletName, districtReady } from '../live.js';
import { can } from '../session.js';
import { t } from '../i18n.js';
import { h, clear, say, dateTime } from '../dom.js';
import { confirmDialog } from '../modal.js';

const refreshMs = 5000;

export function render(main) {
  const filter = h('input', { type: 'search', placeholder: t('endpoints.filter'), 'aria-label': t('endpoints.filter'), 'data-testid': 'endpoint-filter' });
  const table = h('div', { class: 'table-wrap', 'data-testid': 'endpoint-table' });
  const details = h('div', { 'data-testid': 'endpoint-details' }, h('p', { class: 'muted small' }, t('endpoints.pick')));
  const message = h('div', { 'data-testid': 'endpoint-message' });
  let rows = [];
  let selected = null;
  let timer = null;

  const draw = () => drawTable(table, rows, filter.value, selected, (id) => { selected = id; draw(); showDetails(details, id, message, load); });
  const load = async () => {
    clearTimeout(timer);
    try {
      rows = await api('/api/endpoints');
      draw();
    } catch (err) {
      say(message, 'error', err.message);
    }
    timer = setTimeout(load, refreshMs);
  };
  filter.addEventListener('input', draw);

  main.append(h('h1', {}, t('endpoints.title')),
    h('div', { class: 'grid2' },
      h('section', { class: 'panel' }, h('h2', {}, t('endpoints.details')), message, details),
      can('EndpointsManage') ? h('section', { class: 'panel' }, h('h2', {}, t('endpoints.provision')), provisionForm(load)) : h('div')),
    h('section', { class: 'panel' }, h('div', { class: 'row' }, h('h2', {}, t('endpoints.list')), h('span', { class: 'spacer' }), filter), table));
  load();
  return () => clearTimeout(timer);
}

function stateOf(e) {
  return live.endpoints.get(e.id)?.state ?? (!e.online ? 'offline' : e.playingChannel ? 'playing' : 'online');
}

function drawTable(container, rows, text, selected, pick) {
  const needle = text.trim().toLocaleLowerCase();
  const shown = rows.filter((e) => !needle || [e.id, e.commune, e.hamlet, communeName(e.commune), hamletName(e.hamlet)].some((x) => x.toLocaleLowerCase().includes(needle)));
  clear(container).append(h('table', {},
    h('thead', {}, h('tr', {}, ['endpoints.id', 'endpoints.commune', 'endpoints.hamlet', 'endpoints.state', 'endpoints.lastSeen'].map((k) => h('th', {}, t(k))),
      h('th', { class: 'opt' }, t('endpoints.address')), h('th', { class: 'opt' }, t('endpoints.loss')))),
    h('tbody', {}, shown.map((e) => h('tr', { class: `clickable${e.id === selected ? ' selected' : ''}`, 'data-endpoint': e.id, 'data-state': stateOf(e), onclick: () => pick(e.id) },
      h('td', { class: 'mono' }, e.id), h('td', {}, communeName(e.commune)), h('td', {}, hamletName(e.hamlet)),
      h('td', {}, h('span', { class: 'chip', 'data-state': stateOf(e) }, t(`state.${stateOf(e)}`))),
      h('td', {}, e.lastSeen ? dateTime(e.lastSeen) : t('endpoints.never')),
      h('td', { class: 'opt mono' }, e.address ?? ''),
      h('td', { class: 'opt' }, e.lossPerTenThousand !== null && e.lossPerTenThousand !== undefined ? `${(e.lossPerTenThousand / 100).toFixed(2)} %` : ''))))));
}

async function showDetails(container, id, message, reload) {
  say(message, '', '');
  try {
    const e = await api(`/api/endpoints/${encodeURIComponent(id)}`);
    const field = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value ?? '–')];
    clear(container).append(h('div', { 'data-endpoint-details': e.id },
      h('h3', { class: 'mono' }, e.id),
      h('dl', {},
        field('endpoints.commune', communeName(e.commune)), field('endpoints.hamlet', hamletName(e.hamlet)),
        field('endpoints.state', t(`state.${stateOf(e)}`)), field('endpoints.lastSeen', e.lastSeen ? dateTime(e.lastSeen) : t('endpoints.never')),
        field('endpoints.address', e.address), field('endpoints.media', e.mediaAddress), field('endpoints.transport', e.transport),
        field('endpoints.channel', e.playingChannel || '–'), field('endpoints.volume', e.volume), field('endpoints.buffer', e.bufferMs !== null && e.bufferMs !== undefined ? `${e.bufferMs} ms` : null),
        field('endpoints.loss', e.lossPerTenThousand !== null && e.lossPerTenThousand !== undefined ? `${(e.lossPerTenThousand / 100).toFixed(2)} %` : null)),
      can('EndpointsManage') ? h('button', { type: 'button', class: 'danger', 'data-testid': 'revoke', onclick: () => revoke(e.id, message, reload) }, t('endpoints.revoke')) : null));
  } catch (err) {
    say(message, 'error', err.message);
  }
}

async function revoke(id, message, reload) {
  if (!await confirmDialog({ title: t('endpoints.revokeTitle', { id }), body: t('endpoints.revokeBody'), ok: t('endpoints.revoke'), testid: 'confirm-revoke' })) return;
  try {
    const r = await api(`/api/endpoints/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
    say(message, 'ok', t(r.alreadyRevoked ? 'endpoints.alreadyRevoked' : 'endpoints.revoked', { id: r.id }));
    reload();
  } catch (err) {
    say(message, 'error', err.message);
  }
}

function provisionForm(reload) {
  const id = h('input', { id: 'pv-id', required: true, placeholder: 'BX-TT-09', 'data-testid': 'provision-id', class: 'field' });
  const commune = h('select', { id: 'pv-commune', 'data-testid': 'provision-commune' }, h('option', { value: '' }, t('endpoints.fromTopology')));
  const hamlet = h('select', { id: 'pv-hamlet', 'data-testid': 'provision-hamlet' }, h('option', { value: '' }, t('endpoints.fromTopology')));
  const bind = h('input', { id: 'pv-bind', placeholder: '10.20.3.15/32', 'data-testid': 'provision-bind' });
  const replace = h('input', { type: 'checkbox', id: 'pv-replace', 'data-testid': 'provision-replace' });
  const message = h('div', { 'data-testid': 'provision-message' });
  const result = h('div', { 'data-testid': 'provision-result' });
  districtReady().then((d) => {
    commune.append(...d.communes.map((c) => h('option', { value: c.id }, c.name)));
  });
  commune.addEventListener('change', () => {
    clear(hamlet).append(h('option', { value: '' }, t('endpoints.fromTopology')));
    const c = live.district?.communes.find((x) => x.id === commune.value);
    hamlet.append(...(c?.hamlets ?? []).map((x) => h('option', { value: x.id }, x.name)));
  });
  return h('form', { onsubmit: async (e) => {
    e.preventDefault();
    clear(result);
    try {
      const body = { id: id.value.trim(), commune: commune.value || undefined, hamlet: hamlet.value || undefined, bind: bind.value.trim() || undefined, replace: replace.checked };
      const p = await api('/api/endpoints', { method: 'POST', body });
      say(message, 'ok', t('endpoints.provisioned', { id: p.id, binding: p.binding }));
      const json = JSON.stringify(p.credentials, null, 2);
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      result.append(h('p', { class: 'notice warn' }, t('endpoints.secretOnce')),
        h('a', { href: url, download: `${p.id}.json`, class: 'button', 'data-testid': 'credentials-download' }, t('endpoints.download', { id: p.id })),
        h('pre', { class: 'secret', 'data-testid': 'credentials' }, json));
      reload();
    } catch (err) {
      say(message, 'error', err.message);
    }
  } },
  h('label', { for: 'pv-id' }, t('endpoints.id')), id,
  h('label', { for: 'pv-commune' }, t('endpoints.commune')), commune,
  h('label', { for: 'pv-hamlet' }, t('endpoints.hamlet')), hamlet,
  h('label', { for: 'pv-bind' }, t('endpoints.bind')), bind,
  h('label', { class: 'inline' }, replace, t('endpoints.replace')),
  message,
  h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-testid': 'provision-submit' }, t('endpoints.provisionSubmit'))),
  result);
}
