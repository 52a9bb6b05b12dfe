import { z } from 'zod';
import { LocalizedSchema } from '../localized.ts';
import { RoleSchema } from '../roles.ts';
import { ConditionSchema } from './condition-schema.ts';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids use letters, digits, "-", "_" and "." only');
const SemVer = z.string().regex(/^\d+\.\d+\.\d+$/, 'a version is MAJOR.MINOR.PATCH, e.g. 1.0.0');

/** Where an item's knowledge comes from: one of the articles in ../shared/seeds and its section. */
export const SourceSchema = z
  .object({
    file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'a source file is a seed article name like 000_6bbf62935d350bfe.txt'),
    section: z.string().min(1).describe('Section or heading inside the article, e.g. "§1.2 组织准备度"'),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

/** A level of an anchored scale: what that level looks like in practice, and its normalised score 0..1. */
export const ScaleLevelSchema = z
  .object({
    value: z.number().int(),
    label: LocalizedSchema.describe('What this level looks like in practice'),
    score: z.number().min(0).max(1).optional().describe('Normalised 0..1; default: linear between the lowest and highest level'),
  })
  .strict();

export const ScaleSchema = z
  .object({ id: Id, title: LocalizedSchema, levels: z.array(ScaleLevelSchema).min(2) })
  .strict();
export type Scale = z.infer<typeof ScaleSchema>;

export const OptionSchema = z
  .object({
    id: Id,
    label: LocalizedSchema,
    score: z.number().min(0).max(1).describe('How healthy this answer is, 0 (sick) to 1 (healthy)'),
  })
  .strict();
export type Option = z.infer<typeof OptionSchema>;

/** Piecewise-linear normalisation of a numeric answer: points sorted by `at`, score clamped at the ends. */
export const NumberScoringPointSchema = z.object({ at: z.number(), score: z.number().min(0).max(1) }).strict();

const QuestionBase = z.object({
  id: Id.describe('Stable id, never reused for another meaning'),
  dimension: Id,
  order: z.number().int().nonnegative(),
  weight: z.number().positive().max(10).default(1),
  text: LocalizedSchema,
  help: LocalizedSchema.describe('Why the question matters'),
  source: SourceSchema,
  roles: z.array(RoleSchema).min(1),
  allowUnknown: z.boolean().default(true).describe('Offer "don\'t know"'),
  allowNotApplicable: z.boolean().default(false).describe('Offer "not applicable"'),
  showIf: ConditionSchema.optional().describe('Show only when this condition over other answers holds'),
  highImpact: z.boolean().default(false).describe('Claimed-only answers to this question are listed for checking in the workshop'),
});

export const QuestionSchema = z.discriminatedUnion('type', [
  QuestionBase.extend({ type: z.literal('scale'), scale: Id.describe('Id of a scale in `scales`') }).strict(),
  QuestionBase.extend({ type: z.literal('single'), options: z.array(OptionSchema).min(2) }).strict(),
  QuestionBase.extend({ type: z.literal('multi'), options: z.array(OptionSchema).min(2),
    scoring: z.enum(['average', 'sum']).default('sum').describe('sum: scores add up (capped at 1); average: mean of chosen options') }).strict(),
  QuestionBase.extend({ type: z.literal('yesno'), healthy: z.enum(['yes', 'no']).describe('Which answer is the healthy one') }).strict(),
  QuestionBase.extend({
    type: z.literal('number'),
    unit: LocalizedSchema,
    min: z.number(),
    max: z.number(),
    scoring: z.array(NumberScoringPointSchema).min(2),
  }).strict(),
  QuestionBase.extend({ type: z.literal('percent'), scoring: z.array(NumberScoringPointSchema).min(2) }).strict(),
  QuestionBase.extend({ type: z.literal('text') }).strict(),
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export const QUESTION_TYPES: readonly QuestionType[] = ['scale', 'single', 'multi', 'yesno', 'number', 'percent', 'text'];

export const DimensionSchema = z
  .object({
    id: Id,
    order: z.number().int().nonnegative(),
    weight: z.number().positive().max(10),
    title: LocalizedSchema,
    description: LocalizedSchema,
    goodLooksLike: LocalizedSchema.describe('What good looks like, shown on the dimension page of the report'),
  })
  .strict();
export type Dimension = z.infer<typeof DimensionSchema>;

/** How answers to an older version carry over: old id -> new id, several new ids (a split), or null (removed). */
export const MigrationSchema = z
  .object({
    from: SemVer,
    map: z.record(z.string(), z.union([Id, z.array(Id).min(1), z.null()])),
  })
  .strict();

export const QuestionnaireSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    version: SemVer,
    title: LocalizedSchema,
    description: LocalizedSchema,
    minutesPerRole: z.partialRecord(RoleSchema, z.number().positive()).describe('Estimated minutes per role; executive at most 15'),
    scales: z.array(ScaleSchema).default([]),
    dimensions: z.array(DimensionSchema).min(1),
    questions: z.array(QuestionSchema).min(1),
    migrations: z.array(MigrationSchema).default([]),
  })
  .strict();
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;
export type QuestionnaireInput = z.input<typeof QuestionnaireSchema>;
