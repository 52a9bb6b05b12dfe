import type { PDFOptions } from 'puppeteer';
import type { Locale } from '../../core/localized.ts';
import type { Assessment } from '../../core/questionnaire/answers-schema.ts';
import type { Comparison } from '../../core/followup/compare-assessments.ts';
import type { Questionnaire } from '../../core/questionnaire/questionnaire-schema.ts';
import { buildReportView, REPORT_FONT_FAMILY } from '../../core/report/build-report-view.ts';
import type { ReportView } from '../../core/report/report-view.ts';
import type { ScoreResult } from '../../core/scoring/result-types.ts';
import type { RuleSet } from '../../core/scoring/rule-set-schema.ts';
import { createPdfRenderer, type PdfRenderer } from './create-pdf-renderer.ts';
import { finalizePdf } from './finalize-pdf.ts';
import { loadReportAssets } from './load-report-assets.ts';
import { createNonce, renderReportHtml } from './render-report-html.ts';

export interface ReportRequest {
  result: ScoreResult;
  questionnaire: Questionnaire;
  rules: RuleSet;
  assessment: Assessment;
  variant: 'full' | 'brief';
  locale: Locale;
  includeComments: boolean;
  /** ISO date-time printed on the report; passed in so that a cached PDF and its record agree. */
  generatedAt: string;
  /** A follow-up's comparison with the assessment it repeats ("progress since <date>", full report only). */
  progress?: Comparison | null;
}

/** Too many reports are already waiting; ask again after `retryAfterSeconds` (HTTP 503 + Retry-After). */
export class ReportQueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many reports are being rendered; try again in ${retryAfterSeconds} s`);
    this.name = 'ReportQueueFullError';
  }
}

export interface ReportService {
  renderPdf(req: ReportRequest): Promise<Buffer>;
  renderHtml(req: ReportRequest): string;
  close(): Promise<void>;
}

/**
 * Changes whenever anything that shapes a PDF changes (templates, CSS, labels, our chart script,
 * the chart.js bundle): part of the PDF cache key together with result.inputHash.
 */
export const REPORT_TEMPLATE_VERSION: string = loadReportAssets().version;

export function buildView(req: ReportRequest): ReportView {
  const assets = loadReportAssets();
  return buildReportView(
    { result: req.result, questionnaire: req.questionnaire, rules: req.rules, assessment: req.assessment, progress: req.progress ?? null },
    { variant: req.variant, locale: req.locale, includeComments: req.includeComments, generatedAt: req.generatedAt, strings: assets.strings[req.locale], templateVersion: assets.version },
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Header and footer are raw HTML for Chromium (puppeteer's headerTemplate/footerTemplate): the
 * client's name is escaped here, since no template engine stands in between.
 */
export function buildPdfOptions(view: ReportView): PDFOptions {
  const style = `<style>
    .bar { font-family: ${REPORT_FONT_FAMILY}; font-size: 7.5pt; color: #667085; width: 100%; margin: 0 16mm; display: flex; justify-content: space-between; gap: 8mm; -webkit-print-color-adjust: exact; }
    .bar span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .bar .left { max-width: 65%; }
    .top { border-bottom: 0.5pt solid #d0d5dd; padding-bottom: 1.5mm; }
  </style>`;
  const page = escapeHtml(view.footerPage).replace('{page}', '<span class="pageNumber"></span>').replace('{pages}', '<span class="totalPages"></span>');
  return {
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: `${style}<div class="bar top"><span class="left">${escapeHtml(view.client)}</span><span>${escapeHtml(view.headerTitle)}</span></div>`,
    footerTemplate: `${style}<div class="bar"><span class="left">${escapeHtml(view.cover.assessmentTitle)}</span><span>${page}</span></div>`,
    // Tagged PDF and the outline would add about half to the print time and triple the
    // post-processing (measured on a 31-page report), so the contents page is the navigation.
    tagged: false,
    outline: false,
  };
}

/** View -> HTML -> PDF on a shared renderer, then metadata and contents page numbers. */
export async function renderReportPdf(renderer: PdfRenderer, view: ReportView): Promise<Uint8Array> {
  const html = renderReportHtml(view, createNonce());
  const printed = await renderer.render(html, buildPdfOptions(view));
  const { pdf } = await finalizePdf(printed, {
    title: view.title,
    author: view.author,
    subject: view.subject,
    keywords: view.keywords,
    lang: view.lang,
    creator: `crm-readiness (report template ${REPORT_TEMPLATE_VERSION})`,
  });
  return pdf;
}

export function createReportService(opts: { concurrency?: number; queueLimit?: number; timeoutMs?: number } = {}): ReportService {
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const queueLimit = Math.max(0, opts.queueLimit ?? 8);
  const renderer = createPdfRenderer({ poolSize: concurrency, timeoutMs: opts.timeoutMs ?? 30_000 });
  const waiting: Array<() => void> = [];
  let running = 0;
  // A running estimate of one render, for Retry-After; starts at the cold-start figure measured here.
  let averageMs = 2000;

  async function inTurn<T>(job: () => Promise<T>): Promise<T> {
    if (running < concurrency) running++;
    else {
      if (waiting.length >= queueLimit) {
        const ahead = waiting.length + running;
        throw new ReportQueueFullError(Math.max(1, Math.ceil((ahead / concurrency) * (averageMs / 1000))));
      }
      // The slot is handed over by the job that finishes, so `running` stays as it is.
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    const started = Date.now();
    try {
      return await job();
    } finally {
      averageMs = averageMs * 0.8 + (Date.now() - started) * 0.2;
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    renderHtml: (req) => renderReportHtml(buildView(req)),
    renderPdf: (req) => inTurn(async () => Buffer.from(await renderReportPdf(renderer, buildView(req)))),
    close: () => renderer.close(),
  };
}
