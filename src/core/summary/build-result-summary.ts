import type { Localized } from '../localized.ts';
import type { Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { OWNER_LABELS } from '../roles.ts';
import type { ScoreResult } from '../scoring/result-types.ts';
import type { Band, Effort, Horizon, Severity } from '../scoring/rule-set-schema.ts';

/**
 * A scorecard in both languages: what a sponsor's summary page and an executive's self-assessment
 * show on screen (the PDF has its own, richer view model). Aggregates only: no respondent, no
 * comment, no free text, so it is safe to put behind a share link.
 */
export interface ResultSummary {
  organisation: string;
  title: string | null;
  date: string | null;
  questionnaire: { id: string; version: string; title: Localized };
  respondents: number;
  overall: { index: number | null; band: Band | null; confidence: number; cappedBy: Localized[] };
  dimensions: Array<{ id: string; title: Localized; score: number | null; band: Band | null }>;
  findings: Record<Severity, number>;
  topRisks: Array<{ id: string; severity: Severity; kind: string; dimension: Localized; title: Localized; explanation: Localized }>;
  firstActions: SummaryAction[];
  roadmap: Array<{ phase: number; actions: SummaryAction[] }>;
}
export interface SummaryAction {
  id: string;
  phase: number;
  title: Localized;
  description: Localized;
  kpi: Localized;
  owner: Localized;
  horizon: Horizon;
  effort: Effort;
}

export const TOP_RISKS = 5;
export const FIRST_ACTIONS = 5;

/** The first sentence of each locale, so a risk reads in plain words on a phone. */
function firstSentences(text: Localized): Localized {
  const cut = (s: string) => /^.*?(?:[.!?](?=\s|$)|[。！？])/su.exec(s.trim())?.[0] ?? s.trim();
  return { en: cut(text.en), 'zh-CN': cut(text['zh-CN']) };
}

export function buildResultSummary(result: ScoreResult, questionnaire: Questionnaire): ResultSummary {
  const dimensionTitle = new Map(questionnaire.dimensions.map((d) => [d.id, d.title]));
  const actions: SummaryAction[] = result.plan.actions.map((a) => ({
    id: a.id, phase: a.phase, title: a.title, description: a.description, kpi: a.kpi, owner: OWNER_LABELS[a.owner], horizon: a.horizon, effort: a.effort,
  }));
  const phases = [...new Set(actions.map((a) => a.phase))].sort((a, b) => a - b);
  const findings: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of result.findings) findings[f.severity]++;
  const byId = new Map(result.findings.map((f) => [f.id, f]));
  return {
    organisation: result.organisation.name,
    title: result.title ?? null,
    date: result.date ?? null,
    questionnaire: { id: questionnaire.id, version: questionnaire.version, title: questionnaire.title },
    respondents: result.respondents.total,
    overall: { index: result.overall.index, band: result.overall.band, confidence: result.overall.confidence, cappedBy: result.overall.cappedBy.map((id) => byId.get(id)!.title) },
    dimensions: result.dimensions.map((d) => ({ id: d.id, title: d.title, score: d.score, band: d.band })),
    findings,
    // The scorer already orders findings by severity, then likelihood × impact.
    topRisks: result.findings.slice(0, TOP_RISKS).map((f) => ({
      id: f.id, severity: f.severity, kind: f.kind, dimension: dimensionTitle.get(f.dimension) ?? { en: f.dimension, 'zh-CN': f.dimension }, title: f.title, explanation: firstSentences(f.explanation),
    })),
    firstActions: actions.slice(0, FIRST_ACTIONS),
    roadmap: phases.map((phase) => ({ phase, actions: actions.filter((a) => a.phase === phase) })),
  };
}
