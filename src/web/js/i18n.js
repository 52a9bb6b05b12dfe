// UI strings live in /i18n/<locale>.json; every element with data-i18n gets its text from there.
const LOCALES = ['en', 'zh-CN'];
const dictionaries = {};
const listeners = new Set();
let current = 'en';

export const locales = () => LOCALES;
export const locale = () => current;

function initial(preferred) {
  const stored = localStorage.getItem('crm-readiness.locale');
  if (LOCALES.includes(stored)) return stored;
  if (LOCALES.includes(preferred)) return preferred;
  return navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

async function load(l) {
  if (!dictionaries[l]) {
    const res = await fetch(`/i18n/${l}.json`);
    dictionaries[l] = await res.json();
  }
}

/** Loads the stored (or browser) language; `preferred` applies only when the person never chose one. */
export async function initI18n(preferred) {
  current = initial(preferred);
  await Promise.all([load('en'), load(current)]);
  document.documentElement.lang = current;
  apply(document);
}

export async function setLocale(l, remember = true) {
  if (!LOCALES.includes(l)) return;
  await load(l);
  current = l;
  if (remember) localStorage.setItem('crm-readiness.locale', l);
  document.documentElement.lang = l;
  apply(document);
  for (const fn of listeners) fn(l);
}

export const onLocaleChange = (fn) => listeners.add(fn);

/** t('key', { n: 3 }) — falls back to English, then to the key, so a gap is visible but harmless. */
export function t(key, vars) {
  const text = dictionaries[current]?.[key] ?? dictionaries.en?.[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k) => (vars[k] ?? m)) : text;
}

/** The current locale's string of a { en, zh-CN } object from the server. */
export const pick = (localized) => (localized ? localized[current] ?? localized.en ?? '' : '');

export function apply(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  const title = root.querySelector?.('title[data-i18n]');
  if (title) document.title = title.textContent;
}

export function formatDate(iso, withTime = false) {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return new Intl.DateTimeFormat(current, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}

/** A language switch (<select>) wired to setLocale. */
export function languageSelect(onChange) {
  const select = document.createElement('select');
  select.setAttribute('aria-label', t('language.label'));
  select.dataset.i18nLabel = 'language.label';
  for (const l of LOCALES) {
    const o = document.createElement('option');
    o.value = l;
    o.textContent = l === 'en' ? 'English' : '简体中文';
    o.selected = l === current;
    select.append(o);
  }
  select.addEventListener('change', async () => {
    await setLocale(select.value);
    onChange?.(select.value);
  });
  return select;
}
