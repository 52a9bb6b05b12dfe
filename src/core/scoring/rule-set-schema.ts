import { z } from 'zod';
import { LocalizedSchema } from '../localized.ts';
import { OwnerSchema } from '../roles.ts';
import { ConditionSchema } from '../questionnaire/condition-schema.ts';
import { SourceSchema } from '../questionnaire/questionnaire-schema.ts';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids use letters, digits, "-", "_" and "." only');
const SemVer = z.string().regex(/^\d+\.\d+\.\d+$/, 'a version is MAJOR.MINOR.PATCH, e.g. 1.0.0');

export const BANDS = ['high-risk', 'elevated', 'moderate', 'ready'] as const;
export type Band = (typeof BANDS)[number];
export const BandSchema = z.enum(BANDS);

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SeveritySchema = z.enum(SEVERITIES);

/** The five phases of 003_…: strategy & KPIs, requirements & selection, implementation & team, data & integration, training & optimisation. */
export const PhaseSchema = z.number().int().min(1).max(5);
export const EffortSchema = z.enum(['S', 'M', 'L']);
export type Effort = z.infer<typeof EffortSchema>;
export const HORIZONS = ['0-30d', '1-3m', '3-6m', '6-12m'] as const;
export const HorizonSchema = z.enum(HORIZONS);
export type Horizon = z.infer<typeof HorizonSchema>;

export const FindingRuleSchema = z
  .object({
    id: Id.describe('Stable finding id'),
    dimension: Id,
    severity: SeveritySchema,
    likelihood: z.number().int().min(1).max(5),
    impact: z.number().int().min(1).max(5),
    title: LocalizedSchema,
    explanation: LocalizedSchema,
    source: SourceSchema,
    kind: z.enum(['risk', 'contradiction', 'contract-red-flag', 'failure-signal']).default('risk'),
    when: ConditionSchema,
    capBand: z.enum(['high-risk', 'elevated', 'moderate']).optional().describe('Gate: when this fires, the overall band is at most this'),
    actions: z.array(Id).default([]),
  })
  .strict();
export type FindingRule = z.infer<typeof FindingRuleSchema>;

export const ActionSchema = z
  .object({
    id: Id,
    title: LocalizedSchema,
    description: LocalizedSchema,
    owner: OwnerSchema,
    phase: PhaseSchema,
    effort: EffortSchema,
    horizon: HorizonSchema,
    kpi: LocalizedSchema.describe('The KPI that shows the action worked'),
    dependsOn: z.array(Id).default([]),
    source: SourceSchema,
  })
  .strict();
export type Action = z.infer<typeof ActionSchema>;

export const KpiSchema = z
  .object({
    id: Id,
    name: LocalizedSchema,
    definition: LocalizedSchema,
    baseline: LocalizedSchema.describe('How to measure the baseline before go-live'),
    target: LocalizedSchema,
    source: SourceSchema,
  })
  .strict();

export const RuleSetSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    version: SemVer,
    title: LocalizedSchema,
    questionnaire: z.object({ id: Id, versions: z.string().min(1).describe('semver range, e.g. ^1.0.0') }).strict(),
    bands: z
      .object({ elevated: z.number(), moderate: z.number(), ready: z.number() })
      .strict()
      .describe('Lower bounds (0-100) of each band above high-risk'),
    severityWeights: z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number() }).strict(),
    confidence: z
      .object({
        support: z.object({ claimed: z.number().min(0).max(1), documented: z.number().min(0).max(1), demonstrated: z.number().min(0).max(1), unstated: z.number().min(0).max(1) }).strict(),
      })
      .strict(),
    groups: z
      .object({
        anonymityMinimum: z.number().int().min(1).describe('Role groups smaller than this are never broken out'),
        questionGap: z.number().min(0).max(100).describe('Gap in points between role groups on a question that counts as a divergence'),
        dimensionGap: z.number().min(0).max(100),
      })
      .strict(),
    blindSpot: z
      .object({
        minUnknownShare: z.number().min(0).max(1).describe('Share of a dimension\'s questions answered "don\'t know" that makes it a blind spot'),
        severity: SeveritySchema,
        likelihood: z.number().int().min(1).max(5),
        impact: z.number().int().min(1).max(5),
        title: LocalizedSchema.describe('{dimension} is replaced by the dimension title'),
        explanation: LocalizedSchema,
        source: SourceSchema,
        actions: z.array(Id).default([]),
      })
      .strict(),
    perceptionGap: z
      .object({
        severity: SeveritySchema,
        likelihood: z.number().int().min(1).max(5),
        impact: z.number().int().min(1).max(5),
        title: LocalizedSchema.describe('{dimension}, {high} and {low} are replaced'),
        explanation: LocalizedSchema,
        source: SourceSchema,
        actions: z.array(Id).default([]),
      })
      .strict(),
    weakDimension: z
      .array(z.object({ dimension: Id, below: z.number().min(0).max(100), severity: SeveritySchema, actions: z.array(Id).min(1) }).strict())
      .default([]),
    findings: z.array(FindingRuleSchema).min(1),
    actions: z.array(ActionSchema).min(1),
    kpis: z.array(KpiSchema).default([]),
  })
  .strict();
export type RuleSet = z.infer<typeof RuleSetSchema>;
