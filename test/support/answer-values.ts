import type { Question, Questionnaire } from '../../src/core/questionnaire/questionnaire-schema.ts';

/** A value for a question: `health` 1 = the healthiest answer, 0 = the sickest (free text gets `text`). */
export function valueFor(q: Questionnaire, x: Question, health: 0 | 1, text = 'It is slow'): unknown {
  const healthy = health === 1;
  if (x.type === 'scale') { const l = q.scales.find((s) => s.id === x.scale)!.levels; return (healthy ? l[l.length - 1] : l[0])!.value; }
  if (x.type === 'single') return [...x.options].sort((a, b) => (healthy ? b.score - a.score : a.score - b.score))[0]!.id;
  if (x.type === 'multi') return [[...x.options].sort((a, b) => (healthy ? b.score - a.score : a.score - b.score))[0]!.id];
  if (x.type === 'yesno') return healthy ? x.healthy : x.healthy === 'yes' ? 'no' : 'yes';
  if (x.type === 'number') return healthy ? x.max : x.min;
  if (x.type === 'percent') return healthy ? 100 : 0;
  return text;
}
