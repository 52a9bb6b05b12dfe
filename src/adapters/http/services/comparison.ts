import type { FastifyInstance } from 'fastify';
import { compareAssessments, type Comparison, type RecordedActionStatus } from '../../../core/followup/compare-assessments.ts';
import { findQuestionnaire, findRuleSetFor } from '../../catalog/load-catalog.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import { conflict } from '../errors.ts';
import { scoreStoredAssessment, type ScoredAssessment } from './scored-assessment.ts';

/** Statuses the consultant recorded for the actions of an assessment's plan, by action id. */
export function actionStatusesOf(app: FastifyInstance, assessmentId: number): Record<string, RecordedActionStatus> {
  return Object.fromEntries(app.services.store.followUps.actionStatuses(assessmentId).map((s) => [s.actionId, { status: s.status, note: s.note, updatedAt: s.updatedAt }]));
}

/**
 * `current` against an earlier assessment of the same client (its previous one unless named).
 * 409 when there is nothing to compare: no earlier assessment, or no answers on either side.
 */
export function compareWith(app: FastifyInstance, current: ScoredAssessment, previous: AssessmentRecord): Comparison {
  if (!current.input.respondents.length) throw conflict('Nobody has answered this assessment yet, so there is nothing to compare', 'ERR_NOTHING_ANSWERED');
  const before = scoreStoredAssessment(app, previous, current.client);
  if (!before.input.respondents.length) throw conflict(`Nobody answered the earlier assessment "${previous.title}", so there is nothing to compare with`, 'ERR_NOTHING_ANSWERED');
  if (before.questionnaire.id !== current.questionnaire.id) {
    throw conflict(`The assessments use different questionnaires (${before.questionnaire.id} and ${current.questionnaire.id}), so they cannot be compared`, 'ERR_NOT_COMPARABLE');
  }
  return compareAssessments(
    { assessment: before.input, questionnaire: before.questionnaire, rules: before.rules, result: before.result },
    { assessment: current.input, questionnaire: current.questionnaire, rules: current.rules, result: current.result },
    actionStatusesOf(app, previous.id),
  );
}

/**
 * The "progress since" of a follow-up's report: null (no section) when the assessment repeats
 * nothing, or when the earlier one cannot be scored any more; a report never fails for that.
 */
export function findProgress(app: FastifyInstance, current: ScoredAssessment): Comparison | null {
  const previousId = current.record.previousAssessmentId;
  if (!previousId || !current.input.respondents.length) return null;
  const previous = app.services.store.assessments.find(previousId);
  if (!previous || previous.clientId !== current.record.clientId) return null;
  const q = findQuestionnaire(app.services.catalog, previous.questionnaireId, previous.questionnaireVersion);
  if (!q || !findRuleSetFor(app.services.catalog, q) || q.id !== current.questionnaire.id) return null;
  try {
    return compareWith(app, current, previous);
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 409) return null;
    throw e;
  }
}
