// Target and priority pickers shared by the library, schedule, queue and emergency pages. They offer the whole district:
// the server decides what an account may target and says why it refuses (a hidden option is never the protection).
import { live, districtReady } from './live.js';
import { grant, scopedCommunes } from './session.js';
import { t } from './i18n.js';
import { h, clear } from './dom.js';

/** A picker of all | commune | hamlet | cluster; .value() gives the target expression of the API. */
export function targetPicker({ id = 'target', permission = 'Broadcast' } = {}) {
  const kind = h('select', { id: `${id}-kind`, 'data-testid': `${id}-kind`, 'aria-label': t('target.kind') },
    ['all', 'commune', 'hamlet', 'cluster'].map((k) => h('option', { value: k }, t(`target.${k}`))));
  const which = h('select', { id: `${id}-which`, 'data-testid': `${id}-which`, 'aria-label': t('target.which') });
  const cluster = h('input', { id: `${id}-cluster`, 'data-testid': `${id}-cluster`, placeholder: 'BX-TT-01', size: 12, hidden: true });
  const own = scopedCommunes(permission);

  const fill = () => {
    const district = live.district;
    clear(which);
    which.hidden = kind.value === 'all' || kind.value === 'cluster';
    cluster.hidden = kind.value !== 'cluster';
    if (!district) return;
    if (kind.value === 'commune') {
      for (const c of district.communes) which.append(h('option', { value: c.id, selected: own?.[0] === c.id }, c.name));
    } else if (kind.value === 'hamlet') {
      for (const c of district.communes) {
        which.append(h('optgroup', { label: c.name }, c.hamlets.map((x) => h('option', { value: x.id }, x.name))));
      }
    }
  };
  kind.addEventListener('change', fill);
  // A commune-scoped account starts on its own commune; everyone else on the whole district.
  if (own?.length) kind.value = 'commune';
  fill();
  districtReady().then(() => { const v = which.value; fill(); if (v) which.value = v; });

  const element = h('span', { class: 'row' }, kind, which, cluster);
  return {
    element,
    value() {
      if (kind.value === 'all') return 'all';
      if (kind.value === 'cluster') return `cluster:${cluster.value.trim()}`;
      return `${kind.value}:${which.value}`;
    },
    set(expression) {
      const [k, v] = expression.includes(':') ? expression.split(/:(.*)/s) : [expression, ''];
      kind.value = k;
      fill();
      if (k === 'cluster') cluster.value = v; else if (v) which.value = v;
    },
  };
}

/** Priorities the account may use on routine work (emergency has its own page). */
export function priorityPicker({ id = 'priority', permission = 'Broadcast' } = {}) {
  const scoped = grant(permission) === 'commune';
  const choices = scoped ? ['commune', 'background'] : ['district', 'commune', 'background'];
  return h('select', { id, 'data-testid': id }, choices.map((p) => h('option', { value: p }, t(`priority.${p}`))));
}

/** Commune choices for a programme upload: the account's own communes when it is limited to them. */
export function communeOptions(permission, { allowNone = true } = {}) {
  const own = scopedCommunes(permission);
  const communes = (live.district?.communes ?? []).filter((c) => !own || own.includes(c.id));
  return [
    ...(allowNone && !own ? [{ value: '', label: t('library.noCommune') }] : []),
    ...communes.map((c) => ({ value: c.id, label: c.name })),
  ];
}
