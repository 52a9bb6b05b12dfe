import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { scoreAssessment } from '../../../core/scoring/score-assessment.ts';
import { conflict } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { ErrorResponse, IdParams, ImportBody } from '../schemas.ts';
import { assertOpen, getQuestionnaireOf, getRulesFor, getVisibleAssessment } from '../services/access.ts';
import { buildAssessmentInput, toAnswersFile } from '../services/assessment-input.ts';
import { buildDashboardResult, DashboardResultSchema } from '../services/dashboard.ts';
import { contentDisposition } from '../services/download-name.ts';
import { importAnswers } from '../services/import-answers.ts';
import { progressOf } from '../services/respondent-view.ts';
import { RespondentSchema, sendRaw, toRespondent } from '../views.ts';

const Dashboard = z.object({
  revision: z.number(),
  status: z.enum(['open', 'closed']),
  completion: z.array(RespondentSchema.extend({ visible: z.number() })),
  result: DashboardResultSchema.nullable(),
});

// A spreadsheet would run a cell starting with = + - @ as a formula; a leading apostrophe keeps it text.
const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : Array.isArray(v) ? v.join('|') : String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

/** The live dashboard, exports and imports of answers. */
const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const auth = { onRequest: app.requireUser };

  app.get('/api/assessments/:id/dashboard', { ...auth, schema: { tags: ['assessments'], summary: 'Live results; answers 304 to If-None-Match while nothing changed', params: IdParams,
    response: { 200: Dashboard, 404: ErrorResponse } } },
  async (request, reply) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    // Stored revision (structure, status) + answer writes since start: polling costs one indexed read while nothing happens.
    const etag = `W/"a${assessment.id}-r${assessment.revision}-c${app.changes.get(assessment.id)}-${app.changes.bootId}"`;
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (request.headers['if-none-match'] === etag) { sendRaw(reply, 304); return reply; }
    const q = getQuestionnaireOf(app, assessment);
    const answers = store.answers.listForAssessment(assessment.id);
    const now = app.nowIso();
    const completion = store.respondents.listForAssessment(assessment.id).map((r) => {
      const given = Object.fromEntries((answers.get(r.id) ?? []).map((a) => [a.questionId, a]));
      const p = progressOf(q, r.role, given);
      return { ...toRespondent(r, now), answered: r.revokedAt ? r.answered : p.answered, visible: p.total };
    });
    const input = buildAssessmentInput(app, assessment, client, q);
    const result = input.respondents.length ? buildDashboardResult(scoreAssessment(input, q, getRulesFor(app, q)), q) : null;
    return { revision: assessment.revision, status: assessment.status, completion, result };
  });

  app.get('/api/assessments/:id/export.json', { ...auth, schema: { tags: ['assessments'], summary: 'Answers in the CLI\'s answers-file format (crm-readiness score accepts it)', params: IdParams,
    response: { 404: ErrorResponse, 409: ErrorResponse } } },
  async (request, reply) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const input = buildAssessmentInput(app, assessment, client, getQuestionnaireOf(app, assessment));
    if (!input.respondents.length) throw conflict('Nobody has answered yet, so there is nothing to export', 'ERR_NOTHING_ANSWERED');
    reply.header('content-disposition', contentDisposition(`${client.name} ${assessment.title} answers`, 'json')).type('application/json; charset=utf-8');
    sendRaw(reply, 200, `${JSON.stringify(toAnswersFile(input), null, 2)}\n`);
    return reply;
  });

  app.get('/api/assessments/:id/export.csv', { ...auth, schema: { tags: ['assessments'], summary: 'Answers as CSV, one row per respondent and question', params: IdParams, response: { 404: ErrorResponse } } },
    async (request, reply) => {
      const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
      const q = getQuestionnaireOf(app, assessment);
      const input = buildAssessmentInput(app, assessment, client, q);
      const questions = new Map(q.questions.map((x) => [x.id, x]));
      const rows: unknown[][] = [['respondent', 'name', 'role', 'dimension', 'question', `question_text_${assessment.locale}`, 'value', 'support', 'comment']];
      for (const r of input.respondents) {
        for (const [id, a] of Object.entries(r.answers)) {
          const question = questions.get(id)!;
          rows.push([r.id, r.name, r.role, question.dimension, id, question.text[assessment.locale], a.value, a.support, a.comment].map(cell));
        }
      }
      // The byte-order mark makes Excel read the file as UTF-8 (Chinese text would be garbled otherwise).
      reply.header('content-disposition', contentDisposition(`${client.name} ${assessment.title} answers`, 'csv')).type('text/csv; charset=utf-8');
      sendRaw(reply, 200, `\ufeff${stringify(rows)}`);
    return reply;
    });

  app.post('/api/assessments/:id/import', { ...auth, bodyLimit: 3_000_000, schema: { tags: ['assessments'], summary: 'Import an answers file (YAML or JSON, the CLI\'s format); all or nothing', params: IdParams, body: ImportBody,
    response: { 200: z.object({ respondents: z.number(), answers: z.number(), consensus: z.number(), replaced: z.number() }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } } },
  async (request) => {
    const { assessment } = getVisibleAssessment(app, authOf(request), request.params.id);
    assertOpen(assessment);
    return importAnswers(app, assessment, request.body.content, request.body.fileName || 'answers');
  });
};
export default resultRoutes;
