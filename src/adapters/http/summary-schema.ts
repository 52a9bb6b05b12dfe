import { z } from 'zod';
import { LocalizedSchema } from '../../core/localized.ts';
import { BANDS, EffortSchema, HorizonSchema, SEVERITIES } from '../../core/scoring/rule-set-schema.ts';

/** Response shapes of the sponsor summary and the executive scorecard (src/core/summary/build-result-summary.ts). */

const Band = z.enum(BANDS);
const SummaryAction = z.object({
  id: z.string(), phase: z.number(), title: LocalizedSchema, description: LocalizedSchema, kpi: LocalizedSchema, owner: LocalizedSchema, horizon: HorizonSchema, effort: EffortSchema,
});

export const ResultSummarySchema = z.object({
  organisation: z.string(),
  title: z.string().nullable(),
  date: z.string().nullable(),
  questionnaire: z.object({ id: z.string(), version: z.string(), title: LocalizedSchema }),
  respondents: z.number(),
  overall: z.object({ index: z.number().nullable(), band: Band.nullable(), confidence: z.number(), cappedBy: z.array(LocalizedSchema).describe('Titles of the findings that cap the band') }),
  dimensions: z.array(z.object({ id: z.string(), title: LocalizedSchema, score: z.number().nullable(), band: Band.nullable() })),
  findings: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number()])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>),
  topRisks: z.array(z.object({ id: z.string(), severity: z.enum(SEVERITIES), kind: z.string(), dimension: LocalizedSchema, title: LocalizedSchema, explanation: LocalizedSchema })),
  firstActions: z.array(SummaryAction),
  roadmap: z.array(z.object({ phase: z.number(), actions: z.array(SummaryAction) })),
});
