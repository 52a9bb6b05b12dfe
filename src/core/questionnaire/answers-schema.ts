import { z } from 'zod';
import { RoleSchema } from '../roles.ts';

/** "Don't know" is information, "not applicable" leaves the denominator; both are explicit values. */
export const DONT_KNOW = 'dont-know';
export const NOT_APPLICABLE = 'not-applicable';
export const SUPPORTS = ['claimed', 'documented', 'demonstrated'] as const;
export const SupportSchema = z.enum(SUPPORTS);
export type Support = z.infer<typeof SupportSchema>;

export const AnswerValueSchema = z.union([z.number(), z.string().max(20000), z.boolean(), z.array(z.string().max(200)).max(100)]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

/** An answer is either the bare value or an object with the value, its support and a comment. */
export const AnswerEntrySchema = z.union([
  AnswerValueSchema,
  z
    .object({
      value: AnswerValueSchema,
      support: SupportSchema.optional(),
      comment: z.string().max(5000).optional(),
    })
    .strict(),
]);
export type AnswerEntry = z.infer<typeof AnswerEntrySchema>;

// null (a key left blank in a filled-in template) means "not answered yet".
const AnswersMap = z.record(z.string(), AnswerEntrySchema.nullable());

export const RespondentSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    role: RoleSchema,
    answers: AnswersMap,
  })
  .strict();

/** The room's agreed answer in workshop mode, with the dissent it overrode. */
export const ConsensusEntrySchema = z
  .object({ value: AnswerValueSchema, dissent: z.string().max(5000).optional() })
  .strict();

export const OrganisationSchema = z
  .object({
    name: z.string().min(1).max(200),
    industry: z.string().max(200).optional(),
    size: z.string().max(100).optional(),
    country: z.string().max(100).optional(),
  })
  .strict();

export const AnswersFileSchema = z
  .object({
    questionnaire: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*@\d+\.\d+\.\d+$/, 'write it as id@version, e.g. crm-readiness@1.0.0'),
    organisation: OrganisationSchema,
    assessment: z.object({ title: z.string().max(200).optional(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').optional() }).strict().optional(),
    respondent: z.object({ id: z.string().min(1).max(100).optional(), name: z.string().max(200).optional(), role: RoleSchema }).strict().optional(),
    answers: AnswersMap.optional(),
    respondents: z.array(RespondentSchema).min(1).max(500).optional(),
    consensus: z.record(z.string(), ConsensusEntrySchema).optional(),
  })
  .strict();
export type AnswersFile = z.infer<typeof AnswersFileSchema>;

/** The engine's input after normalisation: always a list of respondents. */
export interface NormalisedAnswer {
  value: AnswerValue;
  support?: Support;
  comment?: string;
}
export interface Respondent {
  id: string;
  name?: string;
  role: z.infer<typeof RoleSchema>;
  answers: Record<string, NormalisedAnswer>;
}
export interface Assessment {
  questionnaire: { id: string; version: string };
  organisation: z.infer<typeof OrganisationSchema>;
  title?: string;
  date?: string;
  respondents: Respondent[];
  consensus: Record<string, { value: AnswerValue; dissent?: string }>;
}
