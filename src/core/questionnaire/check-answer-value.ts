import { DONT_KNOW, NOT_APPLICABLE, type AnswerValue } from './answers-schema.ts';
import type { Question, Questionnaire } from './questionnaire-schema.ts';

export type CheckedValue = { ok: true; value: AnswerValue } | { ok: false; expected: string };

function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Describes what a question accepts, for messages and the blank template. */
export function describeExpected(question: Question, questionnaire: Questionnaire): string {
  const extras = [question.allowUnknown ? `"${DONT_KNOW}"` : '', question.allowNotApplicable ? `"${NOT_APPLICABLE}"` : ''].filter(Boolean);
  const tail = extras.length ? `, or ${extras.join(' or ')}` : '';
  const oneOf = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items.join(''));
  switch (question.type) {
    case 'scale': {
      const scale = questionnaire.scales.find((s) => s.id === question.scale);
      const values = scale ? scale.levels.map((l) => l.value) : [];
      return `one of the scale levels ${values.join(', ')}${tail}`;
    }
    case 'single':
      return `one of ${oneOf([...question.options.map((o) => `"${o.id}"`), ...extras])}`;
    case 'multi':
      return `a list of ${question.options.map((o) => `"${o.id}"`).join(', ')}${tail}`;
    case 'yesno':
      return `"yes" or "no"${tail}`;
    case 'number':
      return `a number from ${question.min} to ${question.max} (${question.unit.en})${tail}`;
    case 'percent':
      return `a percentage from 0 to 100${tail}`;
    case 'text':
      return 'free text';
  }
}

/** Checks one raw answer against its question; yes/no also accepts YAML booleans. */
export function checkAnswerValue(question: Question, questionnaire: Questionnaire, raw: AnswerValue): CheckedValue {
  const fail = (): CheckedValue => ({ ok: false, expected: `received ${show(raw)}, expected ${describeExpected(question, questionnaire)}` });
  if (raw === DONT_KNOW && question.type !== 'text') return question.allowUnknown ? { ok: true, value: raw } : { ok: false, expected: `"don't know" is not offered for this question; expected ${describeExpected(question, questionnaire)}` };
  if (raw === NOT_APPLICABLE && question.type !== 'text') return question.allowNotApplicable ? { ok: true, value: raw } : { ok: false, expected: `"not applicable" is not offered for this question; expected ${describeExpected(question, questionnaire)}` };
  switch (question.type) {
    case 'scale': {
      const scale = questionnaire.scales.find((s) => s.id === question.scale);
      return typeof raw === 'number' && scale?.levels.some((l) => l.value === raw) ? { ok: true, value: raw } : fail();
    }
    case 'single':
      return typeof raw === 'string' && question.options.some((o) => o.id === raw) ? { ok: true, value: raw } : fail();
    case 'multi': {
      if (!Array.isArray(raw)) return fail();
      const ids = new Set(question.options.map((o) => o.id));
      if (!raw.every((v) => ids.has(v))) return fail();
      return { ok: true, value: [...new Set(raw)] };
    }
    case 'yesno':
      if (raw === true || raw === 'yes') return { ok: true, value: 'yes' };
      if (raw === false || raw === 'no') return { ok: true, value: 'no' };
      return fail();
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) && raw >= question.min && raw <= question.max ? { ok: true, value: raw } : fail();
    case 'percent':
      return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= 100 ? { ok: true, value: raw } : fail();
    case 'text':
      return typeof raw === 'string' ? { ok: true, value: raw } : fail();
  }
}
