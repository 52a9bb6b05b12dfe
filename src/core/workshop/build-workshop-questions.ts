import type { Localized } from '../localized.ts';
import { DONT_KNOW, NOT_APPLICABLE, type AnswerValue, type Assessment } from '../questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { ROLES, type Role } from '../roles.ts';
import { askedOf } from '../scoring/aggregate-answers.ts';
import type { ScoreResult } from '../scoring/result-types.ts';
import { round } from '../stats.ts';

/** One bar of a distribution: how many people gave this answer (multi: chose this option). */
export interface WorkshopBucket {
  key: string;
  label: Localized;
  count: number;
}

/** What the consultant can record as the room's answer. */
export interface WorkshopChoice {
  value: AnswerValue;
  label: Localized;
}

export interface WorkshopQuestion {
  id: string;
  number: number;
  dimension: string;
  dimensionTitle: Localized;
  type: Exclude<Question['type'], 'text'>;
  text: Localized;
  help: Localized;
  choices: WorkshopChoice[];
  /** number and percent questions: the range a typed answer must fall in. */
  range: { min: number; max: number; unit: Localized | null } | null;
  allowUnknown: boolean;
  allowNotApplicable: boolean;
  asked: number;
  answered: number;
  distribution: WorkshopBucket[];
  /** Only role groups with at least `anonymityMinimum` answers to this very question. */
  groups: Array<{ role: Role; answered: number; distribution: WorkshopBucket[] }>;
  /** The value the scorer uses now (the agreed answer where there is one), 0-100. */
  score: number | null;
  source: 'consensus' | 'aggregate' | 'none';
  spread: { min: number; max: number; iqr: number } | null;
  consensus: { value: AnswerValue; dissent: string | null } | null;
}

const DONT_KNOW_LABEL: Localized = { en: "Don't know", 'zh-CN': '不知道' };
const NOT_APPLICABLE_LABEL: Localized = { en: 'Not applicable', 'zh-CN': '不适用' };
const YES: Localized = { en: 'Yes', 'zh-CN': '是' };
const NO: Localized = { en: 'No', 'zh-CN': '否' };
const BINS = 5;

function choicesOf(q: Question, questionnaire: Questionnaire): WorkshopChoice[] {
  switch (q.type) {
    case 'scale':
      return (questionnaire.scales.find((s) => s.id === q.scale)?.levels ?? []).map((l) => ({ value: l.value, label: { en: `${l.value} — ${l.label.en}`, 'zh-CN': `${l.value} — ${l.label['zh-CN']}` } }));
    case 'single':
    case 'multi':
      return q.options.map((o) => ({ value: o.id, label: o.label }));
    case 'yesno':
      return [{ value: 'yes', label: YES }, { value: 'no', label: NO }];
    default:
      return [];
  }
}

/** Equal-width bins over the question's range, e.g. 0–20 … 80–100 for a percentage. */
function binsOf(min: number, max: number): Array<{ from: number; to: number; label: Localized }> {
  const width = (max - min) / BINS;
  return Array.from({ length: BINS }, (_, i) => {
    const from = round(min + i * width, 2);
    const to = round(i === BINS - 1 ? max : min + (i + 1) * width, 2);
    return { from, to, label: { en: `${from}–${to}`, 'zh-CN': `${from}–${to}` } };
  });
}

function distributionOf(q: Question, questionnaire: Questionnaire, values: readonly AnswerValue[]): WorkshopBucket[] {
  const buckets: WorkshopBucket[] = [];
  if (q.type === 'number' || q.type === 'percent') {
    const [min, max] = q.type === 'number' ? [q.min, q.max] : [0, 100];
    const bins = binsOf(min, max);
    for (const [i, b] of bins.entries()) {
      buckets.push({ key: `${b.from}-${b.to}`, label: b.label, count: values.filter((v) => typeof v === 'number' && v >= b.from && (v < b.to || (i === bins.length - 1 && v <= b.to))).length });
    }
  } else if (q.type === 'multi') {
    for (const c of choicesOf(q, questionnaire)) buckets.push({ key: String(c.value), label: c.label, count: values.filter((v) => Array.isArray(v) && v.includes(String(c.value))).length });
  } else {
    for (const c of choicesOf(q, questionnaire)) buckets.push({ key: String(c.value), label: c.label, count: values.filter((v) => v === c.value || (q.type === 'yesno' && String(v) === c.value)).length });
  }
  const unknown = values.filter((v) => v === DONT_KNOW).length;
  const na = values.filter((v) => v === NOT_APPLICABLE).length;
  if (q.type !== 'text' && (q.allowUnknown || unknown)) buckets.push({ key: DONT_KNOW, label: DONT_KNOW_LABEL, count: unknown });
  if (q.type !== 'text' && (q.allowNotApplicable || na)) buckets.push({ key: NOT_APPLICABLE, label: NOT_APPLICABLE_LABEL, count: na });
  return buckets;
}

/**
 * The questions a workshop walks through, one by one, with the anonymous distribution of the
 * answers: everyone together, and a role group on its own only when at least the anonymity
 * minimum of its members answered that question (a group of three where one person was asked
 * would otherwise show that person's answer). Free-text questions have no answer to agree on and
 * are left out; so are questions nobody was asked.
 */
export function buildWorkshopQuestions(assessment: Assessment, questionnaire: Questionnaire, result: ScoreResult): WorkshopQuestion[] {
  const minimum = result.anonymityMinimum;
  const aggregates = new Map(result.questions.map((a) => [a.question, a]));
  const dimensions = [...questionnaire.dimensions].sort((a, b) => a.order - b.order);
  const ordered = dimensions.flatMap((d) => questionnaire.questions.filter((q) => q.dimension === d.id).sort((a, b) => a.order - b.order));
  const out: WorkshopQuestion[] = [];
  for (const q of ordered) {
    if (q.type === 'text') continue;
    const asked = askedOf(q, assessment.respondents);
    const agreed = assessment.consensus[q.id];
    if (asked.length === 0 && !agreed) continue;
    const given = asked.flatMap((r) => (r.answers[q.id] ? [{ role: r.role, value: r.answers[q.id]!.value }] : []));
    const groups = ROLES.map((role) => ({ role, values: given.filter((g) => g.role === role).map((g) => g.value) }))
      .filter((g) => g.values.length >= minimum)
      .map((g) => ({ role: g.role, answered: g.values.length, distribution: distributionOf(q, questionnaire, g.values) }));
    const agg = aggregates.get(q.id);
    out.push({
      id: q.id,
      number: out.length + 1,
      dimension: q.dimension,
      dimensionTitle: dimensions.find((d) => d.id === q.dimension)!.title,
      type: q.type,
      text: q.text,
      help: q.help,
      choices: choicesOf(q, questionnaire),
      range: q.type === 'number' ? { min: q.min, max: q.max, unit: q.unit } : q.type === 'percent' ? { min: 0, max: 100, unit: null } : null,
      allowUnknown: q.allowUnknown,
      allowNotApplicable: q.allowNotApplicable,
      asked: asked.length,
      answered: given.length,
      distribution: distributionOf(q, questionnaire, given.map((g) => g.value)),
      groups,
      score: agg?.score === null || agg?.score === undefined ? null : round(agg.score * 100, 1),
      source: agg?.source ?? 'none',
      spread: agg?.spread ? { min: round(agg.spread.min, 1), max: round(agg.spread.max, 1), iqr: round(agg.spread.iqr, 1) } : null,
      consensus: agreed ? { value: agreed.value, dissent: agreed.dissent ?? null } : null,
    });
  }
  return out;
}
