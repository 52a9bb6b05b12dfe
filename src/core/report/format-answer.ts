import type { Locale } from '../localized.ts';
import { DONT_KNOW, NOT_APPLICABLE } from '../questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { getString, type ReportStrings } from './report-strings.ts';

/** One decimal for scores and gaps: a report that says 62.4 must not say 62.43 elsewhere. */
export function formatNumber(n: number, digits = 1): string {
  const f = 10 ** digits;
  return String(Math.round(n * f) / f);
}

export function formatScore(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : (Math.round(n * 10) / 10).toFixed(1);
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * An answer as a reader sees it: the scale level with its label, the option's label, yes/no in the
 * report's language, the number with its unit. Values the question does not know (a median between
 * two levels, an option since removed) are shown as they are rather than hidden.
 */
export function formatAnswer(value: unknown, question: Question | undefined, questionnaire: Questionnaire, locale: Locale, strings: ReportStrings): string {
  if (value === null || value === undefined) return '—';
  if (value === DONT_KNOW) return getString(strings, 'answers.dontKnow');
  if (value === NOT_APPLICABLE) return getString(strings, 'answers.notApplicable');
  if (!question) return Array.isArray(value) ? value.join(', ') : String(value);
  switch (question.type) {
    case 'scale': {
      const level = questionnaire.scales.find((s) => s.id === question.scale)?.levels.find((l) => l.value === value);
      return level ? `${level.value} — ${level.label[locale]}` : typeof value === 'number' ? formatNumber(value) : String(value);
    }
    case 'single':
      return question.options.find((o) => o.id === value)?.label[locale] ?? String(value);
    case 'multi': {
      if (!Array.isArray(value)) return String(value);
      if (value.length === 0) return getString(strings, 'answers.noneChosen');
      return value.map((id) => question.options.find((o) => o.id === id)?.label[locale] ?? String(id)).join('; ');
    }
    case 'yesno':
      return value === 'yes' || value === true ? getString(strings, 'answers.yes') : value === 'no' || value === false ? getString(strings, 'answers.no') : String(value);
    case 'number':
      return typeof value === 'number' ? `${formatNumber(value, 2)} ${question.unit[locale]}` : String(value);
    case 'percent':
      return typeof value === 'number' ? `${formatNumber(value, 1)}%` : String(value);
    case 'text':
      return String(value);
  }
}
