import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LocalizedSchema } from '../../core/localized.ts';
import { findQuestionnaire } from '../catalog/load-catalog.ts';
import type { AssessmentRecord, AssessmentSummary } from '../store/repositories/assessments-repository.ts';
import type { RespondentWithCount } from '../store/repositories/respondents-repository.ts';

/** Response shapes shared by several routes, and the functions that fill them. */

export const ClientSchema = z.object({
  id: z.number(), name: z.string(), industry: z.string().nullable(), size: z.string().nullable(), country: z.string().nullable(), isDemo: z.boolean(), createdAt: z.string(),
});
export const MemberSchema = z.object({ userId: z.number(), name: z.string(), email: z.string(), role: z.enum(['owner', 'member']) });

export const AssessmentSchema = z.object({
  id: z.number(), clientId: z.number(), title: z.string(), questionnaireId: z.string(), questionnaireVersion: z.string(),
  questionnaireTitle: LocalizedSchema.nullable(), locale: z.enum(['en', 'zh-CN']), dueDate: z.string().nullable(),
  status: z.enum(['open', 'closed']), closedAt: z.string().nullable(), createdAt: z.string(), revision: z.number(),
});
export const AssessmentSummarySchema = AssessmentSchema.extend({ respondents: z.number(), submitted: z.number() });

export function toAssessment(app: FastifyInstance, a: AssessmentRecord): z.infer<typeof AssessmentSchema> {
  const q = findQuestionnaire(app.services.catalog, a.questionnaireId, a.questionnaireVersion);
  return {
    id: a.id, clientId: a.clientId, title: a.title, questionnaireId: a.questionnaireId, questionnaireVersion: a.questionnaireVersion,
    questionnaireTitle: q?.title ?? null, locale: a.locale, dueDate: a.dueDate, status: a.status, closedAt: a.closedAt, createdAt: a.createdAt, revision: a.revision,
  };
}
export const toAssessmentSummary = (app: FastifyInstance, a: AssessmentSummary) => ({ ...toAssessment(app, a), respondents: a.respondents, submitted: a.submitted });

export const RESPONDENT_STATUSES = ['not-opened', 'in-progress', 'submitted', 'imported', 'revoked', 'expired'] as const;
export const RespondentSchema = z.object({
  id: z.number(), key: z.string(), role: z.string(), name: z.string().nullable(), source: z.enum(['invitation', 'import']),
  status: z.enum(RESPONDENT_STATUSES), hasLink: z.boolean(), expiresAt: z.string().nullable(), openedAt: z.string().nullable(),
  submittedAt: z.string().nullable(), answered: z.number(), lastAnswerAt: z.string().nullable(),
});

export function respondentStatus(r: RespondentWithCount | Omit<RespondentWithCount, 'answered' | 'lastAnswerAt'>, now: string): (typeof RESPONDENT_STATUSES)[number] {
  if (r.revokedAt) return 'revoked';
  if (r.source === 'import') return 'imported';
  if (r.submittedAt) return 'submitted';
  if (r.expiresAt && r.expiresAt <= now) return 'expired';
  return r.openedAt ? 'in-progress' : 'not-opened';
}

export function toRespondent(r: RespondentWithCount, now: string): z.infer<typeof RespondentSchema> {
  return {
    id: r.id, key: r.key, role: r.role, name: r.name, source: r.source, status: respondentStatus(r, now), hasLink: r.hasLink, expiresAt: r.expiresAt,
    openedAt: r.openedAt, submittedAt: r.submittedAt, answered: r.answered, lastAnswerAt: r.lastAnswerAt,
  };
}

/**
 * Sends a body that has no response schema (a PDF, CSV or pre-serialised JSON, or an empty 304),
 * so fastify writes it as is instead of through the JSON serializer.
 */
export function sendRaw(reply: { code(n: number): unknown; send(body?: unknown): unknown }, status: number, body?: string | Buffer): void {
  reply.code(status);
  reply.send(body);
}
