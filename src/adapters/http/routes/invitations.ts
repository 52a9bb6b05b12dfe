import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { Auth } from '../plugins/auth.ts';
import { authOf } from '../plugins/auth.ts';
import { ErrorResponse, IdParams, InvitationsBody } from '../schemas.ts';
import { assertOpen, getQuestionnaireOf, getVisibleAssessment } from '../services/access.ts';
import { generateToken, hashToken } from '../services/tokens.ts';
import { RespondentSchema, toRespondent } from '../views.ts';
import type { FastifyInstance } from 'fastify';

const Link = z.object({ respondent: RespondentSchema, token: z.string(), path: z.string().describe('Shown once: only a hash of the token is stored') });
const linkPath = (token: string) => `/r/${token}`;

/** A respondent of an assessment the user can see; anything else is 404. */
function getVisibleRespondent(app: FastifyInstance, auth: Auth, id: number) {
  const respondent = app.services.store.respondents.find(id);
  if (!respondent) throw notFound('This respondent does not exist');
  const { assessment } = getVisibleAssessment(app, auth, respondent.assessmentId);
  return { respondent, assessment };
}

/**
 * Invitation links: created in a batch, each with a role and an optional name. The token is
 * returned once; a lost link is replaced with a new one (the old one stops working).
 */
const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const auth = { onRequest: app.requireUser };
  const withCounts = (id: number) => store.respondents.listForAssessment(store.respondents.find(id)!.assessmentId).find((r) => r.id === id)!;

  app.post('/api/assessments/:id/invitations', { ...auth, schema: { tags: ['assessments'], summary: 'Create invitation links (one per respondent)', params: IdParams, body: InvitationsBody,
    response: { 201: z.object({ links: z.array(Link) }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } } },
  async (request, reply) => {
    const { assessment } = getVisibleAssessment(app, authOf(request), request.params.id);
    assertOpen(assessment);
    const q = getQuestionnaireOf(app, assessment);
    const issues: FieldIssue[] = [];
    request.body.invitations.forEach((inv, i) => {
      if (!q.questions.some((x) => x.roles.includes(inv.role))) issues.push({ path: `body.invitations[${i}].role`, message: `${q.id}@${q.version} has no questions for role "${inv.role}"` });
    });
    if (issues.length) throw badRequest('Some invitations cannot be created', issues);
    const expiresAt = request.body.expiresOn ? `${request.body.expiresOn}T23:59:59.999Z` : null;
    if (expiresAt && expiresAt <= app.nowIso()) throw badRequest('The expiry date is in the past', [{ path: 'body.expiresOn', message: 'choose today or a later day' }]);
    const now = app.nowIso();
    const created = store.transaction(() => {
      const taken = store.respondents.keys(assessment.id);
      const out = request.body.invitations.map((inv) => {
        const token = generateToken();
        const id = store.respondents.create({ assessmentId: assessment.id, key: store.respondents.nextKey(assessment.id, inv.role, taken), role: inv.role, name: inv.name?.trim() || null, source: 'invitation', tokenHash: hashToken(token), expiresAt, createdAt: now });
        return { id, token };
      });
      store.assessments.bump(assessment.id);
      return out;
    });
    const all = new Map(store.respondents.listForAssessment(assessment.id).map((r) => [r.id, r]));
    return reply.code(201).send({ links: created.map(({ id, token }) => ({ respondent: toRespondent(all.get(id)!, now), token, path: linkPath(token) })) });
  });

  app.post('/api/respondents/:id/link', { ...auth, schema: { tags: ['assessments'], summary: 'Replace a respondent\'s link (the old link stops working)', params: IdParams,
    response: { 200: Link, 404: ErrorResponse, 409: ErrorResponse } } },
  async (request) => {
    const { respondent } = getVisibleRespondent(app, authOf(request), request.params.id);
    if (respondent.revokedAt) throw conflict('This invitation was revoked; create a new one instead', 'ERR_CONFLICT');
    if (respondent.source !== 'invitation') throw conflict('Imported respondents have no link', 'ERR_NO_LINK');
    const token = generateToken();
    store.respondents.setToken(respondent.id, hashToken(token));
    return { respondent: toRespondent(withCounts(respondent.id), app.nowIso()), token, path: linkPath(token) };
  });

  app.delete('/api/respondents/:id', { ...auth, schema: { tags: ['assessments'], summary: 'Revoke: the link stops working and the answers leave the results', params: IdParams,
    response: { 200: z.object({ respondent: RespondentSchema }), 404: ErrorResponse } } },
  async (request) => {
    const { respondent, assessment } = getVisibleRespondent(app, authOf(request), request.params.id);
    store.transaction(() => {
      store.respondents.revoke(respondent.id, app.nowIso());
      store.assessments.bump(assessment.id);
    });
    return { respondent: toRespondent(withCounts(respondent.id), app.nowIso()) };
  });

  app.post('/api/respondents/:id/reopen', { ...auth, schema: { tags: ['assessments'], summary: 'Unlock submitted answers so the respondent can change them', params: IdParams,
    response: { 200: z.object({ respondent: RespondentSchema }), 404: ErrorResponse, 409: ErrorResponse } } },
  async (request) => {
    const { respondent, assessment } = getVisibleRespondent(app, authOf(request), request.params.id);
    if (respondent.revokedAt) throw conflict('This invitation was revoked', 'ERR_CONFLICT');
    if (!respondent.submittedAt) throw conflict('These answers are not submitted, so there is nothing to reopen', 'ERR_NOT_SUBMITTED');
    store.transaction(() => {
      store.respondents.setSubmitted(respondent.id, null);
      store.assessments.bump(assessment.id);
    });
    return { respondent: toRespondent(withCounts(respondent.id), app.nowIso()) };
  });
};
export default invitationRoutes;
