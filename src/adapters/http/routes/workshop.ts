import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalizedSchema } from '../../../core/localized.ts';
import { AnswerValueSchema } from '../../../core/questionnaire/answers-schema.ts';
import { checkAnswerValue } from '../../../core/questionnaire/check-answer-value.ts';
import { ROLES } from '../../../core/roles.ts';
import { BANDS } from '../../../core/scoring/rule-set-schema.ts';
import { buildWorkshopQuestions } from '../../../core/workshop/build-workshop-questions.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import type { Client } from '../../store/repositories/clients-repository.ts';
import { badRequest, notFound } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { ErrorResponse, IdParams } from '../schemas.ts';
import { getQuestionnaireOf, getVisibleAssessment } from '../services/access.ts';
import { scoreStoredAssessment } from '../services/scored-assessment.ts';

const Bucket = z.object({ key: z.string(), label: LocalizedSchema, count: z.number() });
const WorkshopQuestionSchema = z.object({
  id: z.string(), number: z.number(), dimension: z.string(), dimensionTitle: LocalizedSchema,
  type: z.enum(['scale', 'single', 'multi', 'yesno', 'number', 'percent']), text: LocalizedSchema, help: LocalizedSchema,
  choices: z.array(z.object({ value: AnswerValueSchema, label: LocalizedSchema })),
  range: z.object({ min: z.number(), max: z.number(), unit: LocalizedSchema.nullable() }).nullable(),
  allowUnknown: z.boolean(), allowNotApplicable: z.boolean(),
  asked: z.number(), answered: z.number(),
  distribution: z.array(Bucket),
  groups: z.array(z.object({ role: z.enum(ROLES), answered: z.number(), distribution: z.array(Bucket) })).describe('Only role groups with at least the anonymity minimum of answers to this question'),
  score: z.number().nullable(), source: z.enum(['consensus', 'aggregate', 'none']),
  spread: z.object({ min: z.number(), max: z.number(), iqr: z.number() }).nullable(),
  consensus: z.object({ value: AnswerValueSchema, dissent: z.string().nullable(), updatedBy: z.string().nullable(), updatedAt: z.string() }).nullable(),
});
const Overall = z.object({ index: z.number().nullable(), band: z.enum(BANDS).nullable(), confidence: z.number() });
const Workshop = z.object({
  assessment: z.object({ id: z.number(), title: z.string(), client: z.string(), status: z.enum(['open', 'closed']), locale: z.enum(['en', 'zh-CN']) }),
  anonymityMinimum: z.number(),
  respondents: z.number(),
  overall: Overall,
  agreed: z.number(),
  questions: z.array(WorkshopQuestionSchema),
});
const QuestionParams = z.object({ id: IdParams.shape.id, questionId: z.string().max(100) }).strict();
const ConsensusBody = z.object({
  value: AnswerValueSchema.describe('The answer the room agreed on, in the same form a respondent gives it'),
  dissent: z.string().trim().max(5000).optional().describe('Who disagreed and why; printed in the full report'),
}).strict();
const Recorded = z.object({ question: WorkshopQuestionSchema, overall: Overall, agreed: z.number() });

/** The workshop's questions with distributions, scored with the agreed answers so far. */
function workshopOf(app: FastifyInstance, assessment: AssessmentRecord, client: Client) {
  const scored = scoreStoredAssessment(app, assessment, client);
  const recorded = new Map(app.services.store.followUps.consensus(assessment.id).map((c) => [c.questionId, c]));
  const questions = buildWorkshopQuestions(scored.input, scored.questionnaire, scored.result).map((q) => {
    const c = recorded.get(q.id);
    return { ...q, consensus: q.consensus && c ? { ...q.consensus, updatedBy: c.updatedBy, updatedAt: c.updatedAt } : null };
  });
  const { index, band, confidence } = scored.result.overall;
  return { scored, questions, overall: { index, band, confidence }, agreed: recorded.size };
}

/**
 * Workshop mode: the room walks the questions one by one on a projector, sees how people answered
 * (anonymously), and the consultant records the answer the room agreed on, with any dissent. The
 * scorer and the report use the agreed answer and keep the spread beside it.
 */
const workshopRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const auth = { onRequest: app.requireUser };
  const tags = ['workshop'];

  app.get('/api/assessments/:id/workshop', { ...auth, schema: { tags, summary: 'Questions with the anonymous distribution of answers and the agreed answers so far', params: IdParams,
    response: { 200: Workshop, 404: ErrorResponse } } },
  async (request) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const w = workshopOf(app, assessment, client);
    return {
      assessment: { id: assessment.id, title: assessment.title, client: client.name, status: assessment.status, locale: assessment.locale },
      anonymityMinimum: w.scored.result.anonymityMinimum, respondents: w.scored.result.respondents.total, overall: w.overall, agreed: w.agreed, questions: w.questions,
    };
  });

  const questionOf = (assessment: AssessmentRecord, questionId: string) => {
    const q = getQuestionnaireOf(app, assessment).questions.find((x) => x.id === questionId);
    if (!q) throw notFound(`There is no question "${questionId}" in ${assessment.questionnaireId}@${assessment.questionnaireVersion}`);
    if (q.type === 'text') throw badRequest('A free-text question has no answer to agree on', [{ path: 'params.questionId', message: `"${questionId}" is a free-text question; record agreed answers for scored questions only` }]);
    return q;
  };
  const answerAfter = (assessment: AssessmentRecord, client: Client, questionId: string) => {
    const w = workshopOf(app, assessment, client);
    const question = w.questions.find((q) => q.id === questionId);
    if (!question) throw notFound(`Nobody was asked "${questionId}" in this assessment`);
    return { question, overall: w.overall, agreed: w.agreed };
  };

  app.put('/api/assessments/:id/consensus/:questionId', { ...auth, schema: { tags, summary: 'Record the answer the room agreed on, and any dissent', params: QuestionParams, body: ConsensusBody,
    response: { 200: Recorded, 400: ErrorResponse, 404: ErrorResponse } } },
  async (request) => {
    const { user } = authOf(request);
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const q = questionOf(assessment, request.params.questionId);
    const questionnaire = getQuestionnaireOf(app, assessment);
    const checked = checkAnswerValue(q, questionnaire, request.body.value);
    if (!checked.ok) throw badRequest('This answer is not allowed for the question', [{ path: 'body.value', message: checked.expected }]);
    const dissent = request.body.dissent?.trim() || undefined;
    store.transaction(() => {
      store.answers.setConsensus(assessment.id, q.id, { value: checked.value, ...(dissent ? { dissent } : {}) }, user.id, app.nowIso());
      store.assessments.bump(assessment.id);
    });
    app.changes.bump(assessment.id);
    return answerAfter(store.assessments.find(assessment.id)!, client, q.id);
  });

  app.delete('/api/assessments/:id/consensus/:questionId', { ...auth, schema: { tags, summary: 'Withdraw an agreed answer: the aggregate of the answers counts again', params: QuestionParams,
    response: { 200: Recorded, 400: ErrorResponse, 404: ErrorResponse } } },
  async (request) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const q = questionOf(assessment, request.params.questionId);
    store.transaction(() => {
      if (store.followUps.removeConsensus(assessment.id, q.id)) store.assessments.bump(assessment.id);
    });
    app.changes.bump(assessment.id);
    return answerAfter(store.assessments.find(assessment.id)!, client, q.id);
  });
};
export default workshopRoutes;
