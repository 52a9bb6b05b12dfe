import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocaleSchema, LocalizedSchema } from '../../../core/localized.ts';
import { buildResultSummary } from '../../../core/summary/build-result-summary.ts';
import type { ShareLinkRecord } from '../../store/repositories/share-links-repository.ts';
import { badRequest, notFound } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { IsoDay } from '../date-schema.ts';
import { ErrorResponse, IdParams, TokenParams } from '../schemas.ts';
import { getVisibleAssessment } from '../services/access.ts';
import { contentDisposition } from '../services/download-name.ts';
import { resolveShareToken, sendLinkPage, tokenRateLimit } from '../services/link-tokens.ts';
import { createMissLimiter } from '../services/miss-limiter.ts';
import { getReportPdf } from '../services/report-pdf.ts';
import { scoreStoredAssessment } from '../services/scored-assessment.ts';
import { generateToken, hashToken } from '../services/tokens.ts';
import { ResultSummarySchema } from '../summary-schema.ts';
import { sendRaw } from '../views.ts';

const MAX_DAYS = 366;
const IsoDate = IsoDay;

const CreateShareLinkBody = z.object({
  label: z.string().trim().max(100).optional().describe('Who the link is for, e.g. "CFO"; shown to consultants only'),
  expiresOn: IsoDate.describe('Last day the link works (end of that day, UTC); at most a year ahead'),
  includeComments: z.boolean().default(false).describe("Whether the PDF includes respondents' comments and free-text answers"),
}).strict();

const ShareLinkSchema = z.object({
  id: z.number(), label: z.string().nullable(), includeComments: z.boolean(), expiresAt: z.string(), revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']), createdBy: z.string().nullable(), createdAt: z.string(), downloads: z.number(), lastDownloadAt: z.string().nullable(),
});
const DownloadSchema = z.object({ id: z.number(), linkId: z.number(), label: z.string().nullable(), variant: z.enum(['full', 'brief']), locale: LocaleSchema, fromCache: z.boolean(), downloadedAt: z.string() });
const SharedSummary = z.object({
  assessment: z.object({ title: z.string(), client: z.string(), status: z.enum(['open', 'closed']), locale: LocaleSchema, questionnaireTitle: LocalizedSchema }),
  link: z.object({ expiresAt: z.string(), includeComments: z.boolean() }),
  summary: ResultSummarySchema.nullable().describe('null while nobody has answered'),
});
const ShareReportQuery = z.object({ variant: z.enum(['full', 'brief']).default('brief'), locale: LocaleSchema.default('en') }).strict();

const linkPath = (token: string) => `/share/${token}`;

/**
 * Sponsor share links. Consultants create, list and revoke them; a link opens a read-only summary
 * and the PDF (every download recorded). The public side has GET routes only: nothing behind a
 * share link can change anything.
 */
const shareLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const auth = { onRequest: app.requireUser };
  const tags = ['share links'];
  const toLink = (l: ShareLinkRecord, now: string) => ({
    id: l.id, label: l.label, includeComments: l.includeComments, expiresAt: l.expiresAt, revokedAt: l.revokedAt,
    status: l.revokedAt ? 'revoked' as const : l.expiresAt <= now ? 'expired' as const : 'active' as const,
    createdBy: l.createdByName, createdAt: l.createdAt, downloads: l.downloads, lastDownloadAt: l.lastDownloadAt,
  });

  app.post('/api/assessments/:id/share-links', { ...auth, schema: { tags, summary: 'Create a read-only link for a sponsor (summary page and PDF)', params: IdParams, body: CreateShareLinkBody,
    response: { 201: z.object({ link: ShareLinkSchema, token: z.string(), path: z.string().describe('Shown once: only a hash of the token is stored') }), 400: ErrorResponse, 404: ErrorResponse } } },
  async (request, reply) => {
    const { user } = authOf(request);
    const { assessment } = getVisibleAssessment(app, authOf(request), request.params.id);
    const now = app.nowIso();
    const expiresAt = `${request.body.expiresOn}T23:59:59.999Z`;
    if (expiresAt <= now) throw badRequest('The expiry date is in the past', [{ path: 'body.expiresOn', message: `${request.body.expiresOn} is in the past; choose today or a later day` }]);
    if (Date.parse(expiresAt) - Date.parse(now) > MAX_DAYS * 86_400_000) throw badRequest('The expiry date is too far ahead', [{ path: 'body.expiresOn', message: `choose a day within a year (${MAX_DAYS} days) from today` }]);
    const token = generateToken();
    const id = store.shareLinks.create({ assessmentId: assessment.id, tokenHash: hashToken(token), label: request.body.label || null, includeComments: request.body.includeComments, expiresAt, createdBy: user.id, createdAt: now });
    return reply.code(201).send({ link: toLink(store.shareLinks.find(id)!, now), token, path: linkPath(token) });
  });

  app.get('/api/assessments/:id/share-links', { ...auth, schema: { tags, summary: 'Share links of an assessment and the downloads made through them', params: IdParams,
    response: { 200: z.object({ links: z.array(ShareLinkSchema), downloads: z.array(DownloadSchema) }), 404: ErrorResponse } } },
  async (request) => {
    const { assessment } = getVisibleAssessment(app, authOf(request), request.params.id);
    const now = app.nowIso();
    return { links: store.shareLinks.listForAssessment(assessment.id).map((l) => toLink(l, now)), downloads: store.shareLinks.downloads(assessment.id) };
  });

  app.delete('/api/share-links/:id', { ...auth, schema: { tags, summary: 'Revoke a share link: it answers 404 from now on', params: IdParams,
    response: { 200: z.object({ link: ShareLinkSchema }), 404: ErrorResponse } } },
  async (request) => {
    const link = store.shareLinks.find(request.params.id);
    if (!link) throw notFound('This share link does not exist');
    try {
      getVisibleAssessment(app, authOf(request), link.assessmentId);
    } catch {
      throw notFound('This share link does not exist');
    }
    store.shareLinks.revoke(link.id, app.nowIso());
    return { link: toLink(store.shareLinks.find(link.id)!, app.nowIso()) };
  });

  // ---- behind the link: read only -------------------------------------------------------------
  const limit = tokenRateLimit(app.services.rateLimits.token);
  const misses = createMissLimiter(app.services.rateLimits.tokenMisses, 60_000, () => app.services.now().getTime());
  const linkOf = (request: { params: { token: string }; ip: string }) => resolveShareToken(app, request.params.token, request.ip, misses);
  const sharedAssessment = (link: ShareLinkRecord) => {
    const assessment = store.assessments.find(link.assessmentId)!;
    return { assessment, client: store.clients.find(assessment.clientId)! };
  };

  app.get('/api/share/:token', { config: limit, schema: { tags, summary: 'The read-only summary behind a share link', params: TokenParams,
    response: { 200: SharedSummary, 404: ErrorResponse, 410: ErrorResponse } } },
  async (request, reply) => {
    const link = linkOf(request);
    const { assessment, client } = sharedAssessment(link);
    const scored = scoreStoredAssessment(app, assessment, client);
    reply.header('cache-control', 'no-store');
    return {
      assessment: { title: assessment.title, client: client.name, status: assessment.status, locale: assessment.locale, questionnaireTitle: scored.questionnaire.title },
      link: { expiresAt: link.expiresAt, includeComments: link.includeComments },
      summary: scored.input.respondents.length ? buildResultSummary(scored.result, scored.questionnaire) : null,
    };
  });

  app.get('/api/share/:token/report', { config: limit, schema: { tags, summary: 'The PDF behind a share link (comments as the link says); every download is recorded', params: TokenParams, querystring: ShareReportQuery,
    response: { 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 503: ErrorResponse } } },
  async (request, reply) => {
    const link = linkOf(request);
    const { assessment, client } = sharedAssessment(link);
    const { variant, locale } = request.query;
    const { pdf, fromCache } = await getReportPdf(app, { assessment, client, variant, locale, includeComments: link.includeComments });
    store.shareLinks.recordDownload(link.id, { variant, locale, fromCache, at: app.nowIso() });
    reply.header('content-disposition', contentDisposition(`${client.name} ${assessment.title} ${variant} ${locale}`, 'pdf')).header('cache-control', 'private, no-store').type('application/pdf');
    sendRaw(reply, 200, pdf);
    return reply;
  });

  app.get('/share/:token', { config: limit, schema: { hide: true, params: TokenParams } }, async (request, reply) =>
    sendLinkPage(reply, () => linkOf(request), 'share.html', 'share-expired.html'));
};
export default shareLinkRoutes;
