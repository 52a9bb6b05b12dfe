import type { FastifyInstance } from 'fastify';
import type { AnswersFile, Assessment, NormalisedAnswer, Respondent } from '../../../core/questionnaire/answers-schema.ts';
import type { Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import { visibleQuestions } from '../../../core/questionnaire/visible-questions.ts';
import type { AssessmentRecord } from '../../store/repositories/assessments-repository.ts';
import type { Client } from '../../store/repositories/clients-repository.ts';

/**
 * The store's answers -> the core's Assessment. Who counts: respondents not revoked who gave at
 * least one answer. Invited people who never answered are left out, because counting them would
 * make a role group look big enough to break out while only one person in it spoke.
 * Answers to questions now hidden by the person's own later answers are dropped, as the scorer would.
 */
export function buildAssessmentInput(app: FastifyInstance, assessment: AssessmentRecord, client: Client, questionnaire: Questionnaire): Assessment {
  const { store } = app.services;
  const answersBy = store.answers.listForAssessment(assessment.id);
  const respondents: Respondent[] = [];
  for (const r of store.respondents.listForAssessment(assessment.id)) {
    const stored = answersBy.get(r.id);
    if (r.revokedAt || !stored?.length) continue;
    const answers: Record<string, NormalisedAnswer> = {};
    for (const { questionId, updatedAt: _u, ...a } of stored) answers[questionId] = a;
    const shown = new Set(visibleQuestions(questionnaire, r.role, answers).map((q) => q.id));
    for (const id of Object.keys(answers)) if (!shown.has(id)) delete answers[id];
    respondents.push({ id: r.key, ...(r.name ? { name: r.name } : {}), role: r.role, answers });
  }
  return {
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    organisation: {
      name: client.name,
      ...(client.industry ? { industry: client.industry } : {}),
      ...(client.size ? { size: client.size } : {}),
      ...(client.country ? { country: client.country } : {}),
    },
    title: assessment.title,
    date: (assessment.closedAt ?? assessment.createdAt).slice(0, 10),
    respondents,
    consensus: store.answers.consensus(assessment.id),
  };
}

/** The same data in the CLI's answers-file format, so `crm-readiness score` accepts an export as is. */
export function toAnswersFile(input: Assessment): AnswersFile {
  const entry = (a: NormalisedAnswer) => (a.comment || a.support ? { value: a.value, ...(a.support ? { support: a.support } : {}), ...(a.comment ? { comment: a.comment } : {}) } : a.value);
  return {
    questionnaire: `${input.questionnaire.id}@${input.questionnaire.version}`,
    organisation: input.organisation,
    assessment: { ...(input.title ? { title: input.title } : {}), ...(input.date ? { date: input.date } : {}) },
    respondents: input.respondents.map((r) => ({ id: r.id, ...(r.name ? { name: r.name } : {}), role: r.role, answers: Object.fromEntries(Object.entries(r.answers).map(([k, a]) => [k, entry(a)])) })),
    ...(Object.keys(input.consensus).length ? { consensus: input.consensus } : {}),
  };
}
