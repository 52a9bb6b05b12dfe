// The executive self-assessment, without an account. /self-assessment starts one; /s/<token> (the
// private link) answers the executive path through the ordinary respondent API — every answer
// saved as it is given — and shows the instant scorecard, the PDF and the delete button.
import { api, ApiError } from './api.js';
import { clear, confirmInline, copyText, fill, h, toast } from './dom.js';
import { formatDate, initI18n, languageSelect, locale, pick, setLocale, t } from './i18n.js';
import { renderQuestion } from './respond-question.js';
import { actionList, dimensionList, drawRadar, headline, pdfCard, radarBox, riskList } from './scorecard.js';

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
const token = location.pathname.startsWith('/s/') ? decodeURIComponent(location.pathname.split('/')[2] ?? '') : null;
const answerApi = token ? `/api/r/${encodeURIComponent(token)}` : '';
const selfApi = token ? `/api/s/${encodeURIComponent(token)}` : '';

let form = null; // GET /api/r/<token>: sections, answers, progress
let state = null; // GET /api/s/<token>: assessment, scorecard, pitch
let answers = {};
let visible = new Set();
let progress = { answered: 0, total: 0 };
let chart = null;
let scorecardContent = null;
const queues = {};
const failed = new Set();
const pendingComment = {};

const announce = (text) => { announcer.textContent = ''; setTimeout(() => { announcer.textContent = text; }, 50); };
const privateLink = () => new URL(`/s/${encodeURIComponent(token)}`, location.origin).href;
const sections = () => form.sections;

function header(onChange) {
  fill(document.getElementById('tools'), languageSelect(async (l) => {
    if (token) { try { await api('PUT', `${answerApi}/locale`, { locale: l }); } catch { /* the choice still applies on this device */ } }
    onChange?.(l);
  }));
}

// ---- start ----------------------------------------------------------------------------------

function startView() {
  const radio = (value, label) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'locale', value, checked: locale() === value }), h('span', {}, label));
  const languages = h('fieldset', { class: 'field' }, h('legend', {}, t('self.chooseLanguage')), h('div', { class: 'choices inline' }, radio('en', 'English'), radio('zh-CN', '简体中文')));
  languages.addEventListener('change', async (e) => { await setLocale(e.target.value); render(); });
  const org = h('input', { type: 'text', name: 'organisation', id: 'organisation', maxlength: '200', autocomplete: 'organization' });
  const error = h('div', { class: 'form-error', role: 'alert' });
  const start = h('button', { type: 'submit', class: 'btn', id: 'start-self-assessment' }, t('self.start'));
  const formEl = h('form', { novalidate: true, class: 'stack' },
    languages,
    h('div', { class: 'field' }, h('label', { for: 'organisation' }, t('self.organisation')), org, h('div', { class: 'hint' }, t('self.organisationHint'))),
    error, h('div', { class: 'row' }, start));
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    start.disabled = true;
    error.textContent = '';
    try {
      const res = await api('POST', '/api/self-assessments', { locale: locale(), ...(org.value.trim() ? { organisation: org.value.trim() } : {}) });
      location.assign(`${res.data.path}#s1`);
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 429 ? t('self.tooMany') : err?.body?.error ?? t('error.ERR_INTERNAL');
      start.disabled = false;
    }
  });
  fill(main,
    h('section', { class: 'card self-hero' },
      h('h1', { tabindex: '-1' }, t('self.startTitle')),
      h('p', { class: 'lead' }, t('self.startIntro')),
      h('ul', { class: 'ticks' }, h('li', {}, t('self.factTime')), h('li', {}, t('self.factNoAccount')), h('li', {}, t('self.factResult')), h('li', {}, t('self.factPrivate'))),
      formEl),
    h('p', { class: 'small muted center' }, t('self.consultantNote'), ' ', h('a', { href: '/#/signin' }, t('self.consultantLink'))));
  document.title = t('self.pageTitle');
  main.dataset.ready = 'true';
}

// ---- saving (as on the respondent's page) ----------------------------------------------------

function setSaveState(qid, s) {
  const el = document.querySelector(`#question-${CSS.escape(qid)} .save-state`);
  if (!el) return;
  el.className = `save-state ${s}`;
  el.replaceChildren(s === 'saving' ? t('respond.saving') : s === 'saved' ? t('respond.saved') : s === 'failed' ? t('respond.notSaved') : '');
  if (s === 'failed') el.append(' ', h('button', { type: 'button', class: 'btn ghost small', onClick: () => save(qid, answers[qid]?.value ?? null) }, t('respond.retry')));
}

function save(qid, value, extra = {}) {
  setSaveState(qid, 'saving');
  const run = async () => {
    try {
      const res = value === null
        ? await api('DELETE', `${answerApi}/answers/${encodeURIComponent(qid)}`)
        : await api('PUT', `${answerApi}/answers/${encodeURIComponent(qid)}`, { value, ...extra });
      if (res.data.saved) answers[qid] = res.data.saved; else delete answers[qid];
      failed.delete(qid);
      applyProgress(res.data.progress);
      setSaveState(qid, 'saved');
      announce(t('respond.saved'));
    } catch {
      failed.add(qid);
      setSaveState(qid, 'failed');
    }
    const banner = document.getElementById('save-banner');
    if (banner) banner.hidden = failed.size === 0;
  };
  queues[qid] = (queues[qid] ?? Promise.resolve()).then(run);
  return queues[qid];
}

function applyProgress(p) {
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
  for (const el of document.querySelectorAll('fieldset.question[data-question]')) {
    const show = visible.has(el.dataset.question);
    if (show && el.hidden) { el.hidden = false; el.classList.add('appeared'); announce(t('respond.appeared')); }
    if (!show && !el.hidden) el.hidden = true;
  }
  for (const b of document.querySelectorAll('.stepper button[data-section]')) {
    const s = sections()[Number(b.dataset.section)];
    b.classList.toggle('done', s.questions.every((q) => !visible.has(q.id) || q.id in answers));
  }
}

// ---- answering ------------------------------------------------------------------------------

const go = (hash) => { if (location.hash === hash) render(); else location.hash = hash; };

function linkNotice() {
  const url = privateLink();
  const input = h('input', { type: 'text', readonly: true, value: url, class: 'link-input mono', 'aria-label': t('self.privateLink'), onFocus: (e) => e.target.select() });
  return h('div', { class: 'notice info private-link' },
    h('p', { class: 'small' }, h('strong', {}, t('self.privateLink')), ' ', t('self.privateLinkHint')),
    h('div', { class: 'row' }, h('div', { class: 'spacer' }, input), h('button', { type: 'button', class: 'btn secondary small', onClick: async () => toast(t(await copyText(url) ? 'links.copied' : 'links.copyFailed')) }, t('links.copy'))));
}

function progressHead(current) {
  const pct = progress.total ? Math.round((progress.answered / progress.total) * 100) : 0;
  return h('div', { class: 'progress-head' },
    h('div', { class: 'row' }, h('span', { id: 'progress-label' }, t('respond.progress', { n: progress.answered, total: progress.total })), h('span', { class: 'spacer' }),
      h('a', { href: '#scorecard', id: 'to-scorecard-top' }, t('self.seeScorecard'))),
    h('div', { class: 'progress', id: 'progress-bar', role: 'progressbar', 'aria-labelledby': 'progress-label', 'aria-valuemin': '0', 'aria-valuemax': String(progress.total), 'aria-valuenow': String(progress.answered) }, h('span', { style: { width: `${pct}%` } })),
    h('ol', { class: 'stepper', 'aria-label': t('respond.sections') }, sections().map((s, i) => h('li', {},
      h('button', { type: 'button', 'data-section': String(i), 'aria-current': i === current ? 'step' : null, title: pick(s.title),
        class: s.questions.every((q) => !visible.has(q.id) || q.id in answers) ? 'done' : '', onClick: () => go(`#s${i + 1}`) }, `${i + 1}. ${pick(s.title)}`)))));
}

function sectionView(i) {
  const s = sections()[i];
  const list = s.questions.map((q) => {
    const { element } = renderQuestion(q, answers[q.id], {
      readOnly: false,
      onAnswer: (value) => {
        const prev = answers[q.id];
        const comment = pendingComment[q.id] ?? prev?.comment;
        save(q.id, value, { ...(comment ? { comment } : {}), ...(prev?.support ? { support: prev.support } : {}) });
      },
      onComment: (text) => {
        const prev = answers[q.id];
        if (!prev) { pendingComment[q.id] = text; return; }
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
    i === 0 ? linkNotice() : null,
    progressHead(i),
    h('div', { class: 'notice danger', id: 'save-banner', role: 'alert', hidden: failed.size === 0 }, t('respond.saveProblem')),
    h('h1', { tabindex: '-1' }, pick(s.title)),
    h('p', { class: 'muted' }, pick(s.description)),
    ...list,
    h('div', { class: 'nav-buttons' },
      i > 0 ? h('button', { type: 'button', class: 'btn secondary', onClick: () => go(`#s${i}`) }, `← ${t('respond.previous')}`) : h('span', {}),
      h('button', { type: 'button', class: 'btn', id: last ? 'see-scorecard' : 'next-section', onClick: () => go(last ? '#scorecard' : `#s${i + 2}`) }, last ? t('self.seeScorecard') : `${t('respond.next')} →`)),
  ];
}

// ---- the scorecard --------------------------------------------------------------------------

function scorecardView() {
  const s = state.scorecard;
  const a = state.assessment;
  const remaining = progress.total - progress.answered;
  const head = h('div', { class: 'page-head' }, h('div', {},
    h('h1', { tabindex: '-1' }, t('self.resultTitle', { org: a.organisation })),
    h('p', { class: 'sub' }, `${pick(a.questionnaire.title)} · ${formatDate(a.createdAt)}`)));
  if (!s) {
    return [head, h('div', { class: 'card' }, h('p', {}, t('self.noAnswers')), h('a', { class: 'btn', href: '#s1' }, t('respond.start')))];
  }
  const radar = h('div', {});
  const canvas = radarBox(radar);
  queueMicrotask(() => { chart = drawRadar(canvas, chart, s); });
  const pitch = state.pitch;
  const del = h('button', { type: 'button', class: 'btn danger', id: 'delete-self-assessment', onClick: async () => {
    if (!(await confirmInline(del, t('self.deleteConfirm'), t('self.delete'), t('common.cancel')))) return;
    try {
      await api('DELETE', selfApi);
      chart?.destroy();
      chart = null;
      fill(main, h('section', { class: 'card', id: 'deleted' }, h('h1', { tabindex: '-1' }, t('self.deletedTitle')), h('p', {}, t('self.deletedText')), h('a', { class: 'btn', href: '/self-assessment' }, t('self.startAgain'))));
      main.querySelector('h1').focus();
      history.replaceState(null, '', '/self-assessment');
    } catch (err) { toast(err?.body?.error ?? t('error.ERR_INTERNAL'), 'error'); }
  } }, t('self.delete'));
  return [
    head,
    remaining > 0 ? h('div', { class: 'notice warn row' }, h('span', { class: 'spacer' }, t('self.partial', { n: progress.answered, total: progress.total })), h('a', { class: 'btn secondary small', href: `#s${firstOpenSection() + 1}` }, t('self.continue'))) : null,
    h('div', { class: 'grid two' },
      h('section', { class: 'card', 'aria-labelledby': 'overall-h' }, h('h2', { id: 'overall-h', class: 'visually-hidden' }, t('self.overall')), headline(s), dimensionList(s)),
      h('section', { class: 'card', 'aria-labelledby': 'radar-h' }, h('h2', { id: 'radar-h' }, t('scorecard.radar')), radar)),
    h('div', { class: 'grid two' },
      h('section', { class: 'card', 'aria-labelledby': 'risks-h' }, h('h2', { id: 'risks-h' }, t('scorecard.topRisks')), h('p', { class: 'muted small' }, t('self.risksIntro')), riskList(s)),
      h('section', { class: 'card', 'aria-labelledby': 'actions-h' }, h('h2', { id: 'actions-h' }, t('scorecard.firstActions')), h('p', { class: 'muted small' }, t('self.actionsIntro')), actionList(s.firstActions))),
    h('section', { class: 'card pitch', 'aria-labelledby': 'pitch-h' },
      h('h2', { id: 'pitch-h' }, t('self.pitchTitle')),
      h('p', {}, t('self.pitchText', { shared: pitch.shared, total: pitch.total, roles: pitch.roles.map(pick).join(locale() === 'zh-CN' ? '、' : ', ') })),
      h('p', {}, t('self.pitchGap')),
      h('p', { class: 'muted small' }, t('self.pitchHow'))),
    h('div', { class: 'grid two' },
      pdfCard((variant, l) => `${selfApi}/report?variant=${variant}&locale=${encodeURIComponent(l)}`, locale(), 'self-pdf'),
      h('section', { class: 'card', 'aria-labelledby': 'keep-h' },
        h('h2', { id: 'keep-h' }, t('self.keepTitle')),
        linkNotice(),
        h('p', { class: 'small muted' }, t('self.deleteIntro')),
        h('div', { class: 'row' }, del))),
  ];
}

function firstOpenSection() {
  const i = sections().findIndex((s) => s.questions.some((q) => visible.has(q.id) && !(q.id in answers)));
  return i === -1 ? 0 : i;
}

// ---- routing --------------------------------------------------------------------------------

async function render() {
  if (!token) { header(() => render()); return startView(); }
  header(() => render());
  const m = location.hash.match(/^#s(\d+)$/);
  let content;
  if (location.hash === '#scorecard' || (!m && progress.answered > 0)) {
    // The scorecard is computed from what is saved: wait for saves still on their way.
    await Promise.all(Object.values(queues));
    state = (await api('GET', selfApi)).data;
    content = scorecardContent = scorecardView();
  } else {
    const i = m ? Math.min(Math.max(Number(m[1]) - 1, 0), sections().length - 1) : 0;
    chart?.destroy();
    chart = null;
    content = sectionView(i);
  }
  // The scorecard uses the width of a desktop; the questions keep a reading width.
  document.body.classList.toggle('wide', content === scorecardContent);
  fill(main, ...content.filter(Boolean));
  document.title = `${t('self.pageTitle')} · ${state?.assessment.organisation ?? ''}`.replace(/ · $/, '');
  main.querySelector('h1')?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  main.dataset.ready = 'true';
}

function fatal(err) {
  const status = err instanceof ApiError ? err.status : 0;
  fill(main, h('div', { class: 'card' }, h('h1', {}, t(status === 404 ? 'self.notFound' : 'respond.loadFailed')), err?.body?.error ? h('p', { class: 'muted' }, err.body.error) : null,
    h('a', { class: 'btn', href: '/self-assessment' }, t('self.startAgain'))));
}

async function start() {
  if (!token) {
    await initI18n();
    return render();
  }
  try {
    const [r, s] = await Promise.all([api('GET', answerApi), api('GET', selfApi)]);
    form = r.data;
    state = s.data;
  } catch (err) {
    await initI18n();
    return fatal(err);
  }
  await initI18n(form.respondent.locale ?? state.assessment.locale);
  if (form.respondent.locale && form.respondent.locale !== locale()) await setLocale(form.respondent.locale, false);
  answers = { ...form.answers };
  applyProgress(form.progress);
  window.addEventListener('hashchange', () => render().catch(fatal));
  await render().catch(fatal);
  clear(announcer);
}

start();
