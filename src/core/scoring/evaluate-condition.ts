import type { Role } from '../roles.ts';
import type { Condition, Leaf } from '../questionnaire/condition-schema.ts';
import { compareAnswer } from '../questionnaire/visible-questions.ts';
import type { AnswerGroup } from './aggregate-answers.ts';
import type { Evidence, Trace, TraceLeaf } from './result-types.ts';

/** What a condition can look at; built once per assessment by the scorer. */
export interface ConditionFacts {
  question(id: string, role?: Role): { group: AnswerGroup; value: unknown } | { hidden: string } | undefined;
  dimensionScore(id: string): number | null;
  unknownCount(dimension: string): number;
  groupScores(target: { dimension: string } | { question: string }): Partial<Record<Role, number>>;
}

/** Kleene logic: null means "not known", so an unknown answer never confirms a problem, and `not` of unknown stays unknown. */
export type Tri = boolean | null;

export interface Evaluation {
  result: Tri;
  trace: Trace;
}

const fmt = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : typeof v === 'number' ? String(Math.round(v * 10) / 10) : JSON.stringify(v));

function compareNumber(actual: number | null, op: string, expected: number): Tri {
  if (actual === null || Number.isNaN(actual)) return null;
  switch (op) {
    case 'gt': return actual > expected;
    case 'gte': return actual >= expected;
    case 'lt': return actual < expected;
    case 'lte': return actual <= expected;
    default: return actual === expected;
  }
}

function leaf(fields: Omit<TraceLeaf, 'kind' | 'result'>, result: Tri): Evaluation {
  return { result, trace: { kind: 'leaf', ...fields, result: result === true } };
}

function evaluateLeaf(c: Leaf, facts: ConditionFacts): Evaluation {
  if ('question' in c) {
    const found = facts.question(c.question, c.role);
    const who = c.role ? ` (${c.role} group)` : '';
    const description = `answer to ${c.question}${who} ${c.op}${c.value === undefined ? '' : ` ${fmt(c.value)}`}`;
    if (!found) return leaf({ fact: 'answer', description, question: c.question, actual: null, expected: c.value ?? c.op }, null);
    if ('hidden' in found) return leaf({ fact: 'answer', description: `${description} — ${found.hidden}`, question: c.question, actual: null, expected: c.value ?? c.op }, null);
    const result = compareAnswer(found.value, c.op, c.value);
    return leaf({ fact: 'answer', description, question: c.question, actual: found.value, expected: c.value ?? c.op, answers: found.group.answers }, result);
  }
  if ('dimension' in c) {
    const actual = facts.dimensionScore(c.dimension);
    return leaf({ fact: 'dimension', description: `score of dimension ${c.dimension} ${c.op} ${c.value}`, actual, expected: c.value }, compareNumber(actual, c.op, c.value));
  }
  if ('unknownCount' in c) {
    const actual = facts.unknownCount(c.unknownCount);
    return leaf({ fact: 'unknownCount', description: `"don't know" answers in ${c.unknownCount === '*' ? 'the questionnaire' : c.unknownCount} ${c.op} ${c.value}`, actual, expected: c.value }, compareNumber(actual, c.op, c.value));
  }
  const target = c.gap;
  const name = 'dimension' in target ? `dimension ${target.dimension}` : `question ${target.question}`;
  const scores = facts.groupScores(target);
  const entries = Object.entries(scores) as Array<[Role, number]>;
  let actual: number | null = null;
  if (c.high || c.low) {
    const hi = c.high ? scores[c.high] : Math.max(...entries.map((e) => e[1]));
    const lo = c.low ? scores[c.low] : Math.min(...entries.map((e) => e[1]));
    actual = hi === undefined || lo === undefined || entries.length < 2 ? null : hi - lo;
  } else if (entries.length >= 2) {
    actual = Math.max(...entries.map((e) => e[1])) - Math.min(...entries.map((e) => e[1]));
  }
  const between = c.high || c.low ? ` (${c.high ?? 'highest'} minus ${c.low ?? 'lowest'})` : '';
  return leaf({ fact: 'gap', description: `gap between role groups on ${name}${between} ${c.op} ${c.value}`, actual, expected: c.value }, compareNumber(actual, c.op, c.value));
}

export function evaluateCondition(c: Condition, facts: ConditionFacts): Evaluation {
  if ('all' in c) {
    const children = c.all.map((x) => evaluateCondition(x, facts));
    const result: Tri = children.some((x) => x.result === false) ? false : children.some((x) => x.result === null) ? null : true;
    return { result, trace: { kind: 'all', result: result === true, children: children.map((x) => x.trace) } };
  }
  if ('any' in c) {
    const children = c.any.map((x) => evaluateCondition(x, facts));
    const result: Tri = children.some((x) => x.result === true) ? true : children.some((x) => x.result === null) ? null : false;
    return { result, trace: { kind: 'any', result: result === true, children: children.map((x) => x.trace) } };
  }
  if ('not' in c) {
    const inner = evaluateCondition(c.not, facts);
    const result: Tri = inner.result === null ? null : !inner.result;
    return { result, trace: { kind: 'not', result: result === true, children: [inner.trace] } };
  }
  return evaluateLeaf(c, facts);
}

/** The leaves that made a fired condition true: every child of `all`, the true children of `any`. */
export function collectEvidence(trace: Trace): Evidence[] {
  if (trace.kind === 'leaf') {
    return trace.result ? [{ fact: trace.fact, description: trace.description, ...(trace.question ? { question: trace.question } : {}), actual: trace.actual, answers: trace.answers ?? [] }] : [];
  }
  if (trace.kind === 'not') return trace.result ? [{ fact: 'not', description: `not: ${describeTrace(trace.children[0]!)}`, actual: false, answers: [] }] : [];
  return trace.children.filter((t) => t.result).flatMap(collectEvidence);
}

export function describeTrace(trace: Trace): string {
  if (trace.kind === 'leaf') return trace.description;
  if (trace.kind === 'not') return `not (${describeTrace(trace.children[0]!)})`;
  return trace.children.map(describeTrace).join(trace.kind === 'all' ? ' and ' : ' or ');
}
