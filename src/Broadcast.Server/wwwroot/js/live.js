// The live state of the district for every page: one EventSource on /api/events (docs/console.md) shared by the whole
// console. If the stream cannot be opened (an older controller, or a proxy that refuses it) the console polls
// /api/endpoints and /api/broadcasts every few seconds instead, and says so with the dot in the header.
import { api } from './api.js';
import { t } from './i18n.js';

const pollMs = 3000;

export const live = {
  /** { id, name, communes: [{ id, name, hamlets: [{ id, name, clusters: [ids] }] }] } or null until known. */
  district: null,
  /** id -> { id, commune, hamlet, state: offline|online|playing|fault, channel, lossPerTenThousand } */
  endpoints: new Map(),
  /** Active broadcasts with delivery totals. */
  broadcasts: [],
  /** connecting, sse or polling. */
  mode: 'idle',
  /** When the last state arrived (Date.now()). */
  updated: 0,
};

const listeners = new Set();
let source = null;
let pollTimer = null;
let notifyPending = false;

export function onLive(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// Several events can arrive together (district, endpoints, broadcasts): the pages redraw once per frame.
function notify() {
  live.updated = Date.now();
  if (notifyPending) return;
  notifyPending = true;
  requestAnimationFrame(() => {
    notifyPending = false;
    for (const fn of listeners) fn(live);
  });
}

function setMode(mode) {
  live.mode = mode;
  const dot = document.getElementById('live-dot');
  if (dot) dot.dataset.mode = mode;
  notify();
}

export function startLive() {
  if (source || pollTimer) return;
  setMode('connecting');
  source = new EventSource('/api/events');
  let opened = false;
  source.addEventListener('open', () => { opened = true; setMode('sse'); });
  source.addEventListener('district', (e) => { live.district = JSON.parse(e.data); notify(); });
  source.addEventListener('endpoints', (e) => {
    const { items } = JSON.parse(e.data);
    live.endpoints = new Map(items.map((x) => [x.id, x]));
    notify();
  });
  source.addEventListener('endpoints-delta', (e) => {
    for (const x of JSON.parse(e.data).items) live.endpoints.set(x.id, x);
    notify();
  });
  source.addEventListener('broadcasts', (e) => { live.broadcasts = JSON.parse(e.data); notify(); });
  source.addEventListener('error', () => {
    // CLOSED: the server answered with an error status (EventSource does not retry those): poll instead.
    // CONNECTING: the link dropped and EventSource retries by itself; poll meanwhile only if it never worked.
    if (source.readyState === EventSource.CLOSED || !opened) {
      source.close();
      source = null;
      startPolling();
    } else {
      setMode('connecting');
    }
  });
}

export function stopLive() {
  source?.close();
  source = null;
  clearTimeout(pollTimer);
  pollTimer = null;
  live.endpoints = new Map();
  live.broadcasts = [];
  live.district = null;
  setMode('idle');
}

function startPolling() {
  setMode('polling');
  const tick = async () => {
    try {
      const [endpoints, broadcasts] = await Promise.all([api('/api/endpoints'), api('/api/broadcasts')]);
      live.endpoints = new Map(endpoints.map((e) => [e.id, fromEndpointView(e)]));
      live.broadcasts = broadcasts.map((b) => fromBroadcastInfo(b, live.endpoints));
      live.district ??= districtFromEndpoints(endpoints);
      notify();
    } catch {
      // Shown by the dot going stale; the next tick tries again.
    }
    if (live.mode === 'polling') pollTimer = setTimeout(tick, pollMs);
  };
  tick();
}

// The same derivation as the server's feed, from the plain endpoint list.
function fromEndpointView(e) {
  const state = !e.online ? 'offline' : e.playingChannel ? 'playing' : 'online';
  return { id: e.id, commune: e.commune, hamlet: e.hamlet, state, channel: e.playingChannel, lossPerTenThousand: e.lossPerTenThousand };
}

// As the feed counts them: a cluster receives when it is in the broadcast and online.
function fromBroadcastInfo(b, endpoints) {
  const delivery = b.delivery ?? [];
  const online = (id) => ['online', 'playing'].includes(endpoints.get(id)?.state);
  return {
    id: b.id, channel: b.channel, programme: b.programme, target: b.target, priority: b.priority, state: b.state,
    durationSeconds: b.durationSeconds, positionSeconds: b.positionSeconds,
    targets: (b.targets ?? []).length, receiving: delivery.filter((d) => d.active && online(d.endpoint)).length, refused: (b.refused ?? []).length,
    packetsSent: delivery.reduce((s, d) => s + d.packetsSent, 0), sendErrors: delivery.reduce((s, d) => s + d.sendErrors, 0),
  };
}

// Without the feed there are no names: communes and hamlets are shown by id.
function districtFromEndpoints(endpoints) {
  const communes = new Map();
  for (const e of endpoints) {
    const c = communes.get(e.commune) ?? { id: e.commune, name: e.commune, hamlets: new Map() };
    const hamlet = c.hamlets.get(e.hamlet) ?? { id: e.hamlet, name: e.hamlet, clusters: [] };
    hamlet.clusters.push(e.id);
    c.hamlets.set(e.hamlet, hamlet);
    communes.set(e.commune, c);
  }
  return { id: '', name: '', communes: [...communes.values()].map((c) => ({ ...c, hamlets: [...c.hamlets.values()] })) };
}

/** Commune name by id (the id itself when unknown). */
export function communeName(id) {
  return live.district?.communes.find((c) => c.id === id)?.name ?? id;
}

export function hamletName(id) {
  for (const c of live.district?.communes ?? []) {
    const hamlet = c.hamlets.find((x) => x.id === id);
    if (hamlet) return hamlet.name;
  }
  return id;
}

/** Resolves when the district is known (from the feed or the first poll). */
export function districtReady() {
  if (live.district) return Promise.resolve(live.district);
  return new Promise((resolve) => {
    const off = onLive((l) => { if (l.district) { off(); resolve(l.district); } });
  });
}

/** A target expression for people: "commune:a-lu,hamlet:x" becomes "A Lù, Thôn Ná Thành". */
export function targetLabel(expression) {
  return String(expression ?? '').split(',').map((part) => {
    const [kind, id] = part.trim().split(/:(.*)/s);
    if (kind === 'all') return t('target.all');
    if (kind === 'commune') return communeName(id);
    if (kind === 'hamlet') return hamletName(id);
    return part.trim();
  }).join(', ');
}

// Broadcasts name a library programme by its stored file (.../objects/<content hash>.opus); the library lists the
// same hash per programme, so the console can show the title. Looked up again at most every 30 s on a miss.
const titles = new Map();
let titlesFetched = 0;

export function programmeLabel(programme) {
  const text = String(programme ?? '');
  const hash = /objects\/([0-9a-f]{64})\.opus$/.exec(text)?.[1];
  if (!hash) return text.split('/').pop();
  if (titles.has(hash)) return titles.get(hash);
  if (Date.now() - titlesFetched > 30_000) {
    titlesFetched = Date.now();
    api('/api/programmes?pageSize=200').then((page) => {
      for (const p of page.items) titles.set(p.contentHash, p.title);
      if (titles.has(hash)) notify();
    }).catch(() => { /* the file name stays */ });
  }
  return `${hash.slice(0, 8)}…`;
}
