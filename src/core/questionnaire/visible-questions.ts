import type { Role } from '../roles.ts';
import type { Condition } from './condition-schema.ts';
import type { NormalisedAnswer } from './answers-schema.ts';
import type { Question, Questionnaire } from './questionnaire-schema.ts';

/**
 * showIf is judged on one person's own answers, so a question appears and disappears for them as
 * they answer. Only question leaves are meaningful here; anything else (and an unanswered or
 * unknown referenced question) hides the question.
 */
export function isShown(condition: Condition | undefined, answers: Record<string, NormalisedAnswer>): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => isShown(c, answers));
  if ('any' in condition) return condition.any.some((c) => isShown(c, answers));
  if ('not' in condition) return !isShown(condition.not, answers);
  if (!('question' in condition)) return false;
  const answer = answers[condition.question]?.value;
  if (answer === undefined) return false;
  return compareAnswer(answer, condition.op, condition.value) === true;
}

const asYesNo = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : v);

/** Three-valued comparison of one answer: null when the answer carries no information for the op. */
export function compareAnswer(actual: unknown, op: string, expectedRaw: unknown): boolean | null {
  const expected = Array.isArray(expectedRaw) ? expectedRaw.map(asYesNo) : asYesNo(expectedRaw);
  if (op === 'unknown') return actual === 'dont-know';
  if (op === 'notApplicable') return actual === 'not-applicable';
  if (op === 'answered') return actual !== null && actual !== undefined && actual !== 'dont-know' && actual !== 'not-applicable';
  if (actual === null || actual === undefined || actual === 'dont-know' || actual === 'not-applicable') return null;
  switch (op) {
    case 'eq':
      return Array.isArray(actual) && Array.isArray(expected)
        ? actual.length === expected.length && expected.every((e) => actual.includes(e))
        : actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual);
    case 'notIn':
      return Array.isArray(expected) && !expected.includes(actual);
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' ? actual > expected : null;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' ? actual >= expected : null;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' ? actual < expected : null;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' ? actual <= expected : null;
    case 'includes':
      return Array.isArray(actual) ? actual.includes(expected as string) : null;
    case 'excludes':
      return Array.isArray(actual) ? !actual.includes(expected as string) : null;
    default:
      return null;
  }
}

/** The questions one respondent is asked, in questionnaire order, given what they have answered so far. */
export function visibleQuestions(questionnaire: Questionnaire, role: Role, answers: Record<string, NormalisedAnswer>): Question[] {
  const dimOrder = new Map(questionnaire.dimensions.map((d) => [d.id, d.order]));
  return questionnaire.questions
    .filter((q) => q.roles.includes(role) && isShown(q.showIf, answers))
    .sort((a, b) => (dimOrder.get(a.dimension)! - dimOrder.get(b.dimension)!) || a.order - b.order);
}
