import { DONT_KNOW, NOT_APPLICABLE, type AnswerValue } from '../questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../questionnaire/questionnaire-schema.ts';

/** Piecewise-linear between the points, clamped beyond the first and last. */
export function interpolate(points: ReadonlyArray<{ at: number; score: number }>, x: number): number {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (x <= first.at) return first.score;
  if (x >= last.at) return last.score;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (x <= b.at) return b.at === a.at ? b.score : a.score + ((x - a.at) / (b.at - a.at)) * (b.score - a.score);
  }
  return last.score;
}

/** Normalised 0..1 health of one valid answer, or null when it carries no score (unknown, n/a, text). */
export function scoreAnswer(question: Question, questionnaire: Questionnaire, value: AnswerValue): number | null {
  if (value === DONT_KNOW || value === NOT_APPLICABLE) return null;
  switch (question.type) {
    case 'scale': {
      const levels = questionnaire.scales.find((s) => s.id === question.scale)?.levels ?? [];
      const level = levels.find((l) => l.value === value);
      if (!level) return null;
      if (level.score !== undefined) return level.score;
      const values = levels.map((l) => l.value);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      return hi === lo ? 1 : (level.value - lo) / (hi - lo);
    }
    case 'single':
      return question.options.find((o) => o.id === value)?.score ?? null;
    case 'multi': {
      if (!Array.isArray(value)) return null;
      const scores = value.map((id) => question.options.find((o) => o.id === id)?.score ?? 0);
      if (question.scoring === 'average') return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
      return Math.min(1, scores.reduce((a, b) => a + b, 0));
    }
    case 'yesno':
      return value === question.healthy ? 1 : 0;
    case 'number':
    case 'percent':
      return typeof value === 'number' ? interpolate(question.scoring, value) : null;
    case 'text':
      return null;
  }
}
