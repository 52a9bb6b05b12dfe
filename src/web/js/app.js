// The consultant's app: a hash router over screens; the session (and CSRF token) comes from /api/session.
import { ApiError, get, del, setCsrf } from './api.js';
import { clear, fill, h } from './dom.js';
import { initI18n, languageSelect, onLocaleChange, t } from './i18n.js';
import { passwordScreen, setupScreen, signInScreen } from './screens/auth.js';
import { clientScreen, clientsScreen } from './screens/clients.js';
import { assessmentScreen } from './screens/assessment.js';
import { usersScreen } from './screens/users.js';

const main = document.getElementById('main');
let session = null;
let cleanup = null;

const ROUTES = [
  { pattern: /^#\/setup$/, screen: setupScreen, public: true },
  { pattern: /^#\/signin$/, screen: signInScreen, public: true },
  { pattern: /^#\/password$/, screen: passwordScreen },
  { pattern: /^#\/clients$/, screen: clientsScreen, nav: 'clients' },
  { pattern: /^#\/clients\/(\d+)$/, screen: clientScreen, nav: 'clients' },
  { pattern: /^#\/assessments\/(\d+)(?:\/([a-z]+))?$/, screen: assessmentScreen, nav: 'clients' },
  { pattern: /^#\/users$/, screen: usersScreen, nav: 'users', admin: true },
];

export const navigate = (hash) => { if (location.hash === hash) route(); else location.hash = hash; };

async function loadSession() {
  try {
    session = await get('/api/session');
    setCsrf(session.csrfToken);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    session = null;
    setCsrf('');
  }
  return session;
}

const ctx = {
  main,
  get session() { return session; },
  navigate,
  setSession(s) { session = s; setCsrf(s?.csrfToken); renderHeader(); },
  async refreshSession() { await loadSession(); renderHeader(); },
  /** Registers what to stop (timers, charts) when the person leaves the screen. */
  onLeave(fn) { cleanup = fn; },
};

function renderHeader(active) {
  const nav = clear(document.getElementById('topnav'));
  const tools = clear(document.getElementById('tools'));
  const signedIn = session && !session.user.mustChangePassword;
  if (signedIn) {
    nav.append(h('a', { href: '#/clients', 'aria-current': active === 'clients' ? 'page' : null }, t('nav.clients')));
    if (session.user.isAdmin) nav.append(h('a', { href: '#/users', 'aria-current': active === 'users' ? 'page' : null }, t('nav.users')));
  }
  tools.append(languageSelect());
  if (session) {
    tools.append(
      h('span', { class: 'user-name' }, session.user.name),
      h('a', { href: '#/password', class: 'btn-link' }, t('nav.password')),
      h('button', { type: 'button', class: 'btn-link', onClick: signOut }, t('nav.signOut')),
    );
  }
}

async function signOut() {
  try { await del('/api/session'); } catch { /* already signed out */ }
  session = null;
  setCsrf('');
  navigate('#/signin');
}

async function route() {
  cleanup?.();
  cleanup = null;
  const hash = location.hash || '#/clients';
  const match = ROUTES.map((r) => ({ r, m: hash.match(r.pattern) })).find((x) => x.m);
  if (!match) return navigate('#/clients');
  const { r, m } = match;
  if (!r.public && !session) {
    const { needed } = await get('/api/setup');
    return navigate(needed ? '#/setup' : '#/signin');
  }
  if (session?.user.mustChangePassword && r.screen !== passwordScreen) return navigate('#/password');
  if (r.admin && !session.user.isAdmin) return navigate('#/clients');
  renderHeader(r.nav);
  fill(main, h('p', { class: 'muted' }, t('app.loading')));
  main.classList.toggle('narrow', Boolean(r.public));
  try {
    await r.screen(ctx, ...m.slice(1));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { session = null; return navigate('#/signin'); }
    fill(main, h('div', { class: 'notice danger', role: 'alert' }, err instanceof ApiError && err.status === 404 ? t('error.ERR_NOT_FOUND') : t('error.ERR_INTERNAL')));
  }
}

async function start() {
  await initI18n();
  await loadSession();
  renderHeader();
  onLocaleChange(() => route());
  window.addEventListener('hashchange', route);
  await route();
}

start();
