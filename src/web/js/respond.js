// The respondent's questionnaire behind an invitation link. Every answer is saved as it is given
// (one PUT per answer, serialised per question); the server says which questions are visible now.
import { api, ApiError } from './api.js';
import { clear, fill, confirmInline, h } from './dom.js';
import { formatDate, initI18n, languageSelect, locale, pick, setLocale, t } from './i18n.js';
import { renderQuestion } from './respond-question.js';

const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const base = `/api/r/${encodeURIComponent(token)}`;
const main = document.getElementById('main');
const announcer = document.getElementById('announcer');

let data = null; // GET payload
let answers = {}; // questionId -> { value, comment?, support? }
let visible = new Set();
let progress = { answered: 0, total: 0 };
const pendingComment = {}; // comments typed before the question had an answer
const queues = {}; // questionId -> promise chain, so saves to one question never overtake each other
let failed = new Set();

const sections = () => data.sections;
const readOnly = () => Boolean(data.respondent.submittedAt) || data.assessment.status !== 'open';
const announce = (text) => { announcer.textContent = ''; setTimeout(() => { announcer.textContent = text; }, 50); };

function viewFromHash() {
  const m = location.hash.match(/^#(?:s(\d+)|(review)|(welcome))$/);
  if (!m) return null;
  if (m[2]) return 'review';
  if (m[3]) return 'welcome';
  const i = Number(m[1]) - 1;
  return i >= 0 && i < sections().length ? i : null;
}
const go = (view) => {
  const hash = view === 'review' ? '#review' : view === 'welcome' ? '#welcome' : `#s${view + 1}`;
  if (location.hash === hash) render(); else location.hash = hash;
};

function firstOpenSection() {
  const i = sections().findIndex((s) => s.questions.some((q) => visible.has(q.id) && !(q.id in answers)));
  return i === -1 ? 'review' : i;
}

// ---- saving ---------------------------------------------------------------------------------

function setSaveState(qid, state) {
  const el = document.querySelector(`#question-${CSS.escape(qid)} .save-state`);
  if (!el) return;
  el.className = `save-state ${state}`;
  el.replaceChildren(state === 'saving' ? t('respond.saving') : state === 'saved' ? t('respond.saved') : state === 'failed' ? t('respond.notSaved') : '');
  if (state === 'failed') el.append(' ', h('button', { type: 'button', class: 'btn ghost small', onClick: () => retry(qid) }, t('respond.retry')));
}

const lastRequest = {};
function retry(qid) {
  const req = lastRequest[qid];
  if (req) save(qid, req.value, req.extra);
}

/** Saves (or clears, when value is null) one answer; resolves when the server has it. */
function save(qid, value, extra = {}) {
  lastRequest[qid] = { value, extra };
  setSaveState(qid, 'saving');
  const run = async () => {
    try {
      const res = value === null
        ? await api('DELETE', `${base}/answers/${encodeURIComponent(qid)}`)
        : await api('PUT', `${base}/answers/${encodeURIComponent(qid)}`, { value, ...extra });
      const saved = res.data.saved;
      if (saved) answers[qid] = saved; else delete answers[qid];
      failed.delete(qid);
      applyProgress(res.data.progress);
      setSaveState(qid, 'saved');
      announce(t('respond.saved'));
    } catch (err) {
      failed.add(qid);
      setSaveState(qid, 'failed');
      if (err instanceof ApiError && [404, 409, 410].includes(err.status)) {
        try { await reload(); render(); } catch (e) { return fatal(e); }
      }
    }
    updateBanner();
  };
  queues[qid] = (queues[qid] ?? Promise.resolve()).then(run);
  return queues[qid];
}

function updateBanner() {
  const banner = document.getElementById('save-banner');
  if (banner) banner.hidden = failed.size === 0;
}

function applyProgress(p) {
  const before = visible;
  visible = new Set(p.visible);
  progress = { answered: p.answered, total: p.total };
  const bar = document.getElementById('progress-bar');
  if (bar) {
    bar.setAttribute('aria-valuenow', String(progress.answered));
    bar.setAttribute('aria-valuemax', String(progress.total));
    bar.firstChild.style.width = `${progress.total ? Math.round((progress.answered / progress.total) * 100) : 0}%`;
  }
  const label = document.getElementById('progress-label');
  if (label) label.textContent = t('respond.progress', { n: progress.answered, total: progress.total });
  // Conditional questions appear and disappear in place, without re-rendering (focus stays put).
  for (const el of document.querySelectorAll('fieldset.question[data-question]')) {
    const id = el.dataset.question;
    const show = visible.has(id);
    if (show && el.hidden) { el.hidden = false; el.classList.add('appeared'); announce(t('respond.appeared')); }
    if (!show && !el.hidden) el.hidden = true;
    if (show && !before.has(id)) el.classList.add('appeared');
  }
  for (const b of document.querySelectorAll('.stepper button[data-section]')) {
    const s = sections()[Number(b.dataset.section)];
    b.classList.toggle('done', s.questions.every((q) => !visible.has(q.id) || q.id in answers));
  }
}

// ---- views ----------------------------------------------------------------------------------

function header() {
  const tools = clear(document.getElementById('tools'));
  tools.append(languageSelect(async (l) => {
    try { await api('PUT', `${base}/locale`, { locale: l }); } catch { /* the choice still applies on this device */ }
    render();
  }));
  document.getElementById('head-title').textContent = pick(data.questionnaire.title);
}

function welcome() {
  const a = data.assessment;
  const started = Object.keys(answers).length > 0;
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, t('respond.whoAsks')), h('dd', {}, a.askedBy ? t('respond.askedBy', { name: a.askedBy, client: a.clientName }) : a.clientName),
    h('dt', {}, t('respond.yourRole')), h('dd', {}, pick(data.respondent.roleLabel)),
    h('dt', {}, t('respond.howLong')), h('dd', {}, a.minutes ? t('respond.minutes', { n: a.minutes, q: progress.total }) : t('respond.questions', { q: progress.total })),
    a.dueDate ? [h('dt', {}, t('respond.due')), h('dd', {}, formatDate(a.dueDate))] : null,
    h('dt', {}, t('respond.whoSees')), h('dd', {}, a.anonymityMinimum ? t('respond.whoSeesText', { n: a.anonymityMinimum }) : t('respond.whoSeesShort')));
  const start = h('button', { type: 'button', class: 'btn', onClick: () => go(started ? firstOpenSection() : 0) }, started ? t('respond.continue') : t('respond.start'));
  return [
    h('div', { class: 'card' },
      a.isDemo ? h('p', {}, h('span', { class: 'badge demo' }, t('demo.badge'))) : null,
      h('h1', { tabindex: '-1' }, data.respondent.name ? t('respond.hello', { name: data.respondent.name }) : t('respond.welcome')),
      h('p', {}, t('respond.intro', { title: pick(data.questionnaire.title), client: a.clientName })),
      h('p', { class: 'muted' }, pick(data.questionnaire.description)),
      facts,
      h('p', { class: 'small muted' }, t('respond.autosave')),
      started ? h('p', { class: 'small' }, t('respond.resume', { n: progress.answered, total: progress.total })) : null,
      readOnly() ? lockedNotice() : h('div', { class: 'row' }, start)),
  ];
}

function lockedNotice() {
  if (data.assessment.status !== 'open') return h('div', { class: 'notice info' }, t('respond.closed'));
  return h('div', { class: 'notice success' }, t('respond.submittedNotice', { date: formatDate(data.respondent.submittedAt, true) }));
}

function progressHead(current) {
  const pct = progress.total ? Math.round((progress.answered / progress.total) * 100) : 0;
  return h('div', { class: 'progress-head' },
    h('div', { class: 'row' }, h('span', { id: 'progress-label' }, t('respond.progress', { n: progress.answered, total: progress.total })), h('span', { class: 'spacer' }),
      h('a', { href: '#review' }, t('respond.reviewLink'))),
    h('div', { class: 'progress', id: 'progress-bar', role: 'progressbar', 'aria-labelledby': 'progress-label', 'aria-valuemin': '0', 'aria-valuemax': String(progress.total), 'aria-valuenow': String(progress.answered) }, h('span', { style: { width: `${pct}%` } })),
    h('ol', { class: 'stepper', 'aria-label': t('respond.sections') }, sections().map((s, i) => h('li', {},
      h('button', { type: 'button', 'data-section': String(i), 'aria-current': i === current ? 'step' : null, title: pick(s.title),
        class: s.questions.every((q) => !visible.has(q.id) || q.id in answers) ? 'done' : '', onClick: () => go(i) }, `${i + 1}. ${pick(s.title)}`)))));
}

function sectionView(i) {
  const s = sections()[i];
  const list = s.questions.map((q) => {
    const { element } = renderQuestion(q, answers[q.id], {
      readOnly: readOnly(),
      onAnswer: (value) => {
        const prev = answers[q.id];
        const comment = pendingComment[q.id] ?? prev?.comment;
        save(q.id, value, { ...(comment ? { comment } : {}), ...(prev?.support ? { support: prev.support } : {}) });
      },
      onComment: (text) => {
        const prev = answers[q.id];
        if (!prev) { pendingComment[q.id] = text; setSaveState(q.id, ''); document.querySelector(`#question-${CSS.escape(q.id)} .save-state`).textContent = t('respond.commentPending'); return; }
        save(q.id, prev.value, { ...(text.trim() ? { comment: text } : {}), ...(prev.support ? { support: prev.support } : {}) });
      },
      onSupport: (support) => {
        const prev = answers[q.id];
        if (prev) save(q.id, prev.value, { ...(prev.comment ? { comment: prev.comment } : {}), ...(support ? { support } : {}) });
      },
    });
    element.hidden = !visible.has(q.id);
    return element;
  });
  const last = i === sections().length - 1;
  return [
    progressHead(i),
    readOnly() ? lockedNotice() : null,
    h('div', { class: 'notice danger', id: 'save-banner', role: 'alert', hidden: failed.size === 0 }, t('respond.saveProblem')),
    h('h1', { tabindex: '-1' }, pick(s.title)),
    h('p', { class: 'muted' }, pick(s.description)),
    ...list,
    h('div', { class: 'nav-buttons' },
      i > 0 ? h('button', { type: 'button', class: 'btn secondary', onClick: () => go(i - 1) }, `← ${t('respond.previous')}`) : h('button', { type: 'button', class: 'btn secondary', onClick: () => go('welcome') }, `← ${t('respond.backToStart')}`),
      h('button', { type: 'button', class: 'btn', onClick: () => go(last ? 'review' : i + 1) }, last ? t('respond.toReview') : `${t('respond.next')} →`)),
  ];
}

function reviewView() {
  const open = sections().map((s, i) => ({ s, i, qs: s.questions.filter((q) => visible.has(q.id) && !(q.id in answers)) })).filter((x) => x.qs.length);
  const submit = h('button', { type: 'button', class: 'btn', id: 'submit-answers', onClick: async () => {
    if (!(await confirmInline(submit, t('respond.submitConfirm'), t('respond.submit'), t('respond.cancel')))) return;
    try {
      await Promise.all(Object.values(queues));
      await api('POST', `${base}/submit`);
      await reload();
      go('review');
    } catch (err) {
      fill(document.getElementById('submit-error'), err instanceof ApiError ? (err.body?.error ?? t('respond.notSaved')) : t('respond.notSaved'));
    }
  } }, t('respond.submit'));
  return [
    progressHead(-1),
    h('h1', { tabindex: '-1' }, t('respond.reviewTitle')),
    readOnly() ? lockedNotice() : null,
    open.length
      ? h('div', { class: 'card' }, h('p', {}, t('respond.unansweredIntro', { n: open.reduce((n, x) => n + x.qs.length, 0) })),
        h('ul', { class: 'list' }, open.map(({ s, i, qs }) => h('li', {}, h('strong', {}, pick(s.title)),
          h('ul', {}, qs.map((q) => h('li', {}, h('a', { href: `#s${i + 1}`, 'data-focus': q.id }, pick(q.text)))))))))
      : h('div', { class: 'notice success' }, t('respond.allAnswered')),
    readOnly() ? null : h('div', { class: 'card' }, h('p', {}, t('respond.submitIntro')), h('div', { class: 'form-error', id: 'submit-error', role: 'alert' }), h('div', { class: 'row' }, submit)),
  ];
}

function render() {
  const view = viewFromHash() ?? 'welcome';
  header();
  let content;
  if (view === 'welcome') content = welcome();
  else if (view === 'review') content = reviewView();
  else content = sectionView(view);
  fill(main, ...content.filter(Boolean));
  document.title = `${pick(data.questionnaire.title)} · ${data.assessment.clientName}`;
  main.querySelector('h1')?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  const target = sessionStorage.getItem('crm-readiness.focus');
  if (target) {
    sessionStorage.removeItem('crm-readiness.focus');
    document.querySelector(`#question-${CSS.escape(target)} input, #question-${CSS.escape(target)} textarea`)?.focus();
  }
  main.dataset.ready = 'true';
}

async function reload() {
  const res = await api('GET', base);
  data = res.data;
  answers = { ...data.answers };
  applyProgress(data.progress);
  failed = new Set();
}

function fatal(err) {
  const status = err instanceof ApiError ? err.status : 0;
  const key = status === 404 ? 'respond.linkInvalid' : status === 410 ? 'respond.linkExpired' : 'respond.loadFailed';
  fill(main, h('div', { class: 'card' }, h('h1', {}, t(key)), err?.body?.error ? h('p', { class: 'muted' }, err.body.error) : null));
}

async function start() {
  try {
    await reload();
  } catch (err) {
    await initI18n();
    return fatal(err);
  }
  await initI18n(data.respondent.locale ?? data.assessment.locale);
  // The language this person chose on any device wins over this browser's memory.
  if (data.respondent.locale && data.respondent.locale !== locale()) await setLocale(data.respondent.locale, false);
  window.addEventListener('hashchange', render);
  document.addEventListener('click', (e) => {
    const link = e.target.closest?.('a[data-focus]');
    if (link) sessionStorage.setItem('crm-readiness.focus', link.dataset.focus);
  });
  render();
}

start();
