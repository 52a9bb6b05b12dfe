import { z } from 'zod';
import { LocalizedSchema } from '../../../core/localized.ts';
import type { NormalisedAnswer } from '../../../core/questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import { isShown } from '../../../core/questionnaire/visible-questions.ts';
import type { Role } from '../../../core/roles.ts';

/** The questionnaire as one respondent sees it: their role's questions, section by section (one per dimension). */
export const QuestionViewSchema = z.object({
  id: z.string(),
  type: z.enum(['scale', 'single', 'multi', 'yesno', 'number', 'percent', 'text']),
  text: LocalizedSchema,
  help: LocalizedSchema,
  levels: z.array(z.object({ value: z.number(), label: LocalizedSchema })).optional(),
  options: z.array(z.object({ id: z.string(), label: LocalizedSchema })).optional(),
  unit: LocalizedSchema.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  allowUnknown: z.boolean(),
  allowNotApplicable: z.boolean(),
  conditional: z.boolean(),
  highImpact: z.boolean(),
});
export const SectionSchema = z.object({ id: z.string(), title: LocalizedSchema, description: LocalizedSchema, questions: z.array(QuestionViewSchema) });
export type QuestionView = z.infer<typeof QuestionViewSchema>;
export type Section = z.infer<typeof SectionSchema>;

function toView(q: Question, questionnaire: Questionnaire): QuestionView {
  const base = { id: q.id, type: q.type, text: q.text, help: q.help, allowUnknown: q.type !== 'text' && q.allowUnknown, allowNotApplicable: q.type !== 'text' && q.allowNotApplicable, conditional: Boolean(q.showIf), highImpact: q.highImpact };
  switch (q.type) {
    case 'scale':
      return { ...base, levels: (questionnaire.scales.find((s) => s.id === q.scale)?.levels ?? []).map((l) => ({ value: l.value, label: l.label })) };
    case 'single':
    case 'multi':
      return { ...base, options: q.options.map((o) => ({ id: o.id, label: o.label })) };
    case 'number':
      return { ...base, unit: q.unit, min: q.min, max: q.max };
    case 'percent':
      return { ...base, min: 0, max: 100 };
    default:
      return base;
  }
}

const sectionCache = new WeakMap<Questionnaire, Map<Role, Section[]>>();

/** Sections for a role, in questionnaire order; cached per questionnaire object (the catalog is loaded once). */
export function sectionsFor(questionnaire: Questionnaire, role: Role): Section[] {
  let byRole = sectionCache.get(questionnaire);
  if (!byRole) sectionCache.set(questionnaire, (byRole = new Map()));
  const cached = byRole.get(role);
  if (cached) return cached;
  const sections = [...questionnaire.dimensions].sort((a, b) => a.order - b.order).map((d) => ({
    id: d.id, title: d.title, description: d.description,
    questions: questionnaire.questions.filter((q) => q.dimension === d.id && q.roles.includes(role)).sort((a, b) => a.order - b.order).map((q) => toView(q, questionnaire)),
  })).filter((s) => s.questions.length > 0);
  byRole.set(role, sections);
  return sections;
}

const orderCache = new WeakMap<Questionnaire, Map<Role, Question[]>>();

/** The role's questions in the core's visibleQuestions order (a test holds them equal), computed once: autosave asks on every save. */
function roleQuestions(questionnaire: Questionnaire, role: Role): Question[] {
  let byRole = orderCache.get(questionnaire);
  if (!byRole) orderCache.set(questionnaire, (byRole = new Map()));
  let list = byRole.get(role);
  if (!list) byRole.set(role, (list = orderedForRole(questionnaire, role)));
  return list;
}
function orderedForRole(questionnaire: Questionnaire, role: Role): Question[] {
  const dimOrder = new Map(questionnaire.dimensions.map((d) => [d.id, d.order]));
  return questionnaire.questions.filter((q) => q.roles.includes(role)).sort((a, b) => (dimOrder.get(a.dimension)! - dimOrder.get(b.dimension)!) || a.order - b.order);
}

/** Which questions this person sees now (the core's isShown on their own answers), and how many they have answered. */
export function progressOf(questionnaire: Questionnaire, role: Role, answers: Record<string, NormalisedAnswer>): { visible: string[]; answered: number; total: number } {
  const visible = roleQuestions(questionnaire, role).filter((q) => isShown(q.showIf, answers)).map((q) => q.id);
  return { visible, answered: visible.filter((id) => id in answers).length, total: visible.length };
}
