import type { Role } from '../roles.ts';
import { median, quantile } from '../stats.ts';
import { DONT_KNOW, NOT_APPLICABLE, type AnswerValue, type Assessment, type Respondent } from '../questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { isShown } from '../questionnaire/visible-questions.ts';
import type { EvidenceAnswer, QuestionAggregate } from './result-types.ts';
import { scoreAnswer } from './score-answer.ts';

export interface AnswerGroup {
  value: QuestionAggregate['value'];
  score: number | null;
  known: number;
  unknown: number;
  notApplicable: number;
  unanswered: number;
  answers: EvidenceAnswer[];
  supports: number[];
}

const isSpecial = (v: AnswerValue) => v === DONT_KNOW || v === NOT_APPLICABLE;

/** Who was asked a question: their role sees it and its showIf holds on their own answers. */
export function askedOf(question: Question, respondents: readonly Respondent[]): Respondent[] {
  return respondents.filter((r) => question.roles.includes(r.role) && isShown(question.showIf, r.answers));
}

/**
 * The representative value of several answers: median for ordered answers, the most frequent
 * choice (ties go to the less healthy option, the cautious reading), options chosen by more than half.
 */
function representative(question: Question, questionnaire: Questionnaire, values: AnswerValue[]): AnswerValue | null {
  if (values.length === 0 || question.type === 'text') return null;
  if (question.type === 'number' || question.type === 'percent') return median(values as number[]);
  // A scale's value must stay one of its levels (rules compare with eq), so an even count takes the
  // lower middle answer: the cautious reading, as for ties between choices.
  if (question.type === 'scale') return [...(values as number[])].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  if (question.type === 'multi') {
    const counts = new Map<string, number>();
    for (const v of values) for (const id of v as string[]) counts.set(id, (counts.get(id) ?? 0) + 1);
    return question.options.map((o) => o.id).filter((id) => (counts.get(id) ?? 0) * 2 > values.length);
  }
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (scoreAnswer(question, questionnaire, a[0]) ?? 0) - (scoreAnswer(question, questionnaire, b[0]) ?? 0));
  return ranked[0]![0];
}

export function aggregateGroup(question: Question, questionnaire: Questionnaire, asked: readonly Respondent[], supportFactor: (s: EvidenceAnswer['support']) => number): AnswerGroup {
  const known: AnswerValue[] = [];
  const scores: number[] = [];
  const answers: EvidenceAnswer[] = [];
  const supports: number[] = [];
  let unknown = 0;
  let notApplicable = 0;
  let unanswered = 0;
  for (const r of asked) {
    const a = r.answers[question.id];
    if (!a) { unanswered++; continue; }
    answers.push({ respondentId: r.id, role: r.role, value: a.value, ...(a.support ? { support: a.support } : {}), ...(a.comment ? { comment: a.comment } : {}) });
    if (a.value === DONT_KNOW) unknown++;
    else if (a.value === NOT_APPLICABLE) notApplicable++;
    else {
      known.push(a.value);
      const s = scoreAnswer(question, questionnaire, a.value);
      if (s !== null) { scores.push(s); supports.push(supportFactor(a.support)); }
    }
  }
  let value: QuestionAggregate['value'] = representative(question, questionnaire, known);
  if (question.type === 'text') value = null;
  else if (known.length === 0) value = unknown > 0 && unknown >= notApplicable ? DONT_KNOW : notApplicable > 0 ? NOT_APPLICABLE : null;
  return { value, score: scores.length ? median(scores) : null, known: known.length, unknown, notApplicable, unanswered, answers, supports };
}

export interface QuestionAggregation {
  aggregate: QuestionAggregate;
  all: AnswerGroup;
  byRole: Map<Role, AnswerGroup>;
  /** Confidence contribution 0..1 and whether the question counts toward its dimension at all. */
  confidence: number;
  applicable: boolean;
}

export function aggregateQuestion(
  question: Question,
  questionnaire: Questionnaire,
  assessment: Assessment,
  groupSizes: Map<Role, number>,
  anonymityMinimum: number,
  supportFactor: (s: EvidenceAnswer['support']) => number,
): QuestionAggregation {
  const asked = askedOf(question, assessment.respondents);
  const all = aggregateGroup(question, questionnaire, asked, supportFactor);
  const byRole = new Map<Role, AnswerGroup>();
  const byRoleOut: QuestionAggregate['byRole'] = {};
  for (const role of new Set(asked.map((r) => r.role))) {
    const group = aggregateGroup(question, questionnaire, asked.filter((r) => r.role === role), supportFactor);
    byRole.set(role, group);
    // Groups under the anonymity minimum are never broken out, not even as a count.
    if ((groupSizes.get(role) ?? 0) >= anonymityMinimum) byRoleOut[role] = { n: group.known, score: group.score === null ? null : group.score * 100 };
  }
  const consensus = assessment.consensus[question.id];
  const scored = question.type !== 'text';
  let value = all.value;
  let score = all.score;
  let source: QuestionAggregate['source'] = all.known + all.unknown + all.notApplicable > 0 ? 'aggregate' : 'none';
  if (consensus && scored) {
    value = consensus.value;
    score = scoreAnswer(question, questionnaire, consensus.value);
    source = 'consensus';
  }
  const knownScores = all.answers.filter((a) => !isSpecial(a.value)).map((a) => scoreAnswer(question, questionnaire, a.value)).filter((s): s is number => s !== null);
  const spread = knownScores.length > 1
    ? { min: Math.min(...knownScores) * 100, max: Math.max(...knownScores) * 100, iqr: (quantile(knownScores, 0.75) - quantile(knownScores, 0.25)) * 100 }
    : undefined;

  const notApplicableOnly = value === NOT_APPLICABLE;
  const applicable = scored && asked.length > 0 && !notApplicableOnly;
  let confidence = 0;
  if (applicable) {
    if (source === 'consensus') confidence = supportFactor(undefined);
    else {
      const considered = all.known + all.unknown + all.unanswered;
      const meanSupport = all.supports.length ? all.supports.reduce((a, b) => a + b, 0) / all.supports.length : 0;
      confidence = considered ? (all.known / considered) * meanSupport : 0;
    }
  }
  return {
    all,
    byRole,
    confidence,
    applicable,
    aggregate: {
      question: question.id,
      dimension: question.dimension,
      value,
      source,
      score,
      respondents: asked.length,
      unknown: all.unknown,
      notApplicable: all.notApplicable,
      unanswered: all.unanswered,
      ...(spread ? { spread } : {}),
      byRole: byRoleOut,
      ...(consensus?.dissent ? { dissent: consensus.dissent } : {}),
    },
  };
}
