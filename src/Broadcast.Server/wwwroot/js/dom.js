// Small DOM helpers: building elements with text (never innerHTML with data, so names from the API cannot inject markup).
import { t, locale } from './i18n.js';

/** h('button', { class: 'danger', onclick: fn, 'data-testid': 'stop' }, 'Stop') */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null) continue;
    // data-* and aria-* keep false as "false": tests and assistive technology read the value, not the presence.
    if (key.startsWith('data-') || key.startsWith('aria-')) { el.setAttribute(key, String(value)); continue; }
    if (value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && key !== 'list' && key !== 'for') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** A notice box; kind is ok, error, warn or info. */
export function notice(kind, text, testid) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': testid }, text);
}

/** Replaces the content of a message slot with a notice (or empties it when text is empty). */
export function say(slot, kind, text) {
  clear(slot);
  if (text) slot.append(notice(kind, text));
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
}

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function priorityBadge(priority) {
  const p = String(priority ?? '').toLowerCase();
  return h('span', { class: `badge ${p}` }, t(`priority.${p}`));
}

/** A select of options [{ value, label }]. */
export function select(props, options, selected) {
  return h('select', props, options.map((o) => h('option', { value: o.value, selected: o.value === selected }, o.label)));
}

/** Moves keyboard focus to a freshly rendered page, for screen readers and keyboard users. */
export function focusMain() {
  document.getElementById('main')?.focus({ preventScroll: true });
}
