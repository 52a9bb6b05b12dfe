// The sponsor's page behind a share link: a read-only summary (band, radar, top risks, roadmap)
// and the PDF. It only reads: nothing here can change the assessment.
import { api, ApiError } from './api.js';
import { fill, h } from './dom.js';
import { formatDate, initI18n, languageSelect, pick, t } from './i18n.js';
import { actionList, dimensionList, drawRadar, headline, pdfCard, radarBox, riskList, roadmap } from './scorecard.js';

const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const base = `/api/share/${encodeURIComponent(token)}`;
const main = document.getElementById('main');
let data = null;
let chart = null;

function render() {
  fill(document.getElementById('tools'), languageSelect(() => render()));
  const { assessment: a, link, summary: s } = data;
  const head = h('div', { class: 'page-head' },
    h('div', {},
      h('p', { class: 'kicker' }, t('share.kicker')),
      h('h1', { tabindex: '-1' }, a.client),
      h('p', { class: 'sub' }, [a.title, pick(a.questionnaireTitle), s?.date ? formatDate(s.date) : null].filter(Boolean).join(' · '))),
    h('p', { class: 'muted small' }, t('share.expires', { date: formatDate(link.expiresAt) })));
  chart?.destroy();
  chart = null;
  if (!s) {
    fill(main, head, h('div', { class: 'notice info' }, t('share.noAnswers')));
  } else {
    const radar = h('div', {});
    const canvas = radarBox(radar);
    fill(main, head,
      a.status === 'open' ? h('div', { class: 'notice info small' }, t('share.stillOpen', { n: s.respondents })) : null,
      h('div', { class: 'grid two' },
        h('section', { class: 'card', 'aria-labelledby': 'overall-h' }, h('h2', { id: 'overall-h' }, t('share.overall')), headline(s), dimensionList(s)),
        h('div', {},
          h('section', { class: 'card', 'aria-labelledby': 'radar-h' }, h('h2', { id: 'radar-h' }, t('scorecard.radar')), radar),
          // Sponsors come for the PDF: it is next to the headline, not under the roadmap.
          pdfCard((variant, l) => `${base}/report?variant=${variant}&locale=${encodeURIComponent(l)}`, a.locale, 'share-pdf'),
          h('p', { class: 'small muted' }, link.includeComments ? t('share.withComments') : t('share.withoutComments')))),
      h('div', { class: 'grid two' },
        h('section', { class: 'card', 'aria-labelledby': 'risks-h' }, h('h2', { id: 'risks-h' }, t('scorecard.topRisks')), riskList(s)),
        h('section', { class: 'card', 'aria-labelledby': 'first-h' }, h('h2', { id: 'first-h' }, t('scorecard.firstActions')), actionList(s.firstActions))),
      h('section', { class: 'card', 'aria-labelledby': 'roadmap-h' }, h('h2', { id: 'roadmap-h' }, t('share.roadmap')), h('p', { class: 'muted small' }, t('share.roadmapIntro')), roadmap(s)));
    chart = drawRadar(canvas, chart, s);
  }
  document.title = `${t('share.pageTitle')} · ${a.client}`;
  main.dataset.ready = 'true';
}

function fatal(err) {
  const status = err instanceof ApiError ? err.status : 0;
  fill(main, h('div', { class: 'card' }, h('h1', {}, t(status === 410 ? 'share.expired' : status === 404 ? 'share.notFound' : 'respond.loadFailed')),
    err?.body?.error ? h('p', { class: 'muted' }, err.body.error) : null));
  main.dataset.ready = 'true';
}

async function start() {
  try {
    data = (await api('GET', base)).data;
  } catch (err) {
    await initI18n();
    return fatal(err);
  }
  await initI18n(data.assessment.locale);
  render();
}

start();
