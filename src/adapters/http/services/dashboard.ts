import { z } from 'zod';
import { LocalizedSchema } from '../../../core/localized.ts';
import type { Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import type { Role } from '../../../core/roles.ts';
import type { ScoreResult } from '../../../core/scoring/result-types.ts';

/** What the live dashboard draws: plain data, so the browser only renders. */
export const DashboardResultSchema = z.object({
  overall: z.object({ index: z.number().nullable(), band: z.string().nullable(), confidence: z.number() }),
  anonymityMinimum: z.number(),
  respondents: z.number(),
  roles: z.array(z.string()).describe('Role groups large enough to be shown on their own'),
  dimensions: z.array(z.object({ id: z.string(), title: LocalizedSchema, score: z.number().nullable(), band: z.string().nullable(), confidence: z.number(), byRole: z.record(z.string(), z.number().nullable()) })),
  findings: z.array(z.object({ id: z.string(), kind: z.string(), severity: z.string(), dimension: z.string(), title: LocalizedSchema, explanation: LocalizedSchema })),
  disagreements: z.array(z.object({ question: z.string(), dimension: z.string(), text: LocalizedSchema, min: z.number(), max: z.number(), iqr: z.number(), byRole: z.record(z.string(), z.number().nullable()) })),
});
export type DashboardResult = z.infer<typeof DashboardResultSchema>;

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function buildDashboardResult(result: ScoreResult, questionnaire: Questionnaire, limit = 8): DashboardResult {
  const roles = new Set<Role>();
  for (const d of result.dimensions) for (const r of Object.keys(d.byRole) as Role[]) roles.add(r);
  const texts = new Map(questionnaire.questions.map((q) => [q.id, q.text]));
  const byRole = (m: Partial<Record<Role, { score: number | null }>>) => Object.fromEntries(Object.entries(m).map(([r, g]) => [r, round(g?.score ?? null)]));
  // Widest first: the full range, then the interquartile range to break ties between outliers and real splits.
  const disagreements = result.questions
    .filter((q) => q.spread && q.spread.max - q.spread.min > 0)
    .sort((a, b) => (b.spread!.max - b.spread!.min) - (a.spread!.max - a.spread!.min) || b.spread!.iqr - a.spread!.iqr || (a.question < b.question ? -1 : 1))
    .slice(0, limit)
    .map((q) => ({ question: q.question, dimension: q.dimension, text: texts.get(q.question)!, min: round(q.spread!.min)!, max: round(q.spread!.max)!, iqr: round(q.spread!.iqr)!, byRole: byRole(q.byRole) }));
  return {
    overall: { index: result.overall.index, band: result.overall.band, confidence: result.overall.confidence },
    anonymityMinimum: result.anonymityMinimum,
    respondents: result.respondents.total,
    roles: [...roles],
    dimensions: result.dimensions.map((d) => ({ id: d.id, title: d.title, score: d.score, band: d.band, confidence: d.confidence, byRole: byRole(d.byRole) })),
    findings: result.findings.map((f) => ({ id: f.id, kind: f.kind, severity: f.severity, dimension: f.dimension, title: f.title, explanation: f.explanation })),
    disagreements,
  };
}
