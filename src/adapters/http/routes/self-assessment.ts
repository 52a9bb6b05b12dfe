import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocaleSchema, LocalizedSchema, type Localized } from '../../../core/localized.ts';
import type { Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import { ROLE_GROUP_LABELS, ROLES } from '../../../core/roles.ts';
import { buildResultSummary } from '../../../core/summary/build-result-summary.ts';
import { findRuleSetFor } from '../../catalog/load-catalog.ts';
import type { TokenHolder } from '../../store/repositories/respondents-repository.ts';
import { HttpError } from '../errors.ts';
import { ErrorResponse, TokenParams } from '../schemas.ts';
import { contentDisposition } from '../services/download-name.ts';
import { resolveSelfToken, sendLinkPage, tokenRateLimit } from '../services/link-tokens.ts';
import { createMissLimiter } from '../services/miss-limiter.ts';
import { getReportPdf } from '../services/report-pdf.ts';
import { progressOf } from '../services/respondent-view.ts';
import { scoreStoredAssessment } from '../services/scored-assessment.ts';
import { generateToken, hashToken } from '../services/tokens.ts';
import { ResultSummarySchema } from '../summary-schema.ts';
import { sendRaw } from '../views.ts';
import semver from 'semver';

const TITLE: Localized = { en: 'Executive self-assessment', 'zh-CN': '高管自评' };
const ORGANISATION: Localized = { en: 'My organisation', 'zh-CN': '我的公司' };

const CreateBody = z.object({
  locale: LocaleSchema,
  organisation: z.string().trim().max(200).optional().describe('Printed on the scorecard and the PDF; optional'),
}).strict();
const Pitch = z.object({
  shared: z.number().describe('Questions of the executive path that other roles are asked too'),
  total: z.number(),
  roles: z.array(LocalizedSchema).describe('The other roles a workshop would ask'),
});
const SelfState = z.object({
  assessment: z.object({ title: z.string(), organisation: z.string(), locale: LocaleSchema, createdAt: z.string(), questionnaire: z.object({ ref: z.string(), title: LocalizedSchema }), minutes: z.number().nullable() }),
  progress: z.object({ answered: z.number(), total: z.number() }),
  scorecard: ResultSummarySchema.nullable().describe('null until the first answer'),
  pitch: Pitch,
});
const SelfReportQuery = z.object({ variant: z.enum(['full', 'brief']).default('brief'), locale: LocaleSchema.default('en') }).strict();

/** The newest crm-readiness version with rules and an executive path; else any scorable one with an executive path. */
function selfAssessmentQuestionnaire(app: FastifyInstance): Questionnaire | undefined {
  const { catalog } = app.services;
  const usable = catalog.questionnaires
    .filter((q) => findRuleSetFor(catalog, q) && q.questions.some((x) => x.roles.includes('executive')))
    .sort((a, b) => Number(b.id === 'crm-readiness') - Number(a.id === 'crm-readiness') || semver.rcompare(a.version, b.version));
  return usable[0];
}

/** What a full workshop would add: the executive's questions that other roles answer too (the perception gaps). */
function pitchFor(q: Questionnaire): z.infer<typeof Pitch> {
  const mine = q.questions.filter((x) => x.roles.includes('executive') && x.type !== 'text');
  const shared = mine.filter((x) => x.roles.some((r) => r !== 'executive'));
  const roles = ROLES.filter((r) => r !== 'executive' && shared.some((x) => x.roles.includes(r)));
  return { shared: shared.length, total: mine.length, roles: roles.map((r) => ROLE_GROUP_LABELS[r]) };
}

/**
 * An executive's self-assessment, without an account: start one (rate-limited per address), answer
 * the executive path through the ordinary respondent API (/api/r/<token>: autosave, progress), read
 * the instant scorecard, download the PDF, delete everything. The private link is the token.
 */
const selfAssessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const tags = ['self-assessment'];
  const limit = tokenRateLimit(app.services.rateLimits.token);
  const misses = createMissLimiter(app.services.rateLimits.tokenMisses, 60_000, () => app.services.now().getTime());
  const holderOf = (request: { params: { token: string }; ip: string }) => resolveSelfToken(app, request.params.token, request.ip, misses);
  const recordsOf = (holder: TokenHolder) => {
    const assessment = store.assessments.find(holder.assessment.id)!;
    return { assessment, client: store.clients.find(assessment.clientId)! };
  };

  app.post('/api/self-assessments', {
    config: { rateLimit: { max: app.services.rateLimits.selfAssessments, timeWindow: 3_600_000 } },
    schema: { tags, summary: 'Start an executive self-assessment (no account); returns the private link once', body: CreateBody,
      response: { 201: z.object({ token: z.string(), path: z.string().describe('The private link: only a hash of the token is stored') }), 400: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse } },
  }, async (request, reply) => {
    const q = selfAssessmentQuestionnaire(app);
    if (!q) throw new HttpError(503, 'ERR_SELF_ASSESSMENT_UNAVAILABLE', 'The self-assessment is not available on this server: no questionnaire with an executive path and scoring rules is installed');
    const token = generateToken();
    const { locale } = request.body;
    store.selfAssessments.create({
      organisation: request.body.organisation || ORGANISATION[locale], title: TITLE[locale], questionnaireId: q.id, questionnaireVersion: q.version,
      locale, tokenHash: hashToken(token), createdAt: app.nowIso(),
    });
    return reply.code(201).send({ token, path: `/s/${token}` });
  });

  app.get('/api/s/:token', { config: limit, schema: { tags, summary: 'The self-assessment: progress and the instant scorecard', params: TokenParams,
    response: { 200: SelfState, 404: ErrorResponse } } },
  async (request, reply) => {
    const holder = holderOf(request);
    const { assessment, client } = recordsOf(holder);
    const scored = scoreStoredAssessment(app, assessment, client);
    const answers = scored.input.respondents[0]?.answers ?? {};
    const p = progressOf(scored.questionnaire, 'executive', answers);
    reply.header('cache-control', 'no-store');
    return {
      assessment: {
        title: assessment.title, organisation: client.name, locale: holder.locale ?? assessment.locale, createdAt: assessment.createdAt,
        questionnaire: { ref: `${scored.questionnaire.id}@${scored.questionnaire.version}`, title: scored.questionnaire.title }, minutes: scored.questionnaire.minutesPerRole.executive ?? null,
      },
      progress: { answered: p.answered, total: p.total },
      scorecard: scored.input.respondents.length ? buildResultSummary(scored.result, scored.questionnaire) : null,
      pitch: pitchFor(scored.questionnaire),
    };
  });

  app.get('/api/s/:token/report', { config: limit, schema: { tags, summary: 'The self-assessment as PDF (brief or full)', params: TokenParams, querystring: SelfReportQuery,
    response: { 404: ErrorResponse, 409: ErrorResponse, 503: ErrorResponse } } },
  async (request, reply) => {
    const holder = holderOf(request);
    const { assessment, client } = recordsOf(holder);
    const { variant, locale } = request.query;
    const { pdf } = await getReportPdf(app, { assessment, client, variant, locale, includeComments: true });
    reply.header('content-disposition', contentDisposition(`${client.name} ${assessment.title} ${variant} ${locale}`, 'pdf')).header('cache-control', 'private, no-store').type('application/pdf');
    sendRaw(reply, 200, pdf);
    return reply;
  });

  app.delete('/api/s/:token', { config: limit, schema: { tags, summary: 'Delete the self-assessment: every answer and cached PDF, for good', params: TokenParams,
    response: { 200: z.object({ deleted: z.literal(true) }), 404: ErrorResponse } } },
  async (request) => {
    const holder = holderOf(request);
    // Pending autosaves of this link are committed (or refused) before the rows go.
    await store.enqueueWrite(() => undefined);
    store.selfAssessments.remove(holder.assessment.clientId);
    app.changes.bump(holder.assessment.id);
    return { deleted: true as const };
  });

  app.get('/self-assessment', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').sendFile('self-assessment.html'));
  app.get('/s/:token', { config: limit, schema: { hide: true, params: TokenParams } }, async (request, reply) =>
    sendLinkPage(reply, () => holderOf(request), 'self-assessment.html'));
};
export default selfAssessmentRoutes;
