// One question as a fieldset of native controls (so keyboard and screen readers work as they should).
// Reports each change through onAnswer(value) / onComment(text); never saves by itself.
import { h, uid } from './dom.js';
import { pick, t } from './i18n.js';

const DONT_KNOW = 'dont-know';
const NOT_APPLICABLE = 'not-applicable';

function specials(q) {
  return [q.allowUnknown ? { value: DONT_KNOW, label: t('respond.dontKnow') } : null, q.allowNotApplicable ? { value: NOT_APPLICABLE, label: t('respond.notApplicable') } : null].filter(Boolean);
}

function radio(name, value, label, checked, extraClass = '') {
  const input = h('input', { type: 'radio', name, value: String(value), checked });
  return h('label', { class: `choice ${extraClass}` }, input, label);
}

function debounce(fn, ms) {
  let timer;
  const run = (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  run.flush = (...args) => { clearTimeout(timer); fn(...args); };
  return run;
}

/** Builds the control for a question; `answer` is { value, comment?, support? } or undefined. */
export function renderQuestion(q, answer, { onAnswer, onComment, onSupport, readOnly }) {
  const name = uid(`q-${q.id}`);
  const value = answer?.value;
  const legendId = `${name}-legend`;
  let body;
  switch (q.type) {
    case 'scale':
      body = h('div', { class: 'choices' }, q.levels.map((l) => radio(name, l.value, [h('span', { class: 'lvl' }, String(l.value)), h('span', {}, pick(l.label))], value === l.value)),
        specials(q).map((s) => radio(name, s.value, s.label, value === s.value, 'special')));
      break;
    case 'single':
      body = h('div', { class: 'choices' }, q.options.map((o) => radio(name, o.id, pick(o.label), value === o.id)), specials(q).map((s) => radio(name, s.value, s.label, value === s.value, 'special')));
      break;
    case 'yesno':
      body = h('div', { class: 'choices' }, radio(name, 'yes', t('respond.yes'), value === 'yes'), radio(name, 'no', t('respond.no'), value === 'no'), specials(q).map((s) => radio(name, s.value, s.label, value === s.value, 'special')));
      break;
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      body = h('div', { class: 'choices' },
        h('p', { class: 'muted small' }, t('respond.chooseAll')),
        q.options.map((o) => h('label', { class: 'choice' }, h('input', { type: 'checkbox', name, value: o.id, checked: chosen.includes(o.id), 'data-kind': 'option' }), pick(o.label))),
        specials(q).map((s) => h('label', { class: 'choice special' }, h('input', { type: 'checkbox', name, value: s.value, checked: value === s.value, 'data-kind': 'special' }), s.label)));
      break;
    }
    case 'number':
    case 'percent': {
      const numberInput = h('input', { type: 'number', inputmode: 'decimal', min: String(q.min), max: String(q.max), step: 'any', value: typeof value === 'number' ? String(value) : '', 'aria-labelledby': legendId, 'aria-describedby': `${name}-unit`, disabled: typeof value === 'string' });
      body = h('div', {},
        h('div', { class: 'number-row' }, numberInput, h('span', { id: `${name}-unit`, class: 'muted' }, q.type === 'percent' ? '%' : `${pick(q.unit)} (${q.min}–${q.max})`)),
        specials(q).length ? h('div', { class: 'specials' }, specials(q).map((s) => h('label', { class: 'choice special' }, h('input', { type: 'checkbox', name, value: s.value, checked: value === s.value, 'data-kind': 'special' }), s.label))) : null);
      break;
    }
    case 'text':
      body = h('textarea', { name, maxlength: '20000', 'aria-labelledby': legendId, rows: '4' });
      body.value = typeof value === 'string' ? value : '';
      break;
    default:
      body = h('p', {}, '');
  }

  const saveState = h('span', { class: 'save-state' });
  const help = h('details', { class: 'disclosure small' }, h('summary', {}, t('respond.whyWeAsk')), h('p', { class: 'help' }, pick(q.help)));
  const commentArea = h('textarea', { rows: '2', maxlength: '5000', 'aria-label': t('respond.commentFor', { n: q.id }) });
  commentArea.value = answer?.comment ?? '';
  const comment = q.type === 'text' ? null : h('details', { class: 'disclosure small', open: Boolean(answer?.comment) }, h('summary', {}, t('respond.comment')), commentArea, h('div', { class: 'hint' }, t('respond.commentHint')));
  const support = q.highImpact && q.type !== 'text' ? h('label', { class: 'small', style: { fontWeight: '400' } }, `${t('respond.support')} `,
    h('select', { class: 'support' }, ['', 'claimed', 'documented', 'demonstrated'].map((s) => h('option', { value: s, selected: (answer?.support ?? '') === s }, t(`respond.support.${s || 'none'}`))))) : null;

  const fieldset = h('fieldset', { class: 'question', id: `question-${q.id}`, 'data-question': q.id, disabled: readOnly },
    h('legend', { id: legendId }, pick(q.text), q.conditional ? h('span', { class: 'qid' }, t('respond.followUp')) : null),
    body,
    h('div', { class: 'q-foot' }, help, comment, support, saveState));

  // Wiring: the control's current value -> onAnswer.
  const readValue = () => {
    if (q.type === 'multi') {
      const boxes = [...fieldset.querySelectorAll(`input[name="${name}"]`)];
      const special = boxes.find((b) => b.dataset.kind === 'special' && b.checked);
      if (special) return special.value;
      const picked = boxes.filter((b) => b.dataset.kind === 'option' && b.checked).map((b) => b.value);
      return picked.length ? picked : null;
    }
    const checked = fieldset.querySelector(`input[type="radio"][name="${name}"]:checked`);
    if (!checked) return null;
    return q.type === 'scale' && checked.value !== DONT_KNOW && checked.value !== NOT_APPLICABLE ? Number(checked.value) : checked.value;
  };
  if (['scale', 'single', 'yesno'].includes(q.type)) fieldset.addEventListener('change', (e) => { if (e.target.type === 'radio') onAnswer(readValue()); });
  if (q.type === 'multi') {
    fieldset.addEventListener('change', (e) => {
      const box = e.target;
      if (box.type !== 'checkbox' || box.name !== name) return;
      // "Don't know" and "not applicable" exclude every option, and each other.
      if (box.checked) for (const other of fieldset.querySelectorAll(`input[name="${name}"]`)) if (other !== box && (box.dataset.kind === 'special' || other.dataset.kind === 'special')) other.checked = false;
      onAnswer(readValue());
    });
  }
  if (q.type === 'number' || q.type === 'percent') {
    const numberInput = fieldset.querySelector('input[type="number"]');
    const send = () => {
      const raw = numberInput.value.trim();
      if (raw === '' || !numberInput.checkValidity()) { if (raw !== '') saveState.textContent = t('respond.rangeHint', { min: q.min, max: q.max }); return; }
      onAnswer(Number(raw));
    };
    const later = debounce(send, 900);
    numberInput.addEventListener('input', () => later());
    numberInput.addEventListener('change', () => later.flush());
    fieldset.addEventListener('change', (e) => {
      if (e.target.type !== 'checkbox') return;
      for (const other of fieldset.querySelectorAll('input[type="checkbox"]')) if (other !== e.target) other.checked = false;
      numberInput.disabled = e.target.checked;
      if (e.target.checked) onAnswer(e.target.value); else { numberInput.focus(); onAnswer(null); }
    });
  }
  if (q.type === 'text') {
    const later = debounce(() => onAnswer(body.value), 900);
    body.addEventListener('input', () => later());
    body.addEventListener('blur', () => later.flush());
  }
  if (comment) {
    const later = debounce(() => onComment(commentArea.value), 900);
    commentArea.addEventListener('input', () => later());
    commentArea.addEventListener('blur', () => later.flush());
  }
  support?.querySelector('select').addEventListener('change', (e) => onSupport(e.target.value || undefined));

  return { element: fieldset, saveState };
}
