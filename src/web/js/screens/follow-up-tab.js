// Follow-ups: the comparison with the assessment this one repeats (scores, findings, the earlier
// plan's actions), the status of this plan's actions, and starting the next follow-up.
import { ApiError, get, post, put } from '../api.js';
import { copyText, fill, field, h, toast } from '../dom.js';
import { formatDate, pick, t } from '../i18n.js';
import { errorMessage, input, onSubmit } from '../forms.js';

const STATUSES = ['not-started', 'in-progress', 'done', 'dropped'];
const fmt = (n) => (n === null || n === undefined ? '—' : (Math.round(n * 10) / 10).toFixed(1));
const signed = (n) => (n === null || n === undefined ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${fmt(Math.abs(n))}`);
const trend = (n) => (n === null || n === undefined ? 'none' : n > 0.05 ? 'up' : n < -0.05 ? 'down' : 'same');
const absolute = (path) => new URL(path, location.origin).href;

export async function followUpTab(ctx, body, detail) {
  const { assessment: a } = detail;
  const [{ previous, followUps }, { actions }] = await Promise.all([get(`/api/assessments/${a.id}/follow-ups`), get(`/api/assessments/${a.id}/actions`)]);
  const parts = [];
  if (previous) parts.push(await comparisonSection(a, previous));
  parts.push(actionsSection(a, actions, Boolean(previous)), await startSection(ctx, a, followUps));
  body.append(...parts);
}

// ---- comparison -----------------------------------------------------------------------------

function basisText(c) {
  const q = c.questions;
  if (q.basis === 'same-version') return t('cmp.basisSame', { compared: q.compared, total: q.currentTotal });
  return t(q.basis === 'mapping' ? 'cmp.basisMapping' : 'cmp.basisSameIds', {
    from: c.previous.questionnaire.version, to: c.current.questionnaire.version, carried: q.carried, previous: q.previousTotal,
    renamed: q.renamed, split: q.split, removed: q.removed, compared: q.compared, total: q.currentTotal,
  });
}

async function comparisonSection(a, previous) {
  let c;
  try {
    c = await get(`/api/assessments/${a.id}/comparison`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      return h('section', { class: 'card', id: 'comparison' }, h('h2', {}, t('cmp.title', { title: previous.title })), h('div', { class: 'notice info' }, err.body?.error ?? errorMessage(err)));
    }
    throw err;
  }
  const band = (b) => (b ? h('span', { class: `badge band ${b}` }, t(`band.${b}`)) : h('span', { class: 'muted' }, '—'));
  const findingList = (list, which) => (list.length
    ? h('ul', { class: 'list compact' }, list.map((f) => h('li', {},
      f[which] ? h('span', { class: `badge sev ${f[which]}` }, t(`severity.${f[which]}`)) : null, ' ', pick(f.title), ' ', h('span', { class: 'muted small mono' }, f.id))))
    : h('p', { class: 'empty' }, t('cmp.none')));
  return h('section', { class: 'comparison', id: 'comparison', 'aria-labelledby': 'cmp-h' },
    h('div', { class: 'card' },
      h('h2', { id: 'cmp-h' }, t('cmp.title', { title: c.previous.title })),
      h('p', { class: 'muted small' }, t('cmp.dates', { before: c.previous.date ? formatDate(c.previous.date) : '—', after: c.current.date ? formatDate(c.current.date) : '—' })),
      h('div', { class: 'cmp-overall' },
        h('div', { class: 'kpi' }, h('div', { class: 'value' }, fmt(c.overall.before), ' ', band(c.overall.bandBefore)), h('div', { class: 'label' }, t('cmp.before'))),
        h('div', { class: 'cmp-arrow', 'aria-hidden': 'true' }, '→'),
        h('div', { class: 'kpi' }, h('div', { class: 'value' }, fmt(c.overall.after), ' ', band(c.overall.bandAfter)), h('div', { class: 'label' }, t('cmp.after'))),
        h('div', { class: `kpi delta ${trend(c.overall.delta)}` }, h('div', { class: 'value', id: 'cmp-delta' }, signed(c.overall.delta)), h('div', { class: 'label' }, t('cmp.change')))),
      h('p', { class: 'small cmp-basis', id: 'cmp-basis' }, basisText(c))),
    h('div', { class: 'grid two' },
      h('div', {},
        h('div', { class: 'card' }, h('h3', {}, t('cmp.dimensions')),
          h('div', { class: 'table-wrap' }, h('table', { class: 'cmp-table' },
            h('thead', {}, h('tr', {}, h('th', {}, t('dash.dimension')), h('th', { class: 'num' }, t('cmp.before')), h('th', { class: 'num' }, t('cmp.after')), h('th', { class: 'num' }, t('cmp.change')))),
            h('tbody', {}, c.dimensions.map((d) => h('tr', {}, h('td', {}, pick(d.title)), h('td', { class: 'num' }, fmt(d.before)), h('td', { class: 'num' }, fmt(d.after)),
              h('td', { class: `num delta ${trend(d.delta)}` }, signed(d.delta)))))))),
        h('div', { class: 'card' }, h('h3', {}, t('cmp.movers')), h('p', { class: 'muted small' }, t('cmp.moversIntro')),
          c.questions.changes.length
            ? h('ul', { class: 'list compact' }, c.questions.changes.map((x) => h('li', {}, h('span', { class: `delta ${trend(x.delta)}` }, signed(x.delta)), ' ', pick(x.text), ' ', h('span', { class: 'muted small mono' }, x.id))))
            : h('p', { class: 'empty' }, t('cmp.none')))),
      h('div', { class: 'card' },
        h('h3', {}, t('cmp.closed', { n: c.findings.closed.length })), findingList(c.findings.closed, 'severityBefore'),
        h('h3', {}, t('cmp.opened', { n: c.findings.opened.length })), findingList(c.findings.opened, 'severityAfter'),
        h('h3', {}, t('cmp.changed', { n: c.findings.changed.length })),
        c.findings.changed.length
          ? h('ul', { class: 'list compact' }, c.findings.changed.map((f) => h('li', {}, pick(f.title), ' ', h('span', { class: `badge sev ${f.severityBefore}` }, t(`severity.${f.severityBefore}`)), ' → ', h('span', { class: `badge sev ${f.severityAfter}` }, t(`severity.${f.severityAfter}`)))))
          : h('p', { class: 'empty' }, t('cmp.none')),
        h('p', { class: 'muted small' }, t('cmp.unchanged', { n: c.findings.unchanged })))),
    h('div', { class: 'card', id: 'earlier-plan' }, h('h3', {}, t('cmp.earlierPlan')),
      h('p', { class: 'muted small' }, t('cmp.actionCounts', { done: c.actionCounts.done, progress: c.actionCounts['in-progress'], dropped: c.actionCounts.dropped, open: c.actionCounts['not-started'] })),
      actionRows(c.previous.id, c.actions.map((x) => ({ ...x, extra: x.status === 'done' && x.stillPlanned ? t('cmp.stillPlanned') : null })))));
}

// ---- actions and their status ---------------------------------------------------------------

function actionRows(assessmentId, actions) {
  if (!actions.length) return h('p', { class: 'empty' }, t('cmp.noActions'));
  return h('ul', { class: 'list action-status' }, actions.map((x) => {
    const select = h('select', { 'aria-label': t('cmp.statusOf', { title: pick(x.title) }), 'data-action': x.id }, STATUSES.map((s) => h('option', { value: s, selected: s === x.status }, t(`actionStatus.${s}`))));
    const note = h('input', { type: 'text', maxlength: '2000', value: x.note ?? '', placeholder: t('cmp.notePlaceholder'), 'aria-label': t('cmp.noteOf', { title: pick(x.title) }) });
    const saved = h('span', { class: 'muted small', role: 'status' });
    const save = async () => {
      try {
        await put(`/api/assessments/${assessmentId}/actions/${encodeURIComponent(x.id)}`, { status: select.value, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
        saved.textContent = t('respond.saved');
      } catch (err) { toast(errorMessage(err), 'error'); }
    };
    select.addEventListener('change', save);
    note.addEventListener('change', save);
    return h('li', { class: 'action-row' },
      h('div', {}, h('strong', {}, pick(x.title)), h('div', { class: 'muted small' }, [`${t('cmp.phase')} ${x.phase}`, pick(x.owner), x.extra].filter(Boolean).join(' · '))),
      h('div', { class: 'row' }, select, note, saved));
  }));
}

/** This assessment's own plan, folded away when a comparison fills the page above it. */
function actionsSection(a, actions, folded) {
  return h('details', { class: 'card disclosure', id: 'plan-actions', open: !folded },
    h('summary', {}, t('cmp.planTitle'), ` (${actions.length})`),
    h('p', { class: 'muted small' }, t('cmp.planIntro')),
    actionRows(a.id, actions));
}

// ---- the next follow-up ---------------------------------------------------------------------

async function startSection(ctx, a, followUps) {
  const { questionnaires } = await get('/api/catalog');
  const versions = questionnaires.filter((q) => q.id === a.questionnaireId)
    .sort((x, y) => { const [p, q] = [x, y].map((v) => v.version.split('.').map(Number)); return q[0] - p[0] || q[1] - p[1] || q[2] - p[2]; });
  const once = h('div', {});
  const radio = (value, label, hint, checked) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'invite', value, checked }), h('span', {}, h('strong', {}, label), h('br'), h('span', { class: 'muted small' }, hint)));
  const form = h('form', { novalidate: true, id: 'follow-up-form' },
    h('div', { class: 'form-error', tabindex: '-1' }),
    field(t('assessment.titleLabel'), input('title', { required: true, maxlength: 200, value: t('fu.defaultTitle', { title: a.title }) })),
    h('div', { class: 'grid two' },
      field(t('assessment.questionnaire'), h('select', { name: 'questionnaire' }, versions.map((q, i) => h('option', { value: q.ref, selected: i === 0 }, `${pick(q.title)} (${q.version})`))), t('fu.versionHint')),
      field(t('assessment.dueDate'), input('dueDate', { type: 'date', min: new Date().toISOString().slice(0, 10) }))),
    h('fieldset', { class: 'field' }, h('legend', {}, t('fu.who')), h('div', { class: 'choices' },
      radio('same-people', t('fu.samePeople'), t('fu.samePeopleHint'), true),
      radio('same-roles', t('fu.sameRoles'), t('fu.sameRolesHint'), false),
      radio('none', t('fu.none'), t('fu.noneHint'), false))),
    h('button', { type: 'submit', class: 'btn', id: 'start-follow-up' }, t('fu.start')));
  onSubmit(form, async (data) => {
    const res = await post(`/api/assessments/${a.id}/follow-ups`, { title: data.get('title'), questionnaire: data.get('questionnaire'), invite: data.get('invite'), dueDate: data.get('dueDate') || null, locale: a.locale });
    const next = `#/assessments/${res.assessment.id}`;
    const text = res.links.map((l) => `${l.respondent.name || l.respondent.key}: ${absolute(l.path)}`).join('\n');
    fill(once, h('section', { class: 'card once', 'aria-labelledby': 'fu-once-h' },
      h('h2', { id: 'fu-once-h', tabindex: '-1' }, t('fu.created', { title: res.assessment.title })),
      res.links.length ? [h('p', { class: 'small' }, t('links.once')),
        h('ul', { class: 'list compact' }, res.links.map((l) => h('li', { class: 'row' }, h('span', {}, l.respondent.name || l.respondent.key), h('span', { class: 'spacer' }),
          h('input', { type: 'text', readonly: true, value: absolute(l.path), class: 'link-input mono', 'aria-label': t('links.linkFor', { name: l.respondent.name || l.respondent.key }), onFocus: (e) => e.target.select() })))),
        h('button', { type: 'button', class: 'btn secondary', onClick: async () => toast(t(await copyText(text) ? 'links.copied' : 'links.copyFailed')) }, t('links.copyAll'))] : null,
      h('div', { class: 'row' }, h('a', { class: 'btn', href: next, id: 'open-follow-up' }, t('fu.open')))));
    once.querySelector('h2').focus();
  });
  return h('section', { class: 'card', id: 'start-follow-up-card', 'aria-labelledby': 'fu-h' },
    h('h2', { id: 'fu-h' }, t('fu.title')),
    h('p', { class: 'muted small' }, t('fu.intro')),
    followUps.length ? h('p', { class: 'small' }, t('fu.existing'), ' ', followUps.map((f, i) => [i ? ', ' : '', h('a', { href: `#/assessments/${f.id}/followup` }, f.title)])) : null,
    once, form);
}

