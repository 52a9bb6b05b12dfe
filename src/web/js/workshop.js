// Workshop mode, for a projector: one question at a time with the anonymous distribution of the
// answers (and per role group where the group is large enough); the consultant records the answer
// the room agreed on and any dissent. Driven from the keyboard: ← → to move, 1-9 to choose,
// Enter to record, D for the dissent note, Delete to withdraw, F for disputed questions only.
import { api, ApiError, setCsrf } from './api.js';
import { fill, h, toast } from './dom.js';
import { initI18n, languageSelect, pick, t } from './i18n.js';

const id = Number(new URLSearchParams(location.search).get('assessment'));
const base = `/api/assessments/${id}`;
const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
const DISPUTED = 50; // points between the lowest and highest answer

let data = null;
let current = 0; // index into shown()
let onlyDisputed = false;
let choice = undefined; // the value being prepared for recording
let busy = false;

const announce = (text) => { announcer.textContent = ''; setTimeout(() => { announcer.textContent = text; }, 50); };
const fmt = (n) => (n === null || n === undefined ? '—' : String(Math.round(n)));
const disputed = (q) => q.spread && q.spread.max - q.spread.min >= DISPUTED;
const shown = () => (onlyDisputed ? data.questions.filter(disputed) : data.questions);
const question = () => shown()[current];
const roleLabel = (role) => t(`role.${role}`);

function valueLabel(q, value) {
  if (value === 'dont-know') return t('respond.dontKnow');
  if (value === 'not-applicable') return t('respond.notApplicable');
  if (Array.isArray(value)) return value.map((v) => pick(q.choices.find((c) => c.value === v)?.label) || v).join(', ');
  const c = q.choices.find((x) => x.value === value);
  if (c) return pick(c.label);
  return q.type === 'percent' ? `${value}%` : `${value}${q.range?.unit ? ` ${pick(q.range.unit)}` : ''}`;
}

// ---- drawing --------------------------------------------------------------------------------

function bar() {
  const o = data.overall;
  const q = question();
  fill(document.getElementById('bar'),
    h('a', { class: 'ws-exit', href: `/#/assessments/${id}` }, `← ${t('ws.exit')}`),
    h('div', { class: 'ws-title' }, h('strong', {}, data.assessment.client), ' · ', data.assessment.title),
    h('div', { class: 'ws-pos', id: 'ws-pos' }, q ? t('ws.position', { n: current + 1, total: shown().length }) : '—'),
    h('div', { class: 'ws-score', id: 'ws-score', 'data-index': o.index ?? '' }, t('ws.index'), ' ', h('strong', {}, fmt(o.index)), ' ',
      o.band ? h('span', { class: `badge band ${o.band}` }, t(`band.${o.band}`)) : null),
    h('div', { class: 'ws-agreed' }, t('ws.agreedCount', { n: data.agreed })),
    languageSelect(() => { keysHelp(); draw(); }));
}

function distribution(buckets, answered, big) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  return h('ul', { class: `ws-dist${big ? ' big' : ''}` }, buckets.map((b) => h('li', { class: b.key === 'dont-know' || b.key === 'not-applicable' ? 'special' : '' },
    h('span', { class: 'lbl', title: pick(b.label) }, pick(b.label)),
    h('span', { class: 'track', role: 'img', 'aria-label': t('ws.countOf', { n: b.count, total: answered }) }, h('span', { class: 'fill', style: { width: `${(b.count / max) * 100}%` } })),
    h('span', { class: 'n' }, String(b.count)))));
}

function recordPanel(q) {
  const keyed = q.type !== 'number' && q.type !== 'percent';
  const specials = [q.allowUnknown ? { value: 'dont-know', label: t('respond.dontKnow') } : null, q.allowNotApplicable ? { value: 'not-applicable', label: t('respond.notApplicable') } : null].filter(Boolean);
  const options = [...q.choices.map((c) => ({ value: c.value, label: pick(c.label) })), ...specials];
  const isChosen = (v) => (Array.isArray(choice) ? choice.includes(v) : choice === v);
  const buttons = keyed ? h('div', { class: 'ws-choices', role: 'group', 'aria-label': t('ws.choose') }, options.map((o, i) => h('button', {
    type: 'button', class: 'ws-choice', 'aria-pressed': isChosen(o.value) ? 'true' : 'false', 'data-value': JSON.stringify(o.value), title: o.label,
    onClick: () => pick_(o.value),
  }, i < 9 ? h('kbd', {}, String(i + 1)) : null, h('span', { class: 'txt' }, o.label)))) : null;
  const number = keyed ? null : h('div', { class: 'field ws-number' },
    h('label', { for: 'ws-number' }, t('ws.agreedValue'), q.range ? ` (${q.range.min}–${q.range.max}${q.type === 'percent' ? ' %' : q.range.unit ? ` ${pick(q.range.unit)}` : ''})` : ''),
    h('input', { id: 'ws-number', type: 'number', step: 'any', min: String(q.range?.min ?? ''), max: String(q.range?.max ?? ''), value: typeof choice === 'number' ? String(choice) : '', onInput: (e) => { choice = e.target.value === '' ? undefined : Number(e.target.value); } }),
    specials.length ? h('div', { class: 'row' }, specials.map((s) => h('button', { type: 'button', class: 'ws-choice small', 'aria-pressed': choice === s.value ? 'true' : 'false', onClick: () => pick_(s.value) }, s.label))) : null);
  const dissent = h('textarea', { id: 'ws-dissent', rows: '2', maxlength: '5000' });
  dissent.value = q.consensus?.dissent ?? '';
  return h('section', { class: 'ws-record', 'aria-labelledby': 'ws-record-h' },
    h('div', { class: 'ws-record-choose' }, h('h2', { id: 'ws-record-h' }, t('ws.recordTitle')), buttons, number),
    h('div', { class: 'ws-record-save' },
      h('p', { class: `ws-status${q.consensus ? ' agreed' : ''}`, id: 'ws-status', role: 'status' },
        q.consensus ? [t('ws.agreedIs'), ' ', h('strong', {}, valueLabel(q, q.consensus.value))] : t('ws.notAgreed')),
      h('div', { class: 'field' }, h('label', { for: 'ws-dissent' }, t('ws.dissent')), dissent),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'btn', id: 'ws-record', onClick: record }, t('ws.record'), h('kbd', {}, 'Enter')),
        q.consensus ? h('button', { type: 'button', class: 'btn secondary', id: 'ws-clear', onClick: withdraw }, t('ws.clear'), h('kbd', {}, 'Del')) : null)));
}

function draw() {
  bar();
  const q = question();
  if (!q) {
    fill(main, h('div', { class: 'ws-empty' }, h('h1', {}, onlyDisputed ? t('ws.noDisputed') : t('ws.noQuestions')), h('p', {}, t('ws.noQuestionsHint'))));
    main.dataset.ready = 'true';
    return;
  }
  const groups = q.groups.length
    ? q.groups.map((g) => h('div', { class: 'ws-group' }, h('h3', {}, `${roleLabel(g.role)} · ${t('ws.answers', { n: g.answered })}`), distribution(g.distribution, g.answered, false)))
    : [h('p', { class: 'ws-note' }, t('ws.noGroups', { n: data.anonymityMinimum }))];
  fill(main,
    h('div', { class: 'ws-question' },
      h('p', { class: 'ws-dim' }, `${pick(q.dimensionTitle)} · ${q.id}`),
      h('h1', { id: 'ws-text', tabindex: '-1' }, pick(q.text)),
      h('p', { class: 'ws-meta' }, [t('ws.answered', { n: q.answered, total: q.asked }), q.spread ? t('ws.spread', { min: fmt(q.spread.min), max: fmt(q.spread.max) }) : null,
        q.score !== null ? t('ws.scoreNow', { n: fmt(q.score) }) + (q.source === 'consensus' ? ` (${t('ws.agreed')})` : '') : null].filter(Boolean).join(' · '))),
    h('div', { class: 'ws-body' },
      h('section', { class: 'ws-all', 'aria-labelledby': 'ws-all-h' }, h('h2', { id: 'ws-all-h' }, t('ws.everyone')), distribution(q.distribution, q.answered, true)),
      h('section', { class: 'ws-groups', 'aria-labelledby': 'ws-groups-h' }, h('h2', { id: 'ws-groups-h' }, t('ws.byGroup')), ...groups)),
    recordPanel(q));
  main.dataset.ready = 'true';
  main.dataset.question = q.id;
}

function keysHelp() {
  const k = (key, text) => h('span', {}, h('kbd', {}, key), ' ', text);
  fill(document.getElementById('keys'),
    k('←', t('ws.keyPrev')), k('→', t('ws.keyNext')), k('1–9', t('ws.keyChoose')), k('Enter', t('ws.keyRecord')), k('D', t('ws.keyDissent')), k('Del', t('ws.keyClear')),
    h('button', { type: 'button', class: `ws-filter${onlyDisputed ? ' on' : ''}`, 'aria-pressed': onlyDisputed ? 'true' : 'false', onClick: toggleFilter }, h('kbd', {}, 'F'), ' ', t('ws.keyFilter')));
}

// ---- actions --------------------------------------------------------------------------------

function move(step) {
  const n = shown().length;
  if (!n) return;
  const next = Math.min(Math.max(current + step, 0), n - 1);
  if (next === current) return;
  current = next;
  choice = question().consensus?.value;
  history.replaceState(null, '', `#${question().id}`);
  draw();
  document.getElementById('ws-text')?.focus({ preventScroll: true });
  announce(`${t('ws.position', { n: current + 1, total: n })}: ${pick(question().text)}`);
}

function pick_(value) {
  const q = question();
  if (q.type === 'multi' && value !== 'dont-know' && value !== 'not-applicable') {
    const list = Array.isArray(choice) ? [...choice] : [];
    choice = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  } else choice = value;
  for (const b of main.querySelectorAll('.ws-choice')) {
    const v = b.dataset.value ? JSON.parse(b.dataset.value) : undefined;
    b.setAttribute('aria-pressed', (Array.isArray(choice) ? choice.includes(v) : choice === v) ? 'true' : 'false');
  }
}

function replace(updated) {
  data.questions = data.questions.map((x) => (x.id === updated.question.id ? updated.question : x));
  data.overall = updated.overall;
  data.agreed = updated.agreed;
}

async function record() {
  const q = question();
  if (busy || !q) return;
  if (choice === undefined || (Array.isArray(choice) && choice.length === 0)) { toast(t('ws.chooseFirst'), 'error'); return; }
  busy = true;
  const dissent = document.getElementById('ws-dissent').value.trim();
  try {
    const res = await api('PUT', `${base}/consensus/${encodeURIComponent(q.id)}`, { value: choice, ...(dissent ? { dissent } : {}) });
    replace(res.data);
    draw();
    announce(t('ws.recorded', { value: valueLabel(q, choice), index: fmt(data.overall.index) }));
  } catch (err) {
    toast(err instanceof ApiError ? (err.issues[0]?.message ?? err.message) : t('error.network'), 'error');
  } finally { busy = false; }
}

async function withdraw() {
  const q = question();
  if (busy || !q?.consensus) return;
  busy = true;
  try {
    replace((await api('DELETE', `${base}/consensus/${encodeURIComponent(q.id)}`)).data);
    choice = undefined;
    draw();
    announce(t('ws.withdrawn'));
  } catch (err) {
    toast(err instanceof ApiError ? err.message : t('error.network'), 'error');
  } finally { busy = false; }
}

function toggleFilter() {
  const id = question()?.id;
  onlyDisputed = !onlyDisputed;
  const i = shown().findIndex((q) => q.id === id);
  current = Math.max(0, i);
  choice = question()?.consensus?.value;
  keysHelp();
  draw();
}

function onKey(e) {
  const typing = e.target.closest?.('textarea, input, select');
  if (e.key === 'Escape' && typing) { e.target.blur(); return; }
  if (typing) {
    // In the dissent box Enter is a new line; Ctrl+Enter records.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || e.target.id === 'ws-number')) { e.preventDefault(); record(); }
    return;
  }
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const q = question();
  if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === 'n') { e.preventDefault(); move(1); }
  else if (e.key === 'ArrowLeft' || e.key === 'PageUp' || e.key === 'p') { e.preventDefault(); move(-1); }
  else if (e.key === 'Enter' && !e.target.closest?.('button, a')) { e.preventDefault(); record(); }
  else if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); withdraw(); }
  else if (e.key === 'd' || e.key === 'D') { e.preventDefault(); document.getElementById('ws-dissent')?.focus(); }
  else if (e.key === 'f' || e.key === 'F') { e.preventDefault(); toggleFilter(); }
  else if (/^[1-9]$/.test(e.key) && q) {
    const b = main.querySelectorAll('.ws-choices .ws-choice')[Number(e.key) - 1];
    if (b) { e.preventDefault(); b.click(); }
  }
}

async function start() {
  await initI18n();
  try {
    const session = (await api('GET', '/api/session')).data;
    setCsrf(session.csrfToken);
    data = (await api('GET', `${base}/workshop`)).data;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { location.assign('/#/signin'); return; }
    fill(main, h('div', { class: 'ws-empty' }, h('h1', {}, err instanceof ApiError && err.status === 404 ? t('error.ERR_NOT_FOUND') : t('error.ERR_INTERNAL'))));
    return;
  }
  const fromHash = data.questions.findIndex((q) => q.id === decodeURIComponent(location.hash.slice(1)));
  current = Math.max(0, fromHash);
  choice = question()?.consensus?.value;
  document.title = `${t('ws.pageTitle')} · ${data.assessment.client}`;
  keysHelp();
  draw();
  document.addEventListener('keydown', onKey);
}

start();
