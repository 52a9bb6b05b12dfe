// The live dashboard: polls the API (If-None-Match, so an unchanged assessment costs one cheap read)
// and redraws completion, radar, heatmap, findings and disagreements in place, without a reload.
import { api } from '../api.js';
import { clear, fill, h } from '../dom.js';
import { formatDate, pick, t } from '../i18n.js';

const POLL_MS = 4000;
const ROLE_COLORS = { all: '#1f3a5f', executive: '#7b3fa0', 'project-manager': '#2d6a8f', business: '#0f7b6c', it: '#b85c00', procurement: '#6b6f1e', 'end-user': '#c2185b' };
const BAND_COLOR = { 'high-risk': '#b3261e', elevated: '#d9730d', moderate: '#b8960c', ready: '#2e7d32' };

/** 0..100 -> a red-to-green background that keeps dark text readable. */
function heat(score) {
  if (score === null || score === undefined) return '#eef1f4';
  const hue = Math.round((Math.max(0, Math.min(100, score)) / 100) * 120);
  return `hsl(${hue} 60% 82%)`;
}
/** Radar point labels in lines of at most `max` characters, so they are not cut off on a phone. */
function wrapLabel(text, max) {
  if (text.length <= max) return text;
  const words = /\s/.test(text) ? text.split(/\s+/) : text.match(new RegExp(`.{1,${Math.max(4, Math.floor(max / 2))}}`, 'g'));
  const lines = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + (/\s/.test(text) ? ' ' : '') + w).length <= max) lines[lines.length - 1] = last + (/\s/.test(text) ? ' ' : '') + w;
    else lines.push(w);
  }
  return lines;
}
const fmt = (n) => (n === null || n === undefined ? '—' : String(Math.round(n)));

export async function dashboardTab(ctx, body, detail) {
  const { assessment: a, roles } = detail;
  const roleLabel = (role) => (role === 'all' ? t('dash.allRespondents') : pick(roles.find((r) => r.role === role)?.label) || role);
  const live = h('span', { class: 'live', 'aria-live': 'off' }, t('dash.live'));
  const kpis = h('div', { class: 'kpis' });
  const completion = h('div', {});
  const canvas = h('canvas', { role: 'img', 'aria-label': t('dash.radarLabel') });
  const radarNote = h('p', { class: 'muted small' });
  const heatmap = h('div', { class: 'table-wrap' });
  const findings = h('div', {});
  const disagreements = h('div', {});
  const waiting = h('div', { class: 'notice info', hidden: true }, t('dash.waiting'));
  body.append(
    h('div', { class: 'row', style: { marginBottom: '.75rem' } }, live, h('span', { class: 'spacer' })),
    waiting, kpis,
    h('div', { class: 'grid two' },
      h('section', { class: 'card', 'aria-labelledby': 'radar-h' }, h('h2', { id: 'radar-h' }, t('dash.radar')), h('div', { class: 'chart-box' }, canvas), radarNote),
      h('section', { class: 'card', 'aria-labelledby': 'find-h' }, h('h2', { id: 'find-h' }, t('dash.findings')), findings)),
    h('section', { class: 'card', 'aria-labelledby': 'heat-h' }, h('h2', { id: 'heat-h' }, t('dash.heatmap')), h('p', { class: 'muted small' }, t('dash.heatmapIntro')), heatmap),
    h('div', { class: 'grid two' },
      h('section', { class: 'card', 'aria-labelledby': 'dis-h' }, h('h2', { id: 'dis-h' }, t('dash.disagreements')), h('p', { class: 'muted small' }, t('dash.disagreementsIntro')), disagreements),
      h('section', { class: 'card', 'aria-labelledby': 'comp-h' }, h('h2', { id: 'comp-h' }, t('dash.completion')), completion)));

  let chart = null;
  let etag = '';
  let timer = null;
  let stopped = false;

  const draw = (d) => {
    const submitted = d.completion.filter((r) => r.status === 'submitted' || r.status === 'imported').length;
    const active = d.completion.filter((r) => r.status !== 'revoked');
    const res = d.result;
    waiting.hidden = Boolean(res);
    fill(kpis, 
      kpi(res?.overall.index === null || !res ? '—' : fmt(res.overall.index), t('dash.index'), res?.overall.band ? h('span', { class: `badge band ${res.overall.band}` }, t(`band.${res.overall.band}`)) : null),
      kpi(res ? `${Math.round(res.overall.confidence * 100)}%` : '—', t('dash.confidence')),
      kpi(`${submitted}/${active.length}`, t('dash.submitted')),
      kpi(res ? String(res.respondents) : '0', t('dash.counted')));
    drawCompletion(completion, active, roleLabel);
    drawHeatmap(heatmap, res, roleLabel);
    drawFindings(findings, res);
    drawDisagreements(disagreements, res, roleLabel);
    chart = drawRadar(canvas, chart, res, roleLabel);
    radarNote.textContent = res ? t('dash.anonymity', { n: res.anonymityMinimum }) : '';
    body.dataset.revision = String(d.revision);
  };

  const poll = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try {
        const res = await api('GET', `/api/assessments/${a.id}/dashboard`, undefined, etag ? { 'if-none-match': etag } : {});
        if (res.status === 200) { etag = res.headers.get('etag') ?? ''; draw(res.data); }
        live.classList.remove('paused');
        live.textContent = t('dash.updated', { time: formatDate(new Date().toISOString(), true) });
      } catch {
        live.classList.add('paused');
        live.textContent = t('dash.offline');
      }
    }
    if (!stopped && a.status === 'open') timer = setTimeout(poll, POLL_MS);
    else if (a.status !== 'open') { live.classList.add('paused'); live.textContent = t('dash.closedNoPoll'); }
  };
  ctx.onLeave(() => { stopped = true; clearTimeout(timer); chart?.destroy(); });
  await poll();
}

function kpi(value, label, extra) {
  return h('div', { class: 'kpi' }, h('div', { class: 'value' }, value, ' ', extra), h('div', { class: 'label' }, label));
}

function drawCompletion(el, respondents, roleLabel) {
  if (!respondents.length) return fill(el, h('p', { class: 'empty' }, t('dash.noRespondents')));
  fill(el, ...respondents.map((r) => {
    const pct = r.visible ? Math.round((r.answered / r.visible) * 100) : 0;
    const who = r.name || r.key;
    return h('div', { class: 'progress-row' },
      h('div', { class: 'who', title: who }, who, h('div', { class: 'muted small' }, roleLabel(r.role))),
      h('div', { class: 'progress', role: 'progressbar', 'aria-label': t('dash.progressOf', { name: who }), 'aria-valuemin': '0', 'aria-valuemax': String(r.visible), 'aria-valuenow': String(r.answered) }, h('span', { style: { width: `${pct}%` } })),
      h('span', { class: `badge ${r.status}` }, r.status === 'in-progress' ? `${r.answered}/${r.visible}` : t(`rstatus.${r.status}`)));
  }));
}

function drawRadar(canvas, chart, res, roleLabel) {
  const Chart = window.Chart;
  if (!Chart || !res) return chart;
  const narrow = canvas.parentElement.clientWidth < 480;
  const labels = res.dimensions.map((d) => wrapLabel(pick(d.title), narrow ? 12 : 22));
  const series = [{ key: 'all', data: res.dimensions.map((d) => d.score) }, ...res.roles.map((role) => ({ key: role, data: res.dimensions.map((d) => d.byRole[role] ?? null) }))];
  const datasets = series.map((s) => ({
    label: roleLabel(s.key), data: s.data, borderColor: ROLE_COLORS[s.key] ?? '#555', backgroundColor: `${ROLE_COLORS[s.key] ?? '#555555'}22`,
    borderWidth: s.key === 'all' ? 3 : 2, pointRadius: 3, spanGaps: true,
  }));
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update('none');
    return chart;
  }
  return new Chart(canvas, {
    type: 'radar',
    data: { labels, datasets },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: 'transparent' }, pointLabels: { font: { size: 12 }, color: '#1d2733' } } },
      layout: { padding: 4 },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 12 } } } },
    },
  });
}

function drawHeatmap(el, res, roleLabel) {
  if (!res) return clear(el);
  const cols = ['all', ...res.roles];
  const cell = (score, overall, role) => {
    const gap = role !== 'all' && score !== null && score !== undefined && overall !== null ? score - overall : null;
    const big = gap !== null && Math.abs(gap) >= 15;
    return h('td', { class: 'cell', style: { background: heat(score), outline: big ? '2px solid #1d2733' : '' }, title: gap === null ? '' : t('dash.gapTitle', { gap: `${gap > 0 ? '+' : ''}${Math.round(gap)}` }) },
      fmt(score), big ? h('span', { class: 'visually-hidden' }, ` (${t('dash.bigGap')})`) : null);
  };
  fill(el, 
    h('table', { class: 'heatmap' },
      h('thead', {}, h('tr', {}, h('th', {}, t('dash.dimension')), cols.map((c) => h('th', { class: 'center' }, roleLabel(c))))),
      h('tbody', {}, res.dimensions.map((d) => h('tr', {}, h('th', { class: 'dim', scope: 'row' }, pick(d.title)), cols.map((c) => cell(c === 'all' ? d.score : d.byRole[c], d.score, c)))))),
    h('div', { class: 'legend' },
      h('span', { style: { '--c': heat(15) } }, t('dash.legendLow')), h('span', { style: { '--c': heat(55) } }, t('dash.legendMid')), h('span', { style: { '--c': heat(90) } }, t('dash.legendHigh')),
      h('span', { style: { '--c': '#fff' } }, t('dash.legendGap'))),
    res.roles.length === 0 ? h('p', { class: 'muted small' }, t('dash.noGroups', { n: res.anonymityMinimum })) : null);
}

const FINDINGS_SHOWN = 8;

function drawFindings(el, res) {
  if (!res || !res.findings.length) return fill(el, h('p', { class: 'empty' }, t('dash.noFindings')));
  const expanded = el.dataset.expanded === 'true';
  const shown = expanded ? res.findings : res.findings.slice(0, FINDINGS_SHOWN);
  const more = res.findings.length - shown.length;
  fill(el,
    h('p', { class: 'muted small' }, t('dash.findingsCount', { n: res.findings.length })),
    h('ul', { class: 'list' }, shown.map((f) => h('li', { class: `finding ${f.severity}` },
      h('div', {}, h('span', { class: `badge sev ${f.severity}` }, t(`severity.${f.severity}`)), ' ', h('strong', {}, pick(f.title))),
      h('details', { class: 'disclosure small' }, h('summary', {}, t('dash.why')), h('p', {}, pick(f.explanation)))))),
    more > 0 || expanded ? h('button', { type: 'button', class: 'btn ghost small', onClick: () => { el.dataset.expanded = String(!expanded); drawFindings(el, res); } },
      expanded ? t('dash.showFewer') : t('dash.showAll', { n: res.findings.length })) : null);
}

function drawDisagreements(el, res, roleLabel) {
  if (!res || !res.disagreements.length) return fill(el, h('p', { class: 'empty' }, t('dash.noDisagreements')));
  fill(el, h('ol', { class: 'list' }, res.disagreements.map((q) => h('li', { class: 'spread' },
    h('div', {}, pick(q.text), ' ', h('span', { class: 'muted small' }, q.question)),
    h('div', { class: 'spread-bar', role: 'img', 'aria-label': t('dash.rangeLabel', { min: fmt(q.min), max: fmt(q.max) }) }, h('span', { style: { left: `${q.min}%`, right: `${100 - q.max}%` } })),
    h('div', { class: 'muted small' }, t('dash.range', { min: fmt(q.min), max: fmt(q.max) }),
      Object.keys(q.byRole).length ? ` · ${Object.entries(q.byRole).map(([r, s]) => `${roleLabel(r)} ${fmt(s)}`).join(' · ')}` : '')))));
}
