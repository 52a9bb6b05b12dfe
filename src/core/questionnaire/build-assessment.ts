import type { Issue } from '../errors.ts';
import type { AnswerEntry, AnswersFile, Assessment, NormalisedAnswer, Respondent } from './answers-schema.ts';
import { checkAnswerValue } from './check-answer-value.ts';
import type { Questionnaire } from './questionnaire-schema.ts';

function toAnswer(entry: AnswerEntry): NormalisedAnswer {
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) return { ...entry };
  return { value: entry };
}

/**
 * Turns a schema-valid answers file into the engine's input, checking every answer against the
 * questionnaire. Any issue means the assessment is not built: nothing is scored from partial input.
 */
export function buildAssessment(file: AnswersFile, questionnaire: Questionnaire, fileName?: string): { assessment?: Assessment; issues: Issue[] } {
  const issues: Issue[] = [];
  const [qid, version] = file.questionnaire.split('@') as [string, string];
  const rawRespondents: Array<{ id: string; name?: string; role: Respondent['role']; answers: Record<string, AnswerEntry | null>; path: string }> = [];
  if (file.respondents && (file.respondent || file.answers)) {
    issues.push({ code: 'ERR_SCHEMA', file: fileName, path: 'respondents', message: 'give either "respondent" with "answers" (one person) or "respondents" (a list), not both' });
  } else if (file.respondents) {
    file.respondents.forEach((r, i) => rawRespondents.push({ ...r, path: `respondents[${i}]` }));
  } else if (file.respondent && file.answers) {
    rawRespondents.push({ id: file.respondent.id ?? 'respondent-1', name: file.respondent.name, role: file.respondent.role, answers: file.answers, path: '' });
  } else {
    issues.push({ code: 'ERR_SCHEMA', file: fileName, path: file.respondent ? 'answers' : 'respondent', message: 'an answers file needs "respondent" (with a role) and "answers", or a "respondents" list' });
  }

  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const respondents: Respondent[] = [];
  for (const raw of rawRespondents) {
    const who = raw.path ? `${raw.path} (respondent "${raw.id}", ${raw.role})` : `respondent "${raw.id}" (${raw.role})`;
    if (seen.has(raw.id)) issues.push({ code: 'ERR_DUPLICATE_RESPONDENT', file: fileName, path: raw.path || 'respondent', message: `respondent id "${raw.id}" is used twice` });
    seen.add(raw.id);
    const answers: Record<string, NormalisedAnswer> = {};
    for (const [questionId, entry] of Object.entries(raw.answers)) {
      if (entry === null) continue;
      const at = `${raw.path ? `${raw.path}.` : ''}answers.${questionId}`;
      const question = byId.get(questionId);
      if (!question) {
        issues.push({ code: 'ERR_ANSWER_UNKNOWN_QUESTION', file: fileName, path: at, message: `${who}: question "${questionId}" does not exist in ${qid}@${version}` });
        continue;
      }
      if (!question.roles.includes(raw.role)) {
        issues.push({ code: 'ERR_ANSWER_NOT_FOR_ROLE', file: fileName, path: at, message: `${who}: question "${questionId}" is not asked of role "${raw.role}" (asked of ${question.roles.join(', ')})` });
        continue;
      }
      const answer = toAnswer(entry);
      const checked = checkAnswerValue(question, questionnaire, answer.value);
      if (!checked.ok) {
        issues.push({ code: 'ERR_ANSWER_INVALID_VALUE', file: fileName, path: at, message: `${who}, question "${questionId}": ${checked.expected}` });
        continue;
      }
      answers[questionId] = { ...answer, value: checked.value };
    }
    respondents.push({ id: raw.id, ...(raw.name ? { name: raw.name } : {}), role: raw.role, answers });
  }

  const consensus: Assessment['consensus'] = {};
  for (const [questionId, entry] of Object.entries(file.consensus ?? {})) {
    const question = byId.get(questionId);
    if (!question) {
      issues.push({ code: 'ERR_ANSWER_UNKNOWN_QUESTION', file: fileName, path: `consensus.${questionId}`, message: `agreed answer for question "${questionId}", which does not exist in ${qid}@${version}` });
      continue;
    }
    const checked = checkAnswerValue(question, questionnaire, entry.value);
    if (!checked.ok) issues.push({ code: 'ERR_ANSWER_INVALID_VALUE', file: fileName, path: `consensus.${questionId}`, message: `agreed answer for "${questionId}": ${checked.expected}` });
    else consensus[questionId] = { ...entry, value: checked.value };
  }

  if (issues.length > 0) return { issues };
  return {
    issues,
    assessment: {
      questionnaire: { id: qid, version },
      organisation: file.organisation,
      ...(file.assessment?.title ? { title: file.assessment.title } : {}),
      ...(file.assessment?.date ? { date: file.assessment.date } : {}),
      respondents,
      consensus,
    },
  };
}
