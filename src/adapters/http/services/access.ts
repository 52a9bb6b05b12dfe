import type { FastifyInstance } from 'fastify';
import type { Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import type { RuleSet } from '../../../core/scoring/rule-set-schema.ts';
import { findQuestionnaire, findRuleSetFor } from '../../catalog/load-catalog.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import type { Client, MemberRole } from '../../store/repositories/clients-repository.ts';
import { conflict, forbidden, HttpError, notFound } from '../errors.ts';
import type { Auth } from '../plugins/auth.ts';

/**
 * Every consultant route reaches data through these: a client or assessment the user may not see
 * is "not found" (404), never "forbidden", so ids reveal nothing about other consultants' work.
 */
export function getVisibleClient(app: FastifyInstance, auth: Auth, clientId: number): { client: Client; role: MemberRole | 'admin' } {
  const client = app.services.store.clients.find(clientId);
  // An executive's self-assessment is private to its link holder: no consultant, not even an admin, reaches it by id.
  if (!client || client.isSelfAssessment) throw notFound('This client does not exist or is not shared with you');
  const role = app.services.store.clients.roleOf(clientId, auth.user.id);
  if (role) return { client, role };
  if (auth.user.isAdmin) return { client, role: 'admin' };
  throw notFound('This client does not exist or is not shared with you');
}

export function getOwnedClient(app: FastifyInstance, auth: Auth, clientId: number): Client {
  const { client, role } = getVisibleClient(app, auth, clientId);
  if (role === 'member') throw forbidden('Only an owner of this client (or an admin) can do this');
  return client;
}

export function getVisibleAssessment(app: FastifyInstance, auth: Auth, assessmentId: number): { assessment: AssessmentRecord; client: Client } {
  const assessment = app.services.store.assessments.find(assessmentId);
  if (!assessment) throw notFound('This assessment does not exist or is not shared with you');
  try {
    return { assessment, client: getVisibleClient(app, auth, assessment.clientId).client };
  } catch {
    throw notFound('This assessment does not exist or is not shared with you');
  }
}

export function getQuestionnaireOf(app: FastifyInstance, a: Pick<AssessmentRecord, 'questionnaireId' | 'questionnaireVersion'>): Questionnaire {
  const q = findQuestionnaire(app.services.catalog, a.questionnaireId, a.questionnaireVersion);
  // The catalog lost a version that assessments still use: an operator problem, not the user's.
  if (!q) throw new HttpError(409, 'ERR_QUESTIONNAIRE_MISSING', `Questionnaire ${a.questionnaireId}@${a.questionnaireVersion} is no longer installed on this server`);
  return q;
}

export function getRulesFor(app: FastifyInstance, q: Questionnaire): RuleSet {
  const rules = findRuleSetFor(app.services.catalog, q);
  if (!rules) throw conflict(`No scoring rules are installed for ${q.id}@${q.version}, so results cannot be computed`, 'ERR_RULES_NOT_FOUND');
  return rules;
}

export function assertOpen(a: AssessmentRecord): void {
  if (a.status !== 'open') throw conflict('This assessment is closed; reopen it first', 'ERR_ASSESSMENT_CLOSED');
}
