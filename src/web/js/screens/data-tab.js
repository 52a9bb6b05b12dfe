// Report (PDF through the server's render queue), exports (CSV, JSON in the CLI's format) and import of an answers file.
import { ApiError, post } from '../api.js';
import { field, h, saveBlob, toast } from '../dom.js';
import { locale, t } from '../i18n.js';
import { onSubmit } from '../forms.js';

/** The file name from Content-Disposition (RFC 5987 filename* first). */
function fileNameOf(res, fallback) {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = cd.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) try { return decodeURIComponent(star[1]); } catch { /* fall through */ }
  return cd.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

export async function dataTab(ctx, body, detail) {
  const { assessment: a } = detail;
  body.append(h('div', { class: 'grid two' }, reportCard(a), h('div', {}, exportCard(a), importCard(ctx, a))));
}

function reportCard(a) {
  const status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite' });
  const radio = (name, value, label, checked) => h('label', { class: 'choice' }, h('input', { type: 'radio', name, value, checked }), h('span', {}, label));
  const form = h('form', { novalidate: true },
    h('div', { class: 'form-error', tabindex: '-1' }),
    h('fieldset', { class: 'field' }, h('legend', {}, t('report.variant')), h('div', { class: 'choices inline' },
      radio('variant', 'full', t('report.full'), true), radio('variant', 'brief', t('report.brief'), false))),
    h('fieldset', { class: 'field' }, h('legend', {}, t('report.language')), h('div', { class: 'choices inline' },
      radio('locale', 'en', 'English', (a.locale ?? locale()) === 'en'), radio('locale', 'zh-CN', '简体中文', (a.locale ?? locale()) === 'zh-CN'))),
    h('div', { class: 'field' }, h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'comments', checked: true }), h('span', {}, t('report.comments')))),
    h('button', { type: 'submit', class: 'btn', id: 'download-report' }, t('report.download')), status);
  onSubmit(form, async (data) => {
    const query = new URLSearchParams({ variant: data.get('variant'), locale: data.get('locale'), comments: data.get('comments') === 'on' ? 'true' : 'false' });
    status.textContent = t('report.generating');
    const res = await fetch(`/api/assessments/${a.id}/report?${query}`, { credentials: 'same-origin' });
    if (!res.ok) {
      status.textContent = '';
      throw new ApiError(res.status, await res.json().catch(() => null));
    }
    saveBlob(await res.blob(), fileNameOf(res, 'report.pdf'));
    status.textContent = t('report.ready');
  });
  return h('section', { class: 'card' }, h('h2', {}, t('report.title')), h('p', { class: 'muted small' }, t('report.intro')), form);
}

function exportCard(a) {
  return h('section', { class: 'card' }, h('h2', {}, t('export.title')), h('p', { class: 'muted small' }, t('export.intro')),
    h('div', { class: 'row' },
      h('a', { class: 'btn secondary', href: `/api/assessments/${a.id}/export.csv`, download: '' }, t('export.csv')),
      h('a', { class: 'btn secondary', href: `/api/assessments/${a.id}/export.json`, download: '' }, t('export.json'))));
}

function importCard(ctx, a) {
  const file = h('input', { type: 'file', name: 'file', accept: '.yaml,.yml,.json,application/json,text/yaml', required: true });
  const form = h('form', { novalidate: true },
    h('div', { class: 'form-error', tabindex: '-1' }),
    field(t('import.file'), file, t('import.hint')),
    h('button', { type: 'submit', class: 'btn secondary', disabled: a.status !== 'open' }, t('import.submit')),
    a.status !== 'open' ? h('p', { class: 'muted small' }, t('import.closed')) : null);
  onSubmit(form, async () => {
    const chosen = file.files?.[0];
    if (!chosen) throw Object.assign(new Error(t('import.noFile')), { issues: [{ path: 'file', message: t('import.noFile') }] });
    let res;
    try {
      res = await post(`/api/assessments/${a.id}/import`, { content: await chosen.text(), fileName: chosen.name });
    } catch (err) {
      // The CLI's messages are listed as they are; the summary says nothing was imported.
      if (err.body?.code === 'ERR_VALIDATION') err.body = { ...err.body, code: 'IMPORT_REJECTED' };
      throw err;
    }
    toast(t('import.done', { respondents: res.respondents, answers: res.answers }));
    ctx.navigate(`#/assessments/${a.id}/dashboard`);
  });
  return h('section', { class: 'card' }, h('h2', {}, t('import.title')), h('p', { class: 'muted small' }, t('import.intro')), form);
}
