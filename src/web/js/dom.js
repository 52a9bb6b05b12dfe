// Builds DOM from data without ever parsing HTML: text from users and the server is always text.

/** h('button', { class: 'btn', onClick: fn }, 'Save') */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') for (const [p, v] of Object.entries(value)) { if (p.startsWith('--')) el.style.setProperty(p, v); else el.style[p] = v; }
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (['value', 'checked', 'disabled', 'selected', 'indeterminate'].includes(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Replaces an element's children, skipping null/false like h() does (native append would print "null"). */
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

let idCounter = 0;
export const uid = (prefix = 'id') => `${prefix}-${++idCounter}`;

/** A labelled form field; `input` gets an id, and errors are announced through aria-describedby. */
export function field(labelText, input, hint) {
  const id = input.id || (input.id = uid('f'));
  const hintEl = hint ? h('div', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input, hintEl);
}

const toastRegion = () => document.querySelector('.toast-region') ?? document.body.appendChild(h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' }));

export function toast(message, kind = 'info') {
  const el = h('div', { class: `toast ${kind}` }, message);
  toastRegion().append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 7000 : 3500);
}

/** Copies text; falls back to a selection for plain-http LAN addresses where the Clipboard API is absent. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Saves a Blob under a file name through a temporary link. */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Asks for confirmation in place of `button` (no native dialog, so nothing blocks the page or a
 * test): shows the question with Confirm and Cancel, resolves true or false.
 */
export function confirmInline(button, question, confirmLabel, cancelLabel) {
  return new Promise((resolve) => {
    const done = (answer) => { box.replaceWith(button); button.focus(); resolve(answer); };
    const yes = h('button', { type: 'button', class: 'btn danger small', onClick: () => done(true) }, confirmLabel);
    const box = h('span', { class: 'row confirm', role: 'group', 'aria-label': question },
      h('span', { class: 'small' }, question), yes,
      h('button', { type: 'button', class: 'btn ghost small', onClick: () => done(false) }, cancelLabel));
    button.replaceWith(box);
    yes.focus();
  });
}
