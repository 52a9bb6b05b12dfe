import type { FastifyInstance } from 'fastify';
import { canonicalJson, sha256 } from '../../../core/canonical-hash.ts';
import type { Locale } from '../../../core/localized.ts';
import { loadReportAssets } from '../../report/load-report-assets.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import type { Client } from '../../store/repositories/clients-repository.ts';
import { conflict, HttpError } from '../errors.ts';
import { isQueueFull } from '../report-port.ts';
import { findProgress } from './comparison.ts';
import { scoreStoredAssessment } from './scored-assessment.ts';

export interface PdfRequest {
  assessment: AssessmentRecord;
  client: Client;
  variant: 'full' | 'brief';
  locale: Locale;
  includeComments: boolean;
}

export interface PdfOutcome {
  pdf: Buffer;
  fromCache: boolean;
}

// Two people asking for the same uncached report at once share one rendering.
const inFlight = new WeakMap<FastifyInstance, Map<string, Promise<Buffer>>>();

/**
 * The key of a PDF: everything that shapes it. The input hash covers the questionnaire, the rule
 * set and the answers (agreed answers included); the template version covers templates, labels,
 * CSS and chart.js; a follow-up's full report also prints the comparison with its earlier
 * assessment, which can change while this one does not, so its digest is part of the key too.
 */
export function reportCacheKey(parts: { inputHash: string; templateVersion: string; variant: string; locale: string; includeComments: boolean; progressDigest: string | null }): string {
  return sha256(canonicalJson(parts));
}

/**
 * A report as PDF: from the cache when nothing that shapes it changed since it was last
 * rendered, otherwise rendered through the report service's bounded queue and kept.
 * 503 when no renderer is available or the queue is full (with Retry-After), 409 when nobody answered.
 */
export async function getReportPdf(app: FastifyInstance, req: PdfRequest): Promise<PdfOutcome> {
  const reports = app.services.reports;
  if (!reports) throw new HttpError(503, 'ERR_REPORTS_UNAVAILABLE', 'Reports cannot be generated on this server right now');
  const scored = scoreStoredAssessment(app, req.assessment, req.client);
  if (!scored.input.respondents.length) throw conflict('Nobody has answered yet, so there is no report to generate', 'ERR_NOTHING_ANSWERED');
  const progress = req.variant === 'full' ? findProgress(app, scored) : null;
  const key = reportCacheKey({
    inputHash: scored.result.inputHash, templateVersion: loadReportAssets().version, variant: req.variant, locale: req.locale,
    includeComments: req.includeComments, progressDigest: progress ? sha256(canonicalJson(progress)) : null,
  });
  const { store } = app.services;
  const cached = store.reportCache.get(key, app.nowIso());
  if (cached) return { pdf: cached, fromCache: true };

  let pending = inFlight.get(app);
  if (!pending) inFlight.set(app, (pending = new Map()));
  const running = pending.get(key);
  if (running) return { pdf: await running, fromCache: false };
  const job = (async () => {
    try {
      const pdf = await reports.renderPdf({
        result: scored.result, questionnaire: scored.questionnaire, rules: scored.rules, assessment: scored.input,
        variant: req.variant, locale: req.locale, includeComments: req.includeComments, generatedAt: app.nowIso(), progress,
      });
      try {
        store.reportCache.put({ key, assessmentId: req.assessment.id, inputHash: scored.result.inputHash, pdf, at: app.nowIso() });
      } catch (e) {
        // The assessment was deleted while its report was printing (a self-assessment withdrawn): serve it, keep nothing.
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw e;
      }
      return pdf;
    } catch (e) {
      if (isQueueFull(e)) {
        throw new HttpError(503, 'ERR_REPORT_QUEUE_FULL', 'Many reports are being generated right now; try again in a few seconds', undefined, { 'retry-after': String(Math.max(1, Math.ceil(e.retryAfterSeconds))) });
      }
      throw e;
    } finally {
      pending.delete(key);
    }
  })();
  pending.set(key, job);
  return { pdf: await job, fromCache: false };
}
