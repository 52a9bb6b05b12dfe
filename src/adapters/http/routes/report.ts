import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scoreAssessment } from '../../../core/scoring/score-assessment.ts';
import { conflict, HttpError } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { isQueueFull } from '../report-port.ts';
import { ErrorResponse, IdParams, ReportQuery } from '../schemas.ts';
import { getQuestionnaireOf, getRulesFor, getVisibleAssessment } from '../services/access.ts';
import { buildAssessmentInput } from '../services/assessment-input.ts';
import { contentDisposition } from '../services/download-name.ts';
import { sendRaw } from '../views.ts';

/** The PDF report, rendered by the report service's bounded queue; a full queue is a 503 with Retry-After. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/assessments/:id/report', { onRequest: app.requireUser, schema: { tags: ['assessments'], summary: 'Download the report as PDF', params: IdParams, querystring: ReportQuery,
    response: { 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse } } },
  async (request, reply) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const reports = app.services.reports;
    if (!reports) throw new HttpError(503, 'ERR_REPORTS_UNAVAILABLE', 'Reports cannot be generated on this server right now');
    const questionnaire = getQuestionnaireOf(app, assessment);
    const rules = getRulesFor(app, questionnaire);
    const input = buildAssessmentInput(app, assessment, client, questionnaire);
    if (!input.respondents.length) throw conflict('Nobody has answered yet, so there is no report to generate', 'ERR_NOTHING_ANSWERED');
    const { variant, locale, comments } = request.query;
    let pdf: Buffer;
    try {
      pdf = await reports.renderPdf({ result: scoreAssessment(input, questionnaire, rules), questionnaire, rules, assessment: input, variant, locale, includeComments: comments, generatedAt: app.nowIso() });
    } catch (e) {
      if (isQueueFull(e)) {
        throw new HttpError(503, 'ERR_REPORT_QUEUE_FULL', 'Many reports are being generated right now; try again in a few seconds', undefined, { 'retry-after': String(Math.max(1, Math.ceil(e.retryAfterSeconds))) });
      }
      throw e;
    }
    reply.header('content-disposition', contentDisposition(`${client.name} ${assessment.title} ${variant} ${locale}`, 'pdf')).header('cache-control', 'private, no-store').type('application/pdf');
    sendRaw(reply, 200, pdf);
    return reply;
  });
};
export default reportRoutes;
