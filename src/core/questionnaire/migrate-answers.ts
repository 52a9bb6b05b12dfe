import type { Issue } from '../errors.ts';
import type { Assessment, NormalisedAnswer } from './answers-schema.ts';
import { checkAnswerValue } from './check-answer-value.ts';
import type { Questionnaire } from './questionnaire-schema.ts';

/** old id -> new ids; an id absent from the map keeps its name if the new version still has it. */
export function getMapping(to: Questionnaire, fromVersion: string): Record<string, string[] | null> | undefined {
  const m = to.migrations.find((x) => x.from === fromVersion);
  if (!m) return undefined;
  const out: Record<string, string[] | null> = {};
  for (const [oldId, target] of Object.entries(m.map)) out[oldId] = target === null ? null : Array.isArray(target) ? target : [target];
  return out;
}

/** `validate` checks every declared mapping against both versions. */
export function checkMigrations(to: Questionnaire, all: readonly Questionnaire[], file?: string): Issue[] {
  const issues: Issue[] = [];
  to.migrations.forEach((m, i) => {
    const from = all.find((q) => q.id === to.id && q.version === m.from);
    if (!from) { issues.push({ code: 'ERR_BROKEN_MAPPING', file, path: `migrations[${i}].from`, message: `version ${m.from} of "${to.id}" is not in the catalog` }); return; }
    const oldQs = new Map(from.questions.map((q) => [q.id, q]));
    const newQs = new Map(to.questions.map((q) => [q.id, q]));
    for (const [oldId, target] of Object.entries(m.map)) {
      const at = `migrations[${i}].map.${oldId}`;
      const old = oldQs.get(oldId);
      if (!old) { issues.push({ code: 'ERR_BROKEN_MAPPING', file, path: at, message: `question "${oldId}" does not exist in ${to.id}@${m.from}` }); continue; }
      if (target === null) continue;
      for (const newId of Array.isArray(target) ? target : [target]) {
        const neu = newQs.get(newId);
        if (!neu) issues.push({ code: 'ERR_BROKEN_MAPPING', file, path: at, message: `maps "${oldId}" to "${newId}", which does not exist in ${to.id}@${to.version}` });
        else if (neu.type !== old.type) issues.push({ code: 'ERR_BROKEN_MAPPING', file, path: at, message: `maps ${old.type} question "${oldId}" to ${neu.type} question "${newId}"; answers cannot carry over between types` });
      }
    }
    for (const old of from.questions) {
      if (!(old.id in m.map) && !newQs.has(old.id)) issues.push({ code: 'ERR_BROKEN_MAPPING', file, path: `migrations[${i}].map`, message: `question "${old.id}" of ${m.from} is neither kept nor mapped; map it to its new id(s) or to null if it was removed` });
    }
  });
  return issues;
}

export interface MigrationOutcome {
  assessment: Assessment;
  carried: number;
  dropped: Array<{ respondentId: string; question: string; reason: string }>;
}

/** Carries answers given to an older version to a newer one through the mapping the newer version declares. */
export function migrateAnswers(assessment: Assessment, from: Questionnaire, to: Questionnaire): MigrationOutcome {
  const mapping = getMapping(to, from.version) ?? {};
  const newQs = new Map(to.questions.map((q) => [q.id, q]));
  const dropped: MigrationOutcome['dropped'] = [];
  let carried = 0;
  const carry = (respondentId: string, oldId: string, answer: { value: NormalisedAnswer['value'] }): Array<[string, typeof answer]> => {
    const targets = oldId in mapping ? mapping[oldId] : newQs.has(oldId) ? [oldId] : null;
    if (!targets) { dropped.push({ respondentId, question: oldId, reason: 'removed in the new version' }); return []; }
    const out: Array<[string, typeof answer]> = [];
    for (const id of targets) {
      const checked = checkAnswerValue(newQs.get(id)!, to, answer.value);
      if (checked.ok) out.push([id, { ...answer, value: checked.value }]);
      else dropped.push({ respondentId, question: oldId, reason: `not valid for ${id}: ${checked.expected}` });
    }
    return out;
  };
  const respondents = assessment.respondents.map((r) => {
    const answers: Record<string, NormalisedAnswer> = {};
    for (const [oldId, a] of Object.entries(r.answers)) {
      for (const [id, moved] of carry(r.id, oldId, a)) {
        if (!newQs.get(id)!.roles.includes(r.role)) continue;
        answers[id] = moved as NormalisedAnswer;
        carried++;
      }
    }
    return { ...r, answers };
  });
  const consensus: Assessment['consensus'] = {};
  for (const [oldId, c] of Object.entries(assessment.consensus)) for (const [id, moved] of carry('consensus', oldId, c)) consensus[id] = moved as typeof c;
  return { assessment: { ...assessment, questionnaire: { id: to.id, version: to.version }, respondents, consensus }, carried, dropped };
}
