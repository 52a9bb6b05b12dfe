import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import semver from 'semver';
import { z } from 'zod';
import { ACTION_STATUSES } from '../../../core/followup/compare-assessments.ts';
import { LocaleSchema, LocalizedSchema } from '../../../core/localized.ts';
import { OWNER_LABELS, ROLES } from '../../../core/roles.ts';
import { BANDS, HorizonSchema, SEVERITIES } from '../../../core/scoring/rule-set-schema.ts';
import { findQuestionnaire, findRuleSetFor } from '../../catalog/load-catalog.ts';
import type { FieldIssue } from '../errors.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { IsoDay } from '../date-schema.ts';
import { ErrorResponse, IdParams, QuestionnaireRef } from '../schemas.ts';
import { getVisibleAssessment } from '../services/access.ts';
import { compareWith } from '../services/comparison.ts';
import { scoreStoredAssessment } from '../services/scored-assessment.ts';
import { generateToken, hashToken } from '../services/tokens.ts';
import { AssessmentSchema, AssessmentSummarySchema, RespondentSchema, toAssessment, toAssessmentSummary, toRespondent } from '../views.ts';

const IsoDate = IsoDay;

const FollowUpBody = z.object({
  title: z.string().trim().min(1, 'required').max(200),
  questionnaire: QuestionnaireRef.optional().describe('Default: the newest version of the same questionnaire that has scoring rules'),
  locale: LocaleSchema.optional().describe('Default: the earlier assessment\'s'),
  dueDate: IsoDate.nullable().optional(),
  invite: z.enum(['same-people', 'same-roles', 'none']).default('same-people')
    .describe('same-people: a new link for every earlier respondent, with their name and role; same-roles: one unnamed link per earlier respondent\'s role; none: invite later'),
  expiresOn: IsoDate.nullable().optional().describe('Last day the new links work (end of that day, UTC)'),
}).strict();
const Link = z.object({ respondent: RespondentSchema, token: z.string(), path: z.string().describe('Shown once: only a hash of the token is stored') });

const Change = z.object({ id: z.string(), title: LocalizedSchema, dimension: LocalizedSchema, severityBefore: z.enum(SEVERITIES).nullable(), severityAfter: z.enum(SEVERITIES).nullable() });
const ComparisonSchema = z.object({
  previous: z.object({ id: z.number(), title: z.string(), date: z.string().nullable(), questionnaire: z.object({ id: z.string(), version: z.string() }) }),
  current: z.object({ id: z.number(), title: z.string(), date: z.string().nullable(), questionnaire: z.object({ id: z.string(), version: z.string() }) }),
  questions: z.object({
    basis: z.enum(['same-version', 'mapping', 'same-ids']), previousTotal: z.number(), carried: z.number(), renamed: z.number(), split: z.number(), removed: z.number(),
    compared: z.number().describe('Scored questions answered in both assessments'), currentTotal: z.number(),
    changes: z.array(z.object({ id: z.string(), text: LocalizedSchema, dimension: z.string(), before: z.number(), after: z.number(), delta: z.number() })),
  }),
  overall: z.object({ before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable(), bandBefore: z.enum(BANDS).nullable(), bandAfter: z.enum(BANDS).nullable() }),
  dimensions: z.array(z.object({ id: z.string(), title: LocalizedSchema, before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable() })),
  findings: z.object({ closed: z.array(Change), opened: z.array(Change), changed: z.array(Change), unchanged: z.number() }),
  actions: z.array(z.object({ id: z.string(), title: LocalizedSchema, phase: z.number(), owner: LocalizedSchema, status: z.enum(ACTION_STATUSES), note: z.string().nullable(), updatedAt: z.string().nullable(), stillPlanned: z.boolean() })),
  actionCounts: z.object({ 'not-started': z.number(), 'in-progress': z.number(), done: z.number(), dropped: z.number() }),
});
const CompareQuery = z.object({ previous: z.coerce.number().int().positive().max(2 ** 31).optional().describe('Compare with this assessment of the same client instead of the one this repeats') }).strict();
const ActionSchema = z.object({
  id: z.string(), title: LocalizedSchema, description: LocalizedSchema, phase: z.number(), owner: LocalizedSchema, horizon: HorizonSchema, kpi: LocalizedSchema,
  status: z.enum(ACTION_STATUSES), note: z.string().nullable(), updatedBy: z.string().nullable(), updatedAt: z.string().nullable(),
});
const ActionParams = z.object({ id: IdParams.shape.id, actionId: z.string().max(100) }).strict();
const ActionBody = z.object({ status: z.enum(ACTION_STATUSES), note: z.string().trim().max(2000).optional() }).strict();

/**
 * Follow-up assessments: start one from an earlier assessment of the same client (same roles,
 * optionally the same people), track the earlier plan's actions, and compare the two, also across
 * questionnaire versions through the mapping the newer version declares.
 */
const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, catalog } = app.services;
  const auth = { onRequest: app.requireUser };
  const tags = ['follow-ups'];

  app.post('/api/assessments/:id/follow-ups', { ...auth, schema: { tags, summary: 'Start a follow-up of this assessment for the same client', params: IdParams, body: FollowUpBody,
    response: { 201: z.object({ assessment: AssessmentSchema, links: z.array(Link) }), 400: ErrorResponse, 404: ErrorResponse } } },
  async (request, reply) => {
    const { user } = authOf(request);
    const { assessment: previous } = getVisibleAssessment(app, authOf(request), request.params.id);
    const body = request.body;
    const issues: FieldIssue[] = [];
    const usable = catalog.questionnaires.filter((q) => q.id === previous.questionnaireId && findRuleSetFor(catalog, q)).map((q) => q.version).sort(semver.compare);
    let version = usable[usable.length - 1];
    if (body.questionnaire) {
      const [qid, v] = body.questionnaire.split('@') as [string, string];
      const q = findQuestionnaire(catalog, qid, v);
      if (qid !== previous.questionnaireId) issues.push({ path: 'body.questionnaire', message: `a follow-up repeats ${previous.questionnaireId}; "${body.questionnaire}" is another questionnaire, so the two could not be compared` });
      else if (!q || !findRuleSetFor(catalog, q)) issues.push({ path: 'body.questionnaire', message: `"${body.questionnaire}" is not available (available: ${usable.map((x) => `${qid}@${x}`).join(', ') || 'none'})` });
      else if (semver.lt(v, previous.questionnaireVersion)) issues.push({ path: 'body.questionnaire', message: `version ${v} is older than the ${previous.questionnaireVersion} of the assessment it follows; choose ${previous.questionnaireVersion} or later` });
      else version = v;
    }
    if (!version) issues.push({ path: 'body.questionnaire', message: `no version of ${previous.questionnaireId} with scoring rules is installed` });
    const expiresAt = body.expiresOn ? `${body.expiresOn}T23:59:59.999Z` : null;
    if (expiresAt && expiresAt <= app.nowIso()) issues.push({ path: 'body.expiresOn', message: 'choose today or a later day' });
    if (issues.length) throw badRequest('The follow-up cannot be started', issues);
    const q = findQuestionnaire(catalog, previous.questionnaireId, version!)!;
    const now = app.nowIso();

    // Same roles, optionally the same people; roles the newer version no longer asks are left out.
    const asked = new Set(ROLES.filter((r) => q.questions.some((x) => x.roles.includes(r))));
    const earlier = store.respondents.listForAssessment(previous.id).filter((r) => !r.revokedAt && asked.has(r.role));
    const invitations = body.invite === 'none' ? [] : earlier.map((r) => ({ role: r.role, name: body.invite === 'same-people' ? r.name : null }));
    const { id, created } = store.transaction(() => {
      const newId = store.assessments.create({
        clientId: previous.clientId, title: body.title, questionnaireId: q.id, questionnaireVersion: q.version, locale: body.locale ?? previous.locale,
        dueDate: body.dueDate ?? null, previousAssessmentId: previous.id, createdBy: user.id, createdAt: now,
      });
      const taken = new Set<string>();
      const links = invitations.map((inv) => {
        const token = generateToken();
        const rid = store.respondents.create({ assessmentId: newId, key: store.respondents.nextKey(newId, inv.role, taken), role: inv.role, name: inv.name, source: 'invitation', tokenHash: hashToken(token), expiresAt, createdAt: now });
        return { rid, token };
      });
      return { id: newId, created: links };
    });
    const rows = new Map(store.respondents.listForAssessment(id).map((r) => [r.id, r]));
    return reply.code(201).send({
      assessment: toAssessment(app, store.assessments.find(id)!),
      links: created.map((l) => ({ respondent: toRespondent(rows.get(l.rid)!, now), token: l.token, path: `/r/${l.token}` })),
    });
  });

  app.get('/api/assessments/:id/follow-ups', { ...auth, schema: { tags, summary: 'The assessment this one repeats, and the follow-ups started from it', params: IdParams,
    response: { 200: z.object({ previous: AssessmentSummarySchema.nullable(), followUps: z.array(AssessmentSummarySchema) }), 404: ErrorResponse } } },
  async (request) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const all = new Map(store.assessments.listForClient(client.id).map((a) => [a.id, a]));
    const previous = assessment.previousAssessmentId ? all.get(assessment.previousAssessmentId) : undefined;
    return {
      previous: previous ? toAssessmentSummary(app, previous) : null,
      followUps: store.followUps.followUpsOf(assessment.id).flatMap((id) => (all.has(id) ? [toAssessmentSummary(app, all.get(id)!)] : [])),
    };
  });

  app.get('/api/assessments/:id/comparison', { ...auth, schema: { tags, summary: 'Compare with the assessment this one repeats: scores, findings, the earlier plan\'s actions', params: IdParams, querystring: CompareQuery,
    response: { 200: ComparisonSchema, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } } },
  async (request) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const previousId = request.query.previous ?? assessment.previousAssessmentId;
    if (!previousId) throw conflict('This assessment does not repeat an earlier one; start a follow-up from an assessment to compare the two', 'ERR_NO_PREVIOUS');
    const previous = store.assessments.find(previousId);
    if (!previous || previous.clientId !== client.id || previous.id === assessment.id) {
      throw badRequest('Choose an earlier assessment of the same client', [{ path: 'query.previous', message: `assessment ${previousId} is not another assessment of ${client.name}` }]);
    }
    const current = scoreStoredAssessment(app, assessment, client);
    const c = compareWith(app, current, previous);
    return {
      ...c,
      previous: { ...c.previous, id: previous.id, title: previous.title },
      current: { ...c.current, id: assessment.id, title: assessment.title },
    };
  });

  app.get('/api/assessments/:id/actions', { ...auth, schema: { tags, summary: 'The plan\'s actions with the status the consultant recorded', params: IdParams,
    response: { 200: z.object({ actions: z.array(ActionSchema) }), 404: ErrorResponse } } },
  async (request) => {
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const scored = scoreStoredAssessment(app, assessment, client);
    const recorded = new Map(store.followUps.actionStatuses(assessment.id).map((s) => [s.actionId, s]));
    const actions = scored.input.respondents.length ? scored.result.plan.actions : [];
    return {
      actions: actions.map((a) => {
        const s = recorded.get(a.id);
        return { id: a.id, title: a.title, description: a.description, phase: a.phase, owner: OWNER_LABELS[a.owner], horizon: a.horizon, kpi: a.kpi, status: s?.status ?? 'not-started', note: s?.note ?? null, updatedBy: s?.updatedBy ?? null, updatedAt: s?.updatedAt ?? null };
      }),
    };
  });

  app.put('/api/assessments/:id/actions/:actionId', { ...auth, schema: { tags, summary: 'Mark an action of the plan not started, in progress, done or dropped', params: ActionParams, body: ActionBody,
    response: { 200: z.object({ actionId: z.string(), status: z.enum(ACTION_STATUSES), note: z.string().nullable() }), 400: ErrorResponse, 404: ErrorResponse } } },
  async (request) => {
    const { user } = authOf(request);
    const { assessment, client } = getVisibleAssessment(app, authOf(request), request.params.id);
    const scored = scoreStoredAssessment(app, assessment, client);
    const inPlan = scored.input.respondents.length > 0 && scored.result.plan.actions.some((a) => a.id === request.params.actionId);
    if (!inPlan) throw notFound(`Action "${request.params.actionId}" is not in this assessment's plan`);
    const note = request.body.note?.trim() || null;
    store.followUps.setActionStatus(assessment.id, request.params.actionId, { status: request.body.status, note }, user.id, app.nowIso());
    // The follow-ups' reports print these statuses: their cached PDFs change through the comparison digest.
    return { actionId: request.params.actionId, status: request.body.status, note };
  });
};
export default followUpRoutes;
