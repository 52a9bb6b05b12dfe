import { z } from 'zod';
import { RoleSchema } from '../roles.ts';

/**
 * Conditions are all/any/not trees (after json-rules-engine). The same grammar serves a question's
 * `showIf` (only `question` leaves make sense there) and a finding's `when`.
 */
export const AnswerOpSchema = z.enum([
  'eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'includes', 'excludes',
  'unknown', 'notApplicable', 'answered',
]);
export type AnswerOp = z.infer<typeof AnswerOpSchema>;
export const CompareOpSchema = z.enum(['gt', 'gte', 'lt', 'lte', 'eq']);
export type CompareOp = z.infer<typeof CompareOpSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const QuestionLeafSchema = z
  .object({
    question: z.string().describe('Question id whose (aggregated) answer is tested'),
    role: RoleSchema.optional().describe('Test only the answers of this role group'),
    op: AnswerOpSchema,
    value: z.union([Scalar, z.array(Scalar)]).optional(),
  })
  .strict();

export const DimensionLeafSchema = z
  .object({ dimension: z.string(), op: CompareOpSchema, value: z.number() })
  .strict()
  .describe('Tests a dimension score (0-100)');

export const UnknownCountLeafSchema = z
  .object({
    unknownCount: z.string().describe('Dimension id, or "*" for the whole questionnaire'),
    op: CompareOpSchema,
    value: z.number(),
  })
  .strict()
  .describe('Counts questions whose answer is "don\'t know"');

export const GapLeafSchema = z
  .object({
    gap: z.union([z.object({ dimension: z.string() }).strict(), z.object({ question: z.string() }).strict()]),
    high: RoleSchema.optional().describe('Role group expected to rate higher'),
    low: RoleSchema.optional().describe('Role group expected to rate lower'),
    op: CompareOpSchema,
    value: z.number().describe('Points on the 0-100 scale'),
  })
  .strict()
  .describe('Gap between role groups (only groups at or above the anonymity minimum)');

export type QuestionLeaf = z.infer<typeof QuestionLeafSchema>;
export type DimensionLeaf = z.infer<typeof DimensionLeafSchema>;
export type UnknownCountLeaf = z.infer<typeof UnknownCountLeafSchema>;
export type GapLeaf = z.infer<typeof GapLeafSchema>;
export type Leaf = QuestionLeaf | DimensionLeaf | UnknownCountLeaf | GapLeaf;
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Leaf;

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    QuestionLeafSchema,
    DimensionLeafSchema,
    UnknownCountLeafSchema,
    GapLeafSchema,
  ]),
);
