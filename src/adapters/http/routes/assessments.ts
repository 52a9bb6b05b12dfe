import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalizedSchema } from '../../../core/localized.ts';
import { ROLE_LABELS, ROLES } from '../../../core/roles.ts';
import { findQuestionnaire, findRuleSetFor } from '../../catalog/load-catalog.ts';
import { badRequest } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { CreateAssessmentBody, ErrorResponse, IdParams, UpdateAssessmentBody } from '../schemas.ts';
import { assertOpen, getQuestionnaireOf, getVisibleAssessment, getVisibleClient } from '../services/access.ts';
import { AssessmentSchema, ClientSchema, RespondentSchema, toAssessment, toRespondent } from '../views.ts';

const RoleInfo = z.object({ role: z.enum(ROLES), label: LocalizedSchema, questions: z.number(), minutes: z.number().nullable() });
const AssessmentDetail = z.object({ assessment: AssessmentSchema, client: ClientSchema, roles: z.array(RoleInfo), respondents: z.array(RespondentSchema), anonymityMinimum: z.number().nullable() });

/** Assessments of a client: create, edit, close and reopen; the catalog they choose from. */
const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, catalog } = app.services;
  const auth = { onRequest: app.requireUser };

  app.get('/api/catalog', { ...auth, schema: { tags: ['assessments'], summary: 'Questionnaire versions that can be used (those with scoring rules)',
    response: { 200: z.object({ questionnaires: z.array(z.object({ ref: z.string(), id: z.string(), version: z.string(), title: LocalizedSchema, description: LocalizedSchema, roles: z.array(z.string()) })) }) } } },
  async () => ({
    questionnaires: catalog.questionnaires.filter((q) => findRuleSetFor(catalog, q)).map((q) => ({
      ref: `${q.id}@${q.version}`, id: q.id, version: q.version, title: q.title, description: q.description,
      roles: ROLES.filter((r) => q.questions.some((x) => x.roles.includes(r))),
    })),
  }));

  app.post('/api/clients/:id/assessments', { ...auth, schema: { tags: ['assessments'], summary: 'Start an assessment for a client', params: IdParams, body: CreateAssessmentBody,
    response: { 201: z.object({ assessment: AssessmentSchema }), 400: ErrorResponse, 404: ErrorResponse } } },
  async (request, reply) => {
    const { user } = authOf(request);
    const { client } = getVisibleClient(app, authOf(request), request.params.id);
    const [qid, version] = request.body.questionnaire.split('@') as [string, string];
    const q = findQuestionnaire(catalog, qid, version);
    if (!q || !findRuleSetFor(catalog, q)) {
      const known = catalog.questionnaires.filter((x) => findRuleSetFor(catalog, x)).map((x) => `${x.id}@${x.version}`).join(', ');
      throw badRequest('Choose a questionnaire from the catalog', [{ path: 'body.questionnaire', message: `questionnaire "${request.body.questionnaire}" is not available (available: ${known || 'none'})` }]);
    }
    const id = store.assessments.create({ clientId: client.id, title: request.body.title, questionnaireId: qid, questionnaireVersion: version, locale: request.body.locale, dueDate: request.body.dueDate ?? null, createdBy: user.id, createdAt: app.nowIso() });
    return reply.code(201).send({ assessment: toAssessment(app, store.assessments.find(id)!) });
  });

  app.get('/api/assessments/:id', { ...auth, schema: { tags: ['assessments'], summary: 'An assessment with its respondents', params: IdParams, response: { 200: AssessmentDetail, 404: ErrorResponse } } },
    async (request) => {
      const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
      const q = getQuestionnaireOf(app, assessment);
      const now = app.nowIso();
      return {
        assessment: toAssessment(app, assessment),
        client,
        roles: ROLES.map((role) => ({ role, label: ROLE_LABELS[role], questions: q.questions.filter((x) => x.roles.includes(role)).length, minutes: q.minutesPerRole[role] ?? null }))
          .filter((r) => r.questions > 0),
        respondents: store.respondents.listForAssessment(assessment.id).map((r) => toRespondent(r, now)),
        anonymityMinimum: findRuleSetFor(catalog, q)?.groups.anonymityMinimum ?? null,
      };
    });

  app.patch('/api/assessments/:id', { ...auth, schema: { tags: ['assessments'], summary: 'Edit title, locale and due date', params: IdParams, body: UpdateAssessmentBody,
    response: { 200: z.object({ assessment: AssessmentSchema }), 400: ErrorResponse, 404: ErrorResponse } } },
  async (request) => {
    const { assessment } = getVisibleAssessment(app, authOf(request), request.params.id);
    store.assessments.update(assessment.id, { title: request.body.title, locale: request.body.locale, dueDate: request.body.dueDate ?? null });
    return { assessment: toAssessment(app, store.assessments.find(assessment.id)!) };
  });

  for (const action of ['close', 'reopen'] as const) {
    app.post(`/api/assessments/:id/${action}`, { ...auth, schema: { tags: ['assessments'], summary: action === 'close' ? 'Close: respondents can no longer change answers' : 'Reopen a closed assessment',
      params: IdParams, response: { 200: z.object({ assessment: AssessmentSchema }), 404: ErrorResponse, 409: ErrorResponse } } },
    async (request) => {
      const { assessment } = getVisibleAssessment(app, authOf(request), request.params.id);
      if (action === 'close') assertOpen(assessment);
      store.assessments.setStatus(assessment.id, action === 'close' ? 'closed' : 'open', app.nowIso());
      return { assessment: toAssessment(app, store.assessments.find(assessment.id)!) };
    });
  }
};
export default assessmentRoutes;
