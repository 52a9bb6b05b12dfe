import { h } from './dom.js';
import { t } from './i18n.js';

/** A person-readable sentence for an API error: the translated one for its code, else the server's. */
export function errorMessage(err) {
  if (err?.status === 0) return t('error.network');
  const code = err?.body?.code;
  const key = code ? `error.${code}` : '';
  const translated = key ? t(key) : key;
  return translated && translated !== key ? translated : (err?.message ?? t('error.ERR_INTERNAL'));
}

const fieldName = (path) => path.replace(/^(body|query|params)\.?/, '');

/**
 * Shows an error on a form: the summary in its .form-error (an alert), and each field issue next to
 * its input (matched by data-path or name), which is marked aria-invalid.
 */
export function showFormError(form, err) {
  clearFormError(form);
  let summary = form.querySelector('.form-error');
  if (!summary) { summary = h('div', { class: 'form-error', tabindex: '-1' }); form.prepend(summary); }
  summary.setAttribute('role', 'alert');
  summary.append(h('p', {}, errorMessage(err)));
  const unmatched = [];
  for (const issue of err?.issues ?? []) {
    const name = fieldName(issue.path);
    const input = form.querySelector(`[data-path="${CSS.escape(name)}"]`) ?? form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input) { unmatched.push(issue); continue; }
    input.setAttribute('aria-invalid', 'true');
    const msg = h('div', { class: 'error', id: `${input.id || name}-error` }, issue.message);
    input.closest('.field')?.append(msg) ?? input.after(msg);
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), msg.id].filter(Boolean).join(' '));
  }
  if (unmatched.length) summary.append(h('ul', { class: 'issues' }, unmatched.map((i) => h('li', {}, i.path && !i.message.includes(i.path) ? `${i.path}: ${i.message}` : i.message))));
  (form.querySelector('[aria-invalid="true"]') ?? summary).focus?.();
}

export function clearFormError(form) {
  form.querySelector('.form-error')?.replaceChildren();
  for (const el of form.querySelectorAll('.field .error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** Wires a form: prevents the page load, disables the submit button while `handler` runs, shows errors. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('[type="submit"]');
    if (button) button.disabled = true;
    clearFormError(form);
    try {
      await handler(new FormData(form));
    } catch (err) {
      showFormError(form, err);
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}

export function input(name, props = {}) {
  return h('input', { name, type: 'text', ...props });
}
