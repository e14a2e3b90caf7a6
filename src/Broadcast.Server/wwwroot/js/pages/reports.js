// Reports: the audit trail export and today's entries; per-commune airtime reports are a later feature.
import { api, query } from '../api.js';
import { can } from '../session.js';
import { t } from '../i18n.js';
import { h, notice, dateTime } from '../dom.js';

export async function render(main) {
  main.append(h('h1', {}, t('reports.title')), notice('info', t('reports.placeholder'), 'reports-placeholder'));
  if (!can('AuditRead')) return;
  const today = new Date();
  const from = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  main.append(h('section', { class: 'panel' }, h('h2', {}, t('reports.audit')),
    h('p', {}, h('a', { href: '/api/audit.csv', class: 'button', download: 'audit.csv', 'data-testid': 'audit-csv' }, t('reports.csv')))));
  try {
    const page = await api(query('/api/audit', { from, limit: 200 }));
    const entries = [...page.entries].reverse();
    main.append(h('section', { class: 'panel' }, h('h2', {}, t('reports.today')),
      entries.length === 0 ? h('p', { class: 'muted' }, t('reports.none')) : h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'audit-table' },
        h('thead', {}, h('tr', {}, ['reports.at', 'reports.actor', 'reports.action', 'reports.subject', 'reports.result'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, entries.map((e) => h('tr', {},
          h('td', {}, dateTime(e.at)), h('td', {}, e.actor), h('td', { class: 'mono' }, e.action), h('td', {}, e.subject),
          h('td', {}, e.result, e.detail ? h('div', { class: 'small muted' }, e.detail) : null))))))));
  } catch (err) {
    main.append(notice('error', err.message));
  }
}
