// Two dictionaries, Vietnamese first: a missing English string falls back to Vietnamese, a missing key shows itself
// (so a gap is visible in review rather than blank).
import vi from './i18n/vi.js';
import en from './i18n/en.js';

const dictionaries = { vi, en };
const storageKey = 'bcast.lang';
const listeners = new Set();

let current = dictionaries[localStorage.getItem(storageKey)] ? localStorage.getItem(storageKey) : 'vi';
document.documentElement.lang = current;

export function lang() { return current; }

export function t(key, vars) {
  let text = dictionaries[current][key] ?? dictionaries.vi[key] ?? key;
  if (vars) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }
  return text;
}

export function setLang(value) {
  if (!dictionaries[value] || value === current) return;
  current = value;
  localStorage.setItem(storageKey, value);
  document.documentElement.lang = value;
  for (const fn of listeners) fn(value);
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Locale for dates and numbers: vi-VN writes 24/11/2026 and 1.234,5. */
export function locale() { return current === 'vi' ? 'vi-VN' : 'en-GB'; }
