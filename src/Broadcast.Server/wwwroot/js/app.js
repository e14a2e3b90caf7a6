// Console shell: sign-in state, the hash router (#/dashboard, ...), the header (nav, language, user) and the live feed.
import { api, ApiError, setUnauthorizedHandler } from './api.js';
import { session, signedIn, can } from './session.js';
import { t, lang, setLang, onLangChange } from './i18n.js';
import { h, clear, notice, focusMain } from './dom.js';
import { startLive, stopLive } from './live.js';

const routes = [
  { path: 'dashboard', key: 'nav.dashboard', load: () => import('./pages/dashboard.js'), show: () => can('Read') },
  { path: 'library', key: 'nav.library', load: () => import('./pages/library.js'), show: () => can('Read') },
  { path: 'schedule', key: 'nav.schedule', load: () => import('./pages/schedule.js'), show: () => can('Read') },
  { path: 'bulletins', key: 'nav.bulletins', load: () => import('./pages/bulletins.js'), show: () => can('Read') },
  { path: 'endpoints', key: 'nav.endpoints', load: () => import('./pages/endpoints.js'), show: () => can('Read') },
  { path: 'reports', key: 'nav.reports', load: () => import('./pages/reports.js'), show: () => can('Read') },
  { path: 'emergency', key: 'nav.emergency', load: () => import('./pages/emergency.js'), show: () => can('Broadcast'), cls: 'nav-emergency' },
];
const special = {
  login: () => import('./pages/login.js'),
  password: () => import('./pages/password.js'),
};

const main = document.getElementById('main');
let cleanup = null;
let renderSeq = 0;

function currentPath() {
  return (location.hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard');
}

export function navigate(path) {
  if (currentPath() === path) render();
  else location.hash = `#/${path}`;
}

async function render() {
  const seq = ++renderSeq;
  cleanup?.();
  cleanup = null;
  let path = currentPath();
  if (!signedIn()) path = 'login';
  else if (session.me?.mustChangePassword) path = 'password';
  else if (path === 'login' || path === 'password') path = 'dashboard';

  renderShell(path);
  const route = routes.find((r) => r.path === path);
  const loader = special[path] ?? route?.load;
  clear(main);
  if (!loader) {
    main.append(notice('warn', t('error.noPage', { path })));
    return;
  }
  try {
    const page = await loader();
    if (seq !== renderSeq) return;
    document.title = `${t(route?.key ?? `page.${path}`)} · Broadcast`;
    cleanup = (await page.render(main, { navigate, signedIn: afterSignIn })) ?? null;
    focusMain();
  } catch (err) {
    if (seq !== renderSeq) return;
    clear(main).append(notice('error', err instanceof ApiError ? err.message : t('error.page', { message: err.message })));
  }
}

function renderShell(path) {
  const top = document.getElementById('top');
  const outside = path === 'login' || path === 'password';
  top.hidden = outside && session.accounts;
  const nav = clear(document.getElementById('nav'));
  if (!outside) {
    for (const r of routes.filter((x) => x.show())) {
      nav.append(h('a', { href: `#/${r.path}`, class: r.cls, 'aria-current': r.path === path ? 'page' : null, 'data-nav': r.path }, t(r.key)));
    }
  }
  const user = document.getElementById('user');
  user.textContent = session.me ? session.me.displayName || session.me.name : session.accounts ? '' : t('shell.noAccounts');
  const logout = document.getElementById('logout');
  logout.hidden = !session.me;
  logout.textContent = t('shell.logout');
  document.getElementById('live-dot').title = t('shell.liveTitle');
  document.getElementById('lang').value = lang();
}

async function afterSignIn(me, csrf) {
  session.me = me;
  session.csrf = csrf ?? me?.session?.csrf ?? null;
  if (!me.mustChangePassword) startLive();
  navigate(currentPath() === 'login' || currentPath() === 'password' ? 'dashboard' : currentPath());
}

async function logout() {
  try { await api('/api/auth/logout', { method: 'POST', quiet401: true }); } catch { /* signed out either way */ }
  session.me = null;
  session.csrf = null;
  stopLive();
  navigate('login');
}

function signedOut() {
  if (!session.me) return;
  session.me = null;
  session.csrf = null;
  stopLive();
  render();
}

async function apiIsOpen() {
  try {
    await api('/api/broadcasts', { quiet401: true });
    return true;
  } catch {
    return false;
  }
}

async function start() {
  setUnauthorizedHandler(signedOut);
  document.getElementById('lang').addEventListener('change', (e) => setLang(e.target.value));
  document.getElementById('logout').addEventListener('click', logout);
  onLangChange(() => render());
  window.addEventListener('hashchange', render);
  try {
    const me = await api('/api/auth/me', { quiet401: true });
    session.me = me;
    session.csrf = me.session?.csrf ?? null;
  } catch (err) {
    // No session. If the API answers anyway, this controller runs without accounts (no accounts API yet, or
    // Accounts:Enabled=false on a developer's loopback): there is nothing to sign in to.
    if (err instanceof ApiError && (err.unavailable || err.status === 401) && await apiIsOpen()) session.accounts = false;
  }
  if (signedIn() && !session.me?.mustChangePassword) startLive();
  render();
}

start();
