import type { FastifyInstance } from 'fastify';
import type { Assessment } from '../../../core/questionnaire/answers-schema.ts';
import type { Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import type { ScoreResult } from '../../../core/scoring/result-types.ts';
import type { RuleSet } from '../../../core/scoring/rule-set-schema.ts';
import { scoreAssessment } from '../../../core/scoring/score-assessment.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import type { Client } from '../../store/repositories/clients-repository.ts';
import { getQuestionnaireOf, getRulesFor } from './access.ts';
import { buildAssessmentInput } from './assessment-input.ts';

/** An assessment from the store, scored: everything a summary, a comparison or a report needs. */
export interface ScoredAssessment {
  record: AssessmentRecord;
  client: Client;
  questionnaire: Questionnaire;
  rules: RuleSet;
  input: Assessment;
  result: ScoreResult;
}

export function scoreStoredAssessment(app: FastifyInstance, record: AssessmentRecord, client: Client): ScoredAssessment {
  const questionnaire = getQuestionnaireOf(app, record);
  const rules = getRulesFor(app, questionnaire);
  const input = buildAssessmentInput(app, record, client, questionnaire);
  return { record, client, questionnaire, rules, input, result: scoreAssessment(input, questionnaire, rules) };
}
