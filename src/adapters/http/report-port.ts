import type { Locale } from '../../core/localized.ts';
import type { Assessment } from '../../core/questionnaire/answers-schema.ts';
import type { Comparison } from '../../core/followup/compare-assessments.ts';
import type { Questionnaire } from '../../core/questionnaire/questionnaire-schema.ts';
import type { ScoreResult } from '../../core/scoring/result-types.ts';
import type { RuleSet } from '../../core/scoring/rule-set-schema.ts';

/**
 * What the app needs from the report renderer (src/adapters/report/report-service.ts). Declared
 * here structurally so the HTTP layer can be tested with or without a browser behind it.
 */
export interface ReportRequest {
  result: ScoreResult;
  questionnaire: Questionnaire;
  rules: RuleSet;
  assessment: Assessment;
  variant: 'full' | 'brief';
  locale: Locale;
  includeComments: boolean;
  generatedAt: string;
  /** A follow-up's comparison with the assessment it repeats ("progress since <date>", full report only). */
  progress?: Comparison | null;
}
export interface ReportRenderer {
  renderPdf(req: ReportRequest): Promise<Buffer>;
  close(): Promise<void>;
}

/** The renderer's "queue full" error, recognised by shape so this module does not import the renderer. */
export function isQueueFull(e: unknown): e is Error & { retryAfterSeconds: number } {
  return e instanceof Error && (e.name === 'ReportQueueFullError' || e.constructor.name === 'ReportQueueFullError') && typeof (e as { retryAfterSeconds?: unknown }).retryAfterSeconds === 'number';
}
