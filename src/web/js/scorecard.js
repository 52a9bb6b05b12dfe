// A readiness summary on screen (the sponsor's share page and the executive's scorecard): the
// band and index, a radar of the dimensions, the top risks in plain words and the actions.
// Draws from the server's bilingual summary, so a language switch only redraws.
import { ApiError } from './api.js';
import { fill, h, saveBlob } from './dom.js';
import { pick, t } from './i18n.js';

const fmt = (n) => (n === null || n === undefined ? '—' : String(Math.round(n)));

/** Radar labels in lines of at most `max` characters, so they are not cut off on a phone. */
function wrapLabel(text, max) {
  if (text.length <= max) return text;
  const spaced = /\s/.test(text);
  const words = spaced ? text.split(/\s+/) : text.match(new RegExp(`.{1,${Math.max(4, Math.floor(max / 2))}}`, 'g'));
  const lines = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + (spaced ? ' ' : '') + w).length <= max) lines[lines.length - 1] = last + (spaced ? ' ' : '') + w;
    else lines.push(w);
  }
  return lines;
}

/** The headline: index, band, confidence, and what caps the band. */
export function headline(s) {
  const band = s.overall.band;
  return h('div', { class: `scorecard-head band-edge ${band ?? 'none'}` },
    h('div', { class: 'score-big' }, h('span', { class: 'index', 'data-index': s.overall.index ?? '' }, fmt(s.overall.index)), h('span', { class: 'of' }, '/100')),
    h('div', { class: 'score-text' },
      band ? h('span', { class: `badge band ${band}`, id: 'band' }, t(`band.${band}`)) : null,
      h('p', { class: 'verdict' }, t(`verdict.${band ?? 'none'}`)),
      h('p', { class: 'muted small' }, t('scorecard.confidence', { n: Math.round(s.overall.confidence * 100) }),
        s.overall.cappedBy.length ? ` · ${t('scorecard.capped', { list: s.overall.cappedBy.map(pick).join('; ') })}` : '')));
}

/** Draws (or redraws) the dimension radar into `canvas`; returns the chart. */
export function drawRadar(canvas, chart, s) {
  const Chart = window.Chart;
  if (!Chart) return chart;
  chart?.destroy();
  const narrow = canvas.parentElement.clientWidth < 480;
  return new Chart(canvas, {
    type: 'radar',
    data: {
      labels: s.dimensions.map((d) => wrapLabel(pick(d.title), narrow ? 12 : 22)),
      datasets: [{ label: t('scorecard.score'), data: s.dimensions.map((d) => d.score), borderColor: '#1f3a5f', backgroundColor: '#2d6a8f33', borderWidth: 3, pointRadius: 4, spanGaps: true }],
    },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: 'transparent' }, pointLabels: { font: { size: narrow ? 11 : 13 }, color: '#1d2733' } } },
      plugins: { legend: { display: false } },
    },
  });
}

export function dimensionList(s) {
  return h('ul', { class: 'list dims' }, s.dimensions.map((d) => h('li', { class: 'dim-row' },
    h('span', { class: 'dim-name' }, pick(d.title)),
    h('span', { class: 'bar', role: 'img', 'aria-label': t('scorecard.dimScore', { name: pick(d.title), n: fmt(d.score) }) }, h('span', { class: `fill ${d.band ?? 'none'}`, style: { width: `${d.score ?? 0}%` } })),
    h('span', { class: 'dim-score' }, fmt(d.score)))));
}

export function riskList(s) {
  if (!s.topRisks.length) return h('p', { class: 'empty' }, t('scorecard.noRisks'));
  return h('ol', { class: 'list risks' }, s.topRisks.map((r) => h('li', { class: `finding ${r.severity}` },
    h('div', {}, h('span', { class: `badge sev ${r.severity}` }, t(`severity.${r.severity}`)), ' ', h('strong', {}, pick(r.title))),
    h('p', { class: 'small' }, pick(r.explanation)),
    h('p', { class: 'muted small' }, pick(r.dimension)))));
}

function actionItem(a) {
  return h('li', { class: 'action' },
    h('strong', {}, pick(a.title)),
    h('p', { class: 'small' }, pick(a.description)),
    h('p', { class: 'muted small' }, [pick(a.owner), t(`horizon.${a.horizon}`), `${t('scorecard.kpi')}: ${pick(a.kpi)}`].join(' · ')));
}

export function actionList(actions) {
  if (!actions.length) return h('p', { class: 'empty' }, t('scorecard.noActions'));
  return h('ol', { class: 'list actions' }, actions.map(actionItem));
}

/** The roadmap by phase, one line per action (the PDF has the descriptions). */
export function roadmap(s) {
  if (!s.roadmap.length) return h('p', { class: 'empty' }, t('scorecard.noActions'));
  return h('div', { class: 'roadmap' }, s.roadmap.map((p) => h('section', { class: 'phase' },
    h('h3', {}, h('span', { class: 'phase-no' }, String(p.phase)), t(`phase.${p.phase}`)),
    h('ol', { class: 'list compact actions' }, p.actions.map((a) => h('li', {},
      h('span', {}, pick(a.title)), h('div', { class: 'muted small' }, `${pick(a.owner)} · ${t(`horizon.${a.horizon}`)}`)))))));
}

/** The file name from Content-Disposition (RFC 5987 filename* first). */
function fileNameOf(res, fallback) {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = cd.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) try { return decodeURIComponent(star[1]); } catch { /* fall through */ }
  return cd.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/**
 * The PDF download: brief or full, English or Chinese, fetched and saved under the server's file
 * name. `url(variant, locale)` builds the report URL.
 */
export function pdfCard(url, defaultLocale, idPrefix = 'pdf') {
  const status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite' });
  const radio = (name, value, label, checked) => h('label', { class: 'choice' }, h('input', { type: 'radio', name, value, checked }), h('span', {}, label));
  const variant = h('fieldset', { class: 'field' }, h('legend', {}, t('report.variant')), h('div', { class: 'choices inline' },
    radio(`${idPrefix}-variant`, 'brief', t('scorecard.brief'), true), radio(`${idPrefix}-variant`, 'full', t('scorecard.full'), false)));
  const language = h('fieldset', { class: 'field' }, h('legend', {}, t('report.language')), h('div', { class: 'choices inline' },
    radio(`${idPrefix}-locale`, 'en', 'English', defaultLocale !== 'zh-CN'), radio(`${idPrefix}-locale`, 'zh-CN', '简体中文', defaultLocale === 'zh-CN')));
  const button = h('button', { type: 'button', class: 'btn', id: 'download-pdf', onClick: async () => {
    const v = variant.querySelector('input:checked').value;
    const l = language.querySelector('input:checked').value;
    button.disabled = true;
    status.textContent = t('report.generating');
    try {
      const res = await fetch(url(v, l), { credentials: 'same-origin' });
      if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
      saveBlob(await res.blob(), fileNameOf(res, 'report.pdf'));
      status.textContent = t('report.ready');
    } catch (err) {
      status.textContent = err instanceof ApiError && err.body?.code ? (t(`error.${err.body.code}`) !== `error.${err.body.code}` ? t(`error.${err.body.code}`) : err.message) : t('error.ERR_INTERNAL');
    } finally {
      button.disabled = false;
    }
  } }, t('scorecard.downloadPdf'));
  return h('section', { class: 'card', 'aria-labelledby': `${idPrefix}-h` }, h('h2', { id: `${idPrefix}-h` }, t('scorecard.pdfTitle')), h('p', { class: 'muted small' }, t('scorecard.pdfIntro')), variant, language, button, status);
}

/** Replaces `el`'s content with a radar box and returns the canvas. */
export function radarBox(el) {
  const canvas = h('canvas', { role: 'img', 'aria-label': t('scorecard.radarLabel') });
  fill(el, h('div', { class: 'chart-box radar' }, canvas));
  return canvas;
}
