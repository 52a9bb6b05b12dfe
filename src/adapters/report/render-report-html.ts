import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import type { ReportView } from '../../core/report/report-view.ts';
import { loadReportAssets } from './load-report-assets.ts';

/**
 * JSON that is safe inside <script type="application/json">: no "<" (so no "</script>" or "<!--"),
 * no ">" or "&", and no U+2028/U+2029, which some JavaScript parsers treat as line ends.
 * JSON.parse reads the \u escapes back to the original characters.
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A fresh nonce per page: only our two inlined scripts carry it, so no other script can run under the page's CSP. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The view model -> one self-contained HTML document (CSS, chart.js, our script and the chart data inlined). */
export function renderReportHtml(view: ReportView, nonce: string = createNonce()): string {
  const assets = loadReportAssets();
  const safe = (s: string) => new Handlebars.SafeString(s);
  return assets.layout({
    ...view,
    nonce,
    css: safe(assets.css),
    chartJs: safe(assets.chartJs),
    drawCharts: safe(assets.drawCharts),
    chartData: safe(toScriptJson({ font: view.fontFamily, charts: view.charts.map((c) => ({ id: c.id, config: c.config })) })),
  });
}
