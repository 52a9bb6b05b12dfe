import type { Localized } from '../localized.ts';
import type { Assessment } from '../questionnaire/answers-schema.ts';
import { getMapping, migrateAnswers } from '../questionnaire/migrate-answers.ts';
import type { Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { OWNER_LABELS } from '../roles.ts';
import type { Finding, ScoreResult } from '../scoring/result-types.ts';
import type { Band, RuleSet, Severity } from '../scoring/rule-set-schema.ts';
import { scoreAssessment } from '../scoring/score-assessment.ts';
import { round } from '../stats.ts';

/** What the consultant recorded about an action of the earlier plan, between the two assessments. */
export const ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ComparedSide {
  assessment: Assessment;
  questionnaire: Questionnaire;
  rules: RuleSet;
  result: ScoreResult;
}

export interface FindingChange {
  id: string;
  title: Localized;
  dimension: Localized;
  severityBefore: Severity | null;
  severityAfter: Severity | null;
}

export interface Comparison {
  previous: { title: string | null; date: string | null; questionnaire: { id: string; version: string } };
  current: { title: string | null; date: string | null; questionnaire: { id: string; version: string } };
  /**
   * How the earlier answers were put beside the new ones. `same-version`: as they are;
   * `mapping`: carried through the mapping the newer version declares; `same-ids`: the newer
   * version declares no mapping from the earlier one, so only questions that kept their id carry.
   */
  questions: {
    basis: 'same-version' | 'mapping' | 'same-ids';
    /** Scored questions of the earlier version, and how many of them have a counterpart in the newer one. */
    previousTotal: number;
    carried: number;
    renamed: number;
    split: number;
    removed: number;
    /** Scored questions of the newer version with an answer in both assessments: the ones actually compared. */
    compared: number;
    currentTotal: number;
    /** The largest moves, in points (0-100), largest first. */
    changes: Array<{ id: string; text: Localized; dimension: string; before: number; after: number; delta: number }>;
  };
  overall: { before: number | null; after: number | null; delta: number | null; bandBefore: Band | null; bandAfter: Band | null };
  dimensions: Array<{ id: string; title: Localized; before: number | null; after: number | null; delta: number | null }>;
  findings: { closed: FindingChange[]; opened: FindingChange[]; changed: FindingChange[]; unchanged: number };
  actions: Array<{ id: string; title: Localized; phase: number; owner: Localized; status: ActionStatus; note: string | null; updatedAt: string | null; stillPlanned: boolean }>;
  actionCounts: Record<ActionStatus, number>;
}

export interface RecordedActionStatus {
  status: ActionStatus;
  note?: string | null;
  updatedAt?: string | null;
}

const QUESTION_CHANGES = 10;
const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : round(b - a, 1));

/**
 * Two assessments of the same client -> what changed. When the follow-up uses a newer
 * questionnaire version, the earlier answers are carried to it through the mapping that version
 * declares and scored again with today's rules, so every dimension and finding compares like with
 * like. The severity before is the one the earlier report printed, so a rule set that re-rated a
 * finding shows up as a changed severity rather than disappearing.
 */
export function compareAssessments(previous: ComparedSide, current: ComparedSide, statuses: Readonly<Record<string, RecordedActionStatus>> = {}): Comparison {
  const sameVersion = previous.questionnaire.id === current.questionnaire.id && previous.questionnaire.version === current.questionnaire.version;
  const mapping = sameVersion ? undefined : getMapping(current.questionnaire, previous.questionnaire.version);
  const before = sameVersion
    ? previous.result
    : scoreAssessment(migrateAnswers(previous.assessment, previous.questionnaire, current.questionnaire).assessment, current.questionnaire, current.rules);
  const after = current.result;

  // Which earlier questions have a counterpart in the newer version.
  const scoredOld = previous.questionnaire.questions.filter((q) => q.type !== 'text');
  const newIds = new Set(current.questionnaire.questions.map((q) => q.id));
  let carried = 0, renamed = 0, split = 0, removed = 0;
  for (const q of scoredOld) {
    const target = mapping && q.id in mapping ? mapping[q.id] : newIds.has(q.id) ? [q.id] : null;
    if (!target || target.length === 0) { removed++; continue; }
    carried++;
    if (target.length > 1) split++;
    else if (target[0] !== q.id) renamed++;
  }
  const oldAgg = new Map(before.questions.map((q) => [q.question, q]));
  const texts = new Map(current.questionnaire.questions.map((q) => [q.id, q]));
  const changes: Comparison['questions']['changes'] = [];
  let compared = 0;
  for (const now of after.questions) {
    const then = oldAgg.get(now.question);
    if (!texts.has(now.question) || texts.get(now.question)!.type === 'text' || now.score === null || !then || then.score === null) continue;
    compared++;
    const d = round((now.score - then.score) * 100, 1);
    if (d !== 0) changes.push({ id: now.question, text: texts.get(now.question)!.text, dimension: now.dimension, before: round(then.score * 100, 1), after: round(now.score * 100, 1), delta: d });
  }
  changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.id < b.id ? -1 : 1));

  const dimensionTitle = new Map(current.questionnaire.dimensions.map((d) => [d.id, d.title]));
  const beforeDims = new Map(before.dimensions.map((d) => [d.id, d]));
  const dimensions = after.dimensions.map((d) => {
    const b = beforeDims.get(d.id)?.score ?? null;
    return { id: d.id, title: d.title, before: b, after: d.score, delta: delta(b, d.score) };
  });

  const reported = new Map(previous.result.findings.map((f) => [f.id, f]));
  const then = new Map(before.findings.map((f) => [f.id, f]));
  const now = new Map(after.findings.map((f) => [f.id, f]));
  const change = (f: Finding, b: Finding | undefined, a: Finding | undefined): FindingChange => ({
    id: f.id, title: f.title, dimension: dimensionTitle.get(f.dimension) ?? { en: f.dimension, 'zh-CN': f.dimension },
    severityBefore: b ? (reported.get(b.id)?.severity ?? b.severity) : null, severityAfter: a?.severity ?? null,
  });
  const closed = [...then.values()].filter((f) => !now.has(f.id)).map((f) => change(f, f, undefined));
  const opened = [...now.values()].filter((f) => !then.has(f.id)).map((f) => change(f, undefined, f));
  const both = [...now.values()].filter((f) => then.has(f.id)).map((f) => change(f, then.get(f.id), f));
  const changed = both.filter((c) => c.severityBefore !== c.severityAfter);

  const stillPlanned = new Set(after.plan.actions.map((a) => a.id));
  const actions = previous.result.plan.actions.map((a) => {
    const s = statuses[a.id];
    return { id: a.id, title: a.title, phase: a.phase, owner: OWNER_LABELS[a.owner], status: s?.status ?? 'not-started', note: s?.note ?? null, updatedAt: s?.updatedAt ?? null, stillPlanned: stillPlanned.has(a.id) };
  });
  const actionCounts: Record<ActionStatus, number> = { 'not-started': 0, 'in-progress': 0, done: 0, dropped: 0 };
  for (const a of actions) actionCounts[a.status]++;

  const side = (r: ScoreResult) => ({ title: r.title ?? null, date: r.date ?? null, questionnaire: r.questionnaire });
  return {
    previous: side(previous.result),
    current: side(after),
    questions: {
      basis: sameVersion ? 'same-version' : mapping ? 'mapping' : 'same-ids',
      previousTotal: scoredOld.length, carried, renamed, split, removed, compared,
      currentTotal: current.questionnaire.questions.filter((q) => q.type !== 'text').length,
      changes: changes.slice(0, QUESTION_CHANGES),
    },
    overall: { before: before.overall.index, after: after.overall.index, delta: delta(before.overall.index, after.overall.index), bandBefore: before.overall.band, bandAfter: after.overall.band },
    dimensions,
    findings: { closed, opened, changed, unchanged: both.length - changed.length },
    actions,
    actionCounts,
  };
}
