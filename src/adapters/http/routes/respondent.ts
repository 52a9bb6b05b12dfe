import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocaleSchema, LocalizedSchema } from '../../../core/localized.ts';
import { AnswerValueSchema, SupportSchema, type NormalisedAnswer } from '../../../core/questionnaire/answers-schema.ts';
import { checkAnswerValue } from '../../../core/questionnaire/check-answer-value.ts';
import { ROLE_LABELS } from '../../../core/roles.ts';
import { findRuleSetFor } from '../../catalog/load-catalog.ts';
import type { TokenHolder } from '../../store/repositories/respondents-repository.ts';
import { badRequest, conflict, gone, HttpError, notFound } from '../errors.ts';
import { AnswerBody, AnswerParams, ErrorResponse, LocaleBody, TokenParams } from '../schemas.ts';
import { getQuestionnaireOf } from '../services/access.ts';
import { progressOf, sectionsFor, SectionSchema } from '../services/respondent-view.ts';
import { createMissLimiter, type MissLimiter } from '../services/miss-limiter.ts';
import { hashToken } from '../services/tokens.ts';

const StoredAnswerSchema = z.object({ value: AnswerValueSchema, comment: z.string().optional(), support: SupportSchema.optional() });
const Progress = z.object({ visible: z.array(z.string()), answered: z.number(), total: z.number() });
const RespondentState = z.object({
  respondent: z.object({ role: z.string(), roleLabel: LocalizedSchema, name: z.string().nullable(), locale: LocaleSchema.nullable(), submittedAt: z.string().nullable() }),
  assessment: z.object({
    title: z.string(), clientName: z.string(), askedBy: z.string().nullable(), dueDate: z.string().nullable(), status: z.enum(['open', 'closed']),
    locale: LocaleSchema, minutes: z.number().nullable(), anonymityMinimum: z.number().nullable(), isDemo: z.boolean(),
  }),
  questionnaire: z.object({ ref: z.string(), title: LocalizedSchema, description: LocalizedSchema }),
  sections: z.array(SectionSchema),
  answers: z.record(z.string(), StoredAnswerSchema),
  progress: Progress,
});

const tooManyMisses = () => new HttpError(429, 'ERR_RATE_LIMITED', 'Too many wrong links from this address; wait a minute and try again');

/** Token -> respondent, or 404 (unknown or revoked) / 410 (expired). The token is the only identity here. */
export function resolveToken(app: FastifyInstance, token: string, ip: string, misses: MissLimiter): TokenHolder {
  if (misses.blocked(ip)) throw tooManyMisses();
  const holder = app.services.store.respondents.findByTokenHash(hashToken(token));
  if (!holder || holder.revokedAt) {
    misses.record(ip);
    throw notFound('This link does not work. It may have been replaced or withdrawn; ask the person who sent it.');
  }
  if (holder.expiresAt && holder.expiresAt <= app.nowIso()) throw gone(`This link expired on ${holder.expiresAt.slice(0, 10)}. Ask the person who sent it for a new one.`);
  return holder;
}

function assertWritable(state: { status: string; submittedAt: string | null; revokedAt?: string | null } | undefined): void {
  if (!state || state.revokedAt) throw notFound('This link does not work. It may have been replaced or withdrawn; ask the person who sent it.');
  if (state.status !== 'open') throw conflict('This assessment is closed, so answers can no longer be changed.', 'ERR_ASSESSMENT_CLOSED');
  if (state.submittedAt) throw conflict('Your answers are submitted and locked. Ask the consultant to reopen them if you need to change something.', 'ERR_SUBMITTED');
}
const holderState = (h: TokenHolder) => ({ status: h.assessment.status, submittedAt: h.submittedAt, revokedAt: h.revokedAt });

const answersOf = (app: FastifyInstance, respondentId: number): Record<string, NormalisedAnswer> =>
  Object.fromEntries(app.services.store.answers.listForRespondent(respondentId).map(({ questionId, updatedAt: _u, ...a }) => [questionId, a]));

/**
 * The respondent's questionnaire behind an invitation link: read the state, save one answer per
 * request (autosave), pick a language, submit. Visibility of conditional questions is decided here,
 * with the core's isShown, and returned with every save.
 */
const respondentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  // Per link and address: one person's autosave never eats into a colleague's allowance.
  const limit = { rateLimit: { max: app.services.rateLimits.token, timeWindow: 60_000, keyGenerator: (r: { ip: string; params: unknown }) => `${r.ip}|${String((r.params as { token?: string }).token ?? '').slice(0, 64)}` } };
  const misses = createMissLimiter(app.services.rateLimits.tokenMisses, 60_000, () => app.services.now().getTime());
  const holderOf = (request: { params: { token: string }; ip: string }) => resolveToken(app, request.params.token, request.ip, misses);
  const tags = ['respondent'];

  app.get('/api/r/:token', { config: limit, schema: { tags, summary: 'Everything the questionnaire page needs, with answers so far', params: TokenParams, response: { 200: RespondentState, 404: ErrorResponse, 410: ErrorResponse } } },
    async (request) => {
      const holder = holderOf(request);
      const q = getQuestionnaireOf(app, holder.assessment);
      const assessment = store.assessments.find(holder.assessment.id)!;
      const client = store.clients.find(holder.assessment.clientId)!;
      const answers = answersOf(app, holder.id);
      if (!holder.openedAt) store.transaction(() => { store.respondents.markOpened(holder.id, app.nowIso()); store.assessments.bump(holder.assessment.id); });
      return {
        respondent: { role: holder.role, roleLabel: ROLE_LABELS[holder.role], name: holder.name, locale: holder.locale, submittedAt: holder.submittedAt },
        assessment: {
          title: holder.assessment.title, clientName: client.name, askedBy: assessment.createdBy ? (store.users.find(assessment.createdBy)?.name ?? null) : null,
          dueDate: holder.assessment.dueDate, status: holder.assessment.status, locale: holder.assessment.locale, minutes: q.minutesPerRole[holder.role] ?? null,
          anonymityMinimum: findRuleSetFor(app.services.catalog, q)?.groups.anonymityMinimum ?? null, isDemo: client.isDemo,
        },
        questionnaire: { ref: `${q.id}@${q.version}`, title: q.title, description: q.description },
        sections: sectionsFor(q, holder.role),
        answers,
        progress: progressOf(q, holder.role, answers),
      };
    });

  app.put('/api/r/:token/answers/:questionId', { config: limit, schema: { tags, summary: 'Save one answer (autosave)', params: AnswerParams, body: AnswerBody,
    response: { 200: z.object({ questionId: z.string(), saved: StoredAnswerSchema.nullable(), progress: Progress }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse } } },
  async (request) => {
    const holder = holderOf(request);
    assertWritable(holderState(holder));
    const q = getQuestionnaireOf(app, holder.assessment);
    const question = q.questions.find((x) => x.id === request.params.questionId);
    if (!question || !question.roles.includes(holder.role)) throw notFound(`There is no question "${request.params.questionId}" for you in this questionnaire`);
    const { value, comment, support } = request.body;
    const now = app.nowIso();
    // An emptied free-text box clears the answer rather than storing "".
    const clears = question.type === 'text' && typeof value === 'string' && value.trim() === '';
    let saved: NormalisedAnswer | null = null;
    if (!clears) {
      const checked = checkAnswerValue(question, q, value);
      if (!checked.ok) throw badRequest('This answer is not allowed for the question', [{ path: 'body.value', message: checked.expected }]);
      saved = { value: checked.value, ...(comment?.trim() ? { comment: comment.trim() } : {}), ...(support ? { support } : {}) };
    }
    const answer = saved;
    // The hot path of a workshop: grouped with concurrent saves into one durable commit, and
    // acknowledged only after it. The state is checked again inside the write, so a close or a
    // submit that committed a moment ago wins. Dashboards learn of it from the change counter.
    await store.enqueueWrite(() => {
      assertWritable(store.respondents.writeState(holder.id));
      if (answer) store.answers.upsert(holder.id, question.id, answer, now);
      else store.answers.remove(holder.id, question.id);
      if (!holder.openedAt) store.respondents.markOpened(holder.id, now);
    });
    app.changes.bump(holder.assessment.id);
    return { questionId: question.id, saved, progress: progressOf(q, holder.role, answersOf(app, holder.id)) };
  });

  app.delete('/api/r/:token/answers/:questionId', { config: limit, schema: { tags, summary: 'Clear one answer', params: AnswerParams,
    response: { 200: z.object({ questionId: z.string(), saved: z.null(), progress: Progress }), 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse } } },
  async (request) => {
    const holder = holderOf(request);
    assertWritable(holderState(holder));
    const q = getQuestionnaireOf(app, holder.assessment);
    const question = q.questions.find((x) => x.id === request.params.questionId);
    if (!question || !question.roles.includes(holder.role)) throw notFound(`There is no question "${request.params.questionId}" for you in this questionnaire`);
    await store.enqueueWrite(() => {
      assertWritable(store.respondents.writeState(holder.id));
      store.answers.remove(holder.id, question.id);
    });
    app.changes.bump(holder.assessment.id);
    return { questionId: question.id, saved: null, progress: progressOf(q, holder.role, answersOf(app, holder.id)) };
  });

  app.put('/api/r/:token/locale', { config: limit, schema: { tags, summary: 'Remember the language this respondent chose', params: TokenParams, body: LocaleBody,
    response: { 200: z.object({ locale: LocaleSchema }), 400: ErrorResponse, 404: ErrorResponse, 410: ErrorResponse } } },
  async (request) => {
    const holder = holderOf(request);
    store.respondents.setLocale(holder.id, request.body.locale);
    return { locale: request.body.locale };
  });

  app.post('/api/r/:token/submit', { config: limit, schema: { tags, summary: 'Submit: locks the answers until the consultant reopens them', params: TokenParams,
    response: { 200: z.object({ submittedAt: z.string(), progress: Progress }), 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse } } },
  async (request) => {
    const holder = holderOf(request);
    assertWritable(holderState(holder));
    const q = getQuestionnaireOf(app, holder.assessment);
    const now = app.nowIso();
    // Queued behind this person's pending saves, so an answer given just before submitting counts.
    await store.enqueueWrite(() => {
      assertWritable(store.respondents.writeState(holder.id));
      if (store.answers.listForRespondent(holder.id).length === 0) throw conflict('Answer at least one question before submitting.', 'ERR_NOTHING_ANSWERED');
      store.respondents.setSubmitted(holder.id, now);
      store.respondents.markOpened(holder.id, now);
      store.assessments.bump(holder.assessment.id);
    });
    return { submittedAt: now, progress: progressOf(q, holder.role, answersOf(app, holder.id)) };
  });

  // The page itself: the status code already tells a wrong (404) or expired (410) link apart.
  app.get('/r/:token', { config: limit, schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    try {
      holderOf(request);
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status === 404) return reply.code(404).type('text/html').sendFile('404.html');
      if (status === 410) return reply.code(410).type('text/html').sendFile('expired.html');
      throw e;
    }
    // A page behind a credential: no shared cache may keep it.
    return reply.header('cache-control', 'no-store').type('text/html').sendFile('respond.html', { cacheControl: false });
  });
};
export default respondentRoutes;
