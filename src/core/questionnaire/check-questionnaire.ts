import type { Issue } from '../errors.ts';
import type { Condition } from './condition-schema.ts';
import type { Question, Questionnaire } from './questionnaire-schema.ts';
import { checkAnswerValue } from './check-answer-value.ts';

export const EXECUTIVE_MINUTES_LIMIT = 15;

function duplicates<T>(items: readonly T[], key: (t: T) => string): Array<{ index: number; id: string }> {
  const seen = new Set<string>();
  const out: Array<{ index: number; id: string }> = [];
  items.forEach((item, index) => {
    const id = key(item);
    if (seen.has(id)) out.push({ index, id });
    seen.add(id);
  });
  return out;
}

/** Checks a question-leaf's value against the question it names; shared by showIf and finding rules. */
export function checkLeafValue(q: Question, questionnaire: Questionnaire, op: string, value: unknown): string | undefined {
  if (['unknown', 'notApplicable', 'answered'].includes(op)) return undefined;
  if (value === undefined) return `operator "${op}" needs a value`;
  if (q.type === 'text') return `question "${q.id}" is free text and cannot be compared`;
  const values = Array.isArray(value) ? value : [value];
  if ((op === 'in' || op === 'notIn') && !Array.isArray(value)) return `operator "${op}" needs a list of values`;
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && !['scale', 'number', 'percent'].includes(q.type)) return `operator "${op}" compares numbers, but question "${q.id}" is ${q.type}`;
  if ((op === 'includes' || op === 'excludes') && q.type !== 'multi') return `operator "${op}" applies to multiple-choice questions, but question "${q.id}" is ${q.type}`;
  if (q.type === 'multi' && (op === 'includes' || op === 'excludes')) {
    return q.options.some((o) => o.id === value) ? undefined : `question "${q.id}" has no option "${String(value)}" (options: ${q.options.map((o) => o.id).join(', ')})`;
  }
  if (['gt', 'gte', 'lt', 'lte'].includes(op)) return typeof value === 'number' ? undefined : `operator "${op}" needs a number, received ${JSON.stringify(value)}`;
  for (const v of values) {
    const checked = checkAnswerValue(q, questionnaire, q.type === 'multi' && !Array.isArray(v) ? [v as string] : (v as never));
    if (!checked.ok) return `value for question "${q.id}": ${checked.expected}`;
  }
  return undefined;
}

/** Walks a condition tree, calling `visit` with each leaf and its path. */
export function walkCondition(c: Condition, path: string, visit: (leaf: Condition, path: string) => void): void {
  if ('all' in c) c.all.forEach((x, i) => walkCondition(x, `${path}.all[${i}]`, visit));
  else if ('any' in c) c.any.forEach((x, i) => walkCondition(x, `${path}.any[${i}]`, visit));
  else if ('not' in c) walkCondition(c.not, `${path}.not`, visit);
  else visit(c, path);
}

/** Cross-reference checks the schema cannot express: ids, references, conditions, the executive path. */
export function checkQuestionnaire(q: Questionnaire, file?: string): Issue[] {
  const issues: Issue[] = [];
  const push = (code: Issue['code'], path: string, message: string) => issues.push({ code, file, path, message });
  for (const d of duplicates(q.dimensions, (d) => d.id)) push('ERR_DUPLICATE_ID', `dimensions[${d.index}].id`, `dimension id "${d.id}" is used twice`);
  for (const d of duplicates(q.questions, (x) => x.id)) push('ERR_DUPLICATE_ID', `questions[${d.index}].id`, `question id "${d.id}" is used twice`);
  for (const d of duplicates(q.scales, (x) => x.id)) push('ERR_DUPLICATE_ID', `scales[${d.index}].id`, `scale id "${d.id}" is used twice`);
  q.scales.forEach((s, i) => {
    for (const d of duplicates(s.levels, (l) => String(l.value))) push('ERR_DUPLICATE_ID', `scales[${i}].levels[${d.index}].value`, `scale "${s.id}" has level ${d.id} twice`);
  });
  const dims = new Set(q.dimensions.map((d) => d.id));
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  q.questions.forEach((question, i) => {
    const at = `questions[${i}]`;
    if (!dims.has(question.dimension)) push('ERR_UNKNOWN_REFERENCE', `${at}.dimension`, `question "${question.id}" names dimension "${question.dimension}", which does not exist (dimensions: ${[...dims].join(', ')})`);
    if (question.type === 'scale' && !q.scales.some((s) => s.id === question.scale)) push('ERR_UNKNOWN_REFERENCE', `${at}.scale`, `question "${question.id}" uses scale "${question.scale}", which is not defined in scales (defined: ${q.scales.map((s) => s.id).join(', ') || 'none'})`);
    if (question.type === 'single' || question.type === 'multi') {
      for (const d of duplicates(question.options, (o) => o.id)) push('ERR_DUPLICATE_ID', `${at}.options[${d.index}].id`, `question "${question.id}" has option "${d.id}" twice`);
    }
    if (question.type === 'number' && question.min >= question.max) push('ERR_SCHEMA', `${at}.min`, `question "${question.id}": min (${question.min}) must be below max (${question.max})`);
    if (question.showIf) {
      walkCondition(question.showIf, `${at}.showIf`, (leaf, path) => {
        if (!('question' in leaf)) { push('ERR_SCHEMA', path, 'showIf can only test answers to other questions ("question" leaves)'); return; }
        const target = byId.get(leaf.question);
        if (!target) { push('ERR_UNKNOWN_REFERENCE', `${path}.question`, `showIf names question "${leaf.question}", which does not exist`); return; }
        if (target.id === question.id) { push('ERR_UNKNOWN_REFERENCE', `${path}.question`, `question "${question.id}" cannot depend on itself`); return; }
        const problem = checkLeafValue(target, q, leaf.op, leaf.value);
        if (problem) push('ERR_UNKNOWN_REFERENCE', path, problem);
      });
    }
  });
  const execCount = q.questions.filter((x) => x.roles.includes('executive')).length;
  const execMinutes = q.minutesPerRole.executive;
  if (execCount > 0 && execMinutes === undefined) push('ERR_SCHEMA', 'minutesPerRole.executive', `${execCount} questions are asked of executives, but no estimate is given`);
  if (execMinutes !== undefined && execMinutes > EXECUTIVE_MINUTES_LIMIT) push('ERR_EXECUTIVE_PATH_TOO_LONG', 'minutesPerRole.executive', `the executive path is estimated at ${execMinutes} minutes; it must take at most ${EXECUTIVE_MINUTES_LIMIT}`);
  return issues;
}
