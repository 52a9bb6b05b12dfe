import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authOf } from '../plugins/auth.ts';
import { ErrorResponse, IdParams, ReportQuery } from '../schemas.ts';
import { getVisibleAssessment } from '../services/access.ts';
import { contentDisposition } from '../services/download-name.ts';
import { getReportPdf } from '../services/report-pdf.ts';
import { sendRaw } from '../views.ts';

/** The PDF report, rendered by the report service's bounded queue (a full queue is a 503 with Retry-After), or from the PDF cache. */
const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/assessments/:id/report', { onRequest: app.requireUser, schema: { tags: ['assessments'], summary: 'Download the report as PDF', params: IdParams, querystring: ReportQuery,
    response: { 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse } } },
  async (request, reply) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const { variant, locale, comments } = request.query;
    // Cached by everything that shapes the PDF; a follow-up's full report adds "progress since <date>".
    const { pdf } = await getReportPdf(app, { assessment, client, variant, locale, includeComments: comments });
    reply.header('content-disposition', contentDisposition(`${client.name} ${assessment.title} ${variant} ${locale}`, 'pdf')).header('cache-control', 'private, no-store').type('application/pdf');
    sendRaw(reply, 200, pdf);
    return reply;
  });
};
export default reportRoutes;
