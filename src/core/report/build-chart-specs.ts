import type { Band } from '../scoring/rule-set-schema.ts';
import type { ChartSpec } from './report-view.ts';

/**
 * chart.js configurations as plain JSON. Nothing here is code: the page's own script
 * (report-templates/scripts/draw-charts.js) draws them and implements the few plugins named under
 * `options.plugins.crm*` (cell grids, band zones, value labels). Colours match print.css.
 */
export const BAND_COLORS: Record<Band | 'none', string> = {
  'high-risk': '#b42318',
  elevated: '#dc6803',
  moderate: '#c4a000',
  ready: '#2e7d4f',
  none: '#98a2b3',
};
const BAND_TINTS: Record<Band | 'none', string> = {
  'high-risk': '#fde3e1',
  elevated: '#fdebd9',
  moderate: '#fbf3cf',
  ready: '#dcefe3',
  none: '#eef0f3',
};
export const PHASE_COLORS = ['#1f3a5f', '#2f6690', '#3a7ca5', '#5c946e', '#80a35a'] as const;
const INK = '#1d2939';
/** The tallest chart that still fits on an A4 page under a heading (CSS pixels). */
export const MAX_CHART_HEIGHT = 860;
const NAVY = '#1f3a5f';

/** Canvas text does not wrap: long labels are broken into lines here (CJK by characters, others by words). */
export function wrapLabel(text: string, max: number): string[] {
  const cjk = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(text);
  if (cjk) {
    const limit = Math.max(4, Math.floor(max / 2));
    const chars = [...text];
    const lines: string[] = [];
    for (let i = 0; i < chars.length; i += limit) lines.push(chars.slice(i, i + limit).join(''));
    return lines;
  }
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) { lines.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function truncateLabel(text: string, max: number): string {
  const cjk = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(text);
  const limit = cjk ? Math.floor(max / 2.2) : max;
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('').trimEnd()}…`;
}

const base = (extra: Record<string, unknown> = {}) => ({
  animation: false,
  responsive: false,
  maintainAspectRatio: false,
  // 1.5 × CSS pixels is about 144 dpi on the page: sharp in print, and the canvases are re-encoded
  // as images when printing, so 2× costs about a quarter more print time for little visible gain.
  devicePixelRatio: 1.5,
  events: [],
  ...extra,
});

export interface DimensionPoint { title: string; score: number | null; band: Band | 'none' }

export function buildRadarChart(id: string, dims: readonly DimensionPoint[], ready: number, labels: { score: string; ready: string }, size: { width: number; height: number }, caption: string): ChartSpec {
  return {
    id, ...size, caption,
    config: {
      type: 'radar',
      data: {
        labels: dims.map((d) => wrapLabel(d.title, 18)),
        datasets: [
          { label: labels.score, data: dims.map((d) => d.score), spanGaps: true, borderColor: NAVY, borderWidth: 2, backgroundColor: 'rgba(31,58,95,0.16)', pointBackgroundColor: dims.map((d) => BAND_COLORS[d.band]), pointBorderColor: '#ffffff', pointRadius: 5, fill: true },
          { label: labels.ready, data: dims.map(() => ready), borderColor: BAND_COLORS.ready, borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0, fill: false },
        ],
      },
      options: base({
        scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: 'rgba(0,0,0,0)', color: '#667085', font: { size: 9 } }, pointLabels: { color: INK, font: { size: 11 } }, grid: { color: '#d0d5dd' }, angleLines: { color: '#d0d5dd' } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 14, font: { size: 10 } } }, tooltip: { enabled: false } },
      }),
    },
  };
}

export function buildBarsChart(id: string, dims: readonly DimensionPoint[], bands: { elevated: number; moderate: number; ready: number }, width: number, caption: string): ChartSpec {
  const zones = [
    { from: 0, to: bands.elevated, color: BAND_TINTS['high-risk'] },
    { from: bands.elevated, to: bands.moderate, color: BAND_TINTS.elevated },
    { from: bands.moderate, to: bands.ready, color: BAND_TINTS.moderate },
    { from: bands.ready, to: 100, color: BAND_TINTS.ready },
  ];
  return {
    id, width, height: 46 + dims.length * 28, caption,
    config: {
      type: 'bar',
      data: {
        labels: dims.map((d) => wrapLabel(d.title, 26)),
        datasets: [{ data: dims.map((d) => d.score ?? 0), backgroundColor: dims.map((d) => BAND_COLORS[d.band]), borderWidth: 0, barPercentage: 0.7, categoryPercentage: 0.9 }],
      },
      options: base({
        indexAxis: 'y',
        layout: { padding: { right: 36 } },
        scales: { x: { min: 0, max: 100, ticks: { stepSize: 20, font: { size: 9 } }, grid: { color: 'rgba(0,0,0,0.06)' } }, y: { ticks: { color: INK, font: { size: 10 } }, grid: { display: false } } },
        plugins: {
          legend: { display: false }, tooltip: { enabled: false },
          crmBandZones: { axis: 'x', zones },
          crmValueLabels: { labels: dims.map((d) => (d.score === null ? '—' : d.score.toFixed(1))), color: INK },
        },
      }),
    },
  };
}

/** Likelihood × impact: cells tinted by their product, a bubble per occupied cell with the number of findings. */
export function buildMatrixChart(id: string, findings: ReadonlyArray<{ likelihood: number; impact: number }>, labels: { likelihood: string; impact: string }, caption: string): ChartSpec {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.likelihood}:${f.impact}`, (counts.get(`${f.likelihood}:${f.impact}`) ?? 0) + 1);
  const scale = ['1', '2', '3', '4', '5'];
  const tint = (p: number) => (p >= 15 ? BAND_TINTS['high-risk'] : p >= 10 ? BAND_TINTS.elevated : p >= 5 ? BAND_TINTS.moderate : BAND_TINTS.ready);
  const cells = [];
  for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) cells.push({ x: l - 1, y: i - 1, color: tint(l * i), text: '' });
  const points = [...counts.entries()].map(([k, n]) => {
    const [l, i] = k.split(':');
    return { x: l, y: i, r: 9 + Math.min(n, 6) * 2.5, label: String(n) };
  });
  return {
    id, width: 380, height: 340, caption,
    config: {
      type: 'bubble',
      data: { datasets: [{ data: points, backgroundColor: NAVY, borderColor: '#ffffff', borderWidth: 1.5 }] },
      options: base({
        scales: {
          x: { type: 'category', labels: scale, offset: true, title: { display: true, text: labels.likelihood, color: INK }, grid: { display: false } },
          y: { type: 'category', labels: [...scale].reverse(), offset: true, title: { display: true, text: labels.impact, color: INK }, grid: { display: false } },
        },
        plugins: { legend: { display: false }, tooltip: { enabled: false }, crmGrid: { cells, rows: 5, cols: 5, flipY: true }, crmPointLabels: { color: '#ffffff' } },
      }),
    },
  };
}

/** Role groups (columns) × dimensions (rows), each cell the group's score tinted by its band. */
export function buildHeatmapChart(id: string, roles: readonly string[], rows: ReadonlyArray<{ dimension: string; cells: ReadonlyArray<{ score: number | null; band: Band | 'none' }> }>, width: number, caption: string): ChartSpec {
  const cells = rows.flatMap((r, y) => r.cells.map((c, x) => ({ x, y, color: c.score === null ? BAND_TINTS.none : BAND_TINTS[c.band], text: c.score === null ? '—' : c.score.toFixed(1), textColor: c.score === null ? '#667085' : BAND_COLORS[c.band] })));
  return {
    id, width, height: 60 + rows.length * 34, caption,
    config: {
      type: 'scatter',
      data: { datasets: [{ data: [], pointRadius: 0 }] },
      options: base({
        scales: {
          x: { type: 'category', position: 'top', labels: roles.map((r) => wrapLabel(r, 16)), offset: true, grid: { display: false }, ticks: { color: INK, font: { size: 10 } } },
          y: { type: 'category', labels: rows.map((r) => truncateLabel(r.dimension, 30)), offset: true, grid: { display: false }, ticks: { color: INK, font: { size: 10 } } },
        },
        plugins: { legend: { display: false }, tooltip: { enabled: false }, crmGrid: { cells, rows: rows.length, cols: roles.length, flipY: false, gap: 2 } },
      }),
    },
  };
}

const HORIZON_MONTHS: Record<string, [number, number]> = { '0-30d': [0, 1], '1-3m': [1, 3], '3-6m': [3, 6], '6-12m': [6, 12] };

/** The roadmap as a timeline: one bar per action across its horizon, coloured by phase. */
export function buildRoadmapChart(id: string, actions: ReadonlyArray<{ number: number; title: string; phase: number; horizonKey: string }>, phaseTitles: readonly string[], monthsLabel: string, width: number, caption: string): ChartSpec {
  // The canvas must fit on one page (a canvas is never split across pages cleanly): rows shrink
  // from 20 px down to 10 px, and the labels with them, as the plan grows.
  const row = Math.max(10, Math.min(20, Math.floor((MAX_CHART_HEIGHT - 90) / Math.max(1, actions.length))));
  const labelSize = row >= 16 ? 9 : row >= 12 ? 8 : 7;
  const labels = actions.map((a) => `${a.number}. ${truncateLabel(a.title, row >= 16 ? 38 : 46)}`);
  const datasets = phaseTitles.map((title, p) => ({
    label: `${p + 1} · ${title}`,
    data: actions.map((a) => (a.phase === p + 1 ? HORIZON_MONTHS[a.horizonKey] ?? [0, 12] : null)),
    backgroundColor: PHASE_COLORS[p],
    borderWidth: 0,
    grouped: false,
    barPercentage: 0.75,
    categoryPercentage: 1,
  })).filter((d) => d.data.some((x) => x !== null));
  return {
    id, width, height: Math.round(90 + actions.length * row), caption,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: base({
        indexAxis: 'y',
        scales: {
          x: { min: 0, max: 12, ticks: { stepSize: 1, font: { size: 9 } }, title: { display: true, text: monthsLabel, color: INK }, grid: { color: 'rgba(0,0,0,0.07)' } },
          y: { ticks: { color: INK, font: { size: labelSize }, autoSkip: false }, grid: { display: false } },
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 9 } } }, tooltip: { enabled: false } },
      }),
    },
  };
}
