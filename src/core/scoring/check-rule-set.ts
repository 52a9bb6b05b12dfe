import semver from 'semver';
import type { Issue } from '../errors.ts';
import { checkLeafValue, walkCondition } from '../questionnaire/check-questionnaire.ts';
import type { Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import type { RuleSet } from './rule-set-schema.ts';

/**
 * Checks a rule set against every questionnaire version its range covers: references to questions,
 * options, dimensions and actions, and that action dependencies never point to a later phase.
 */
export function checkRuleSet(rules: RuleSet, questionnaires: readonly Questionnaire[], file?: string): Issue[] {
  const issues: Issue[] = [];
  const push = (code: Issue['code'], path: string, message: string) => issues.push({ code, file, path, message });
  if (!semver.validRange(rules.questionnaire.versions)) {
    push('ERR_VERSION_RANGE', 'questionnaire.versions', `"${rules.questionnaire.versions}" is not a semver range (e.g. ^1.0.0)`);
    return issues;
  }
  const targets = questionnaires.filter((q) => q.id === rules.questionnaire.id && semver.satisfies(q.version, rules.questionnaire.versions));
  if (targets.length === 0) {
    const known = questionnaires.filter((q) => q.id === rules.questionnaire.id).map((q) => q.version);
    push('ERR_VERSION_RANGE', 'questionnaire.versions', `range "${rules.questionnaire.versions}" matches no version of questionnaire "${rules.questionnaire.id}" (found: ${known.join(', ') || 'none'})`);
  }
  const b = rules.bands;
  if (!(b.elevated < b.moderate && b.moderate < b.ready)) push('ERR_SCHEMA', 'bands', `band thresholds must rise: elevated (${b.elevated}) < moderate (${b.moderate}) < ready (${b.ready})`);

  const actionIds = new Map(rules.actions.map((a) => [a.id, a]));
  const seenActions = new Set<string>();
  rules.actions.forEach((a, i) => {
    if (seenActions.has(a.id)) push('ERR_DUPLICATE_ID', `actions[${i}].id`, `action id "${a.id}" is used twice`);
    seenActions.add(a.id);
    a.dependsOn.forEach((dep, j) => {
      const target = actionIds.get(dep);
      if (!target) push('ERR_UNKNOWN_REFERENCE', `actions[${i}].dependsOn[${j}]`, `action "${a.id}" depends on "${dep}", which does not exist`);
      else if (target.phase > a.phase) push('ERR_UNKNOWN_REFERENCE', `actions[${i}].dependsOn[${j}]`, `action "${a.id}" (phase ${a.phase}) depends on "${dep}" from the later phase ${target.phase}`);
    });
  });
  const checkActions = (list: readonly string[], at: string) => list.forEach((id, j) => {
    if (!actionIds.has(id)) push('ERR_UNKNOWN_REFERENCE', `${at}[${j}]`, `action "${id}" does not exist`);
  });
  checkActions(rules.blindSpot.actions, 'blindSpot.actions');
  checkActions(rules.perceptionGap.actions, 'perceptionGap.actions');

  const seenFindings = new Set<string>();
  for (const q of targets) {
    const tag = targets.length > 1 ? ` (in ${q.id}@${q.version})` : '';
    const dims = new Set(q.dimensions.map((d) => d.id));
    const questions = new Map(q.questions.map((x) => [x.id, x]));
    const checkDim = (id: string, at: string) => { if (!dims.has(id)) push('ERR_UNKNOWN_REFERENCE', at, `dimension "${id}" does not exist${tag}`); };
    rules.weakDimension.forEach((w, i) => { checkDim(w.dimension, `weakDimension[${i}].dimension`); checkActions(w.actions, `weakDimension[${i}].actions`); });
    rules.findings.forEach((f, i) => {
      const at = `findings[${i}]`;
      checkDim(f.dimension, `${at}.dimension`);
      walkCondition(f.when, `${at}.when`, (leaf, path) => {
        if ('question' in leaf) {
          const target = questions.get(leaf.question);
          if (!target) { push('ERR_UNKNOWN_REFERENCE', `${path}.question`, `question "${leaf.question}" does not exist${tag}`); return; }
          const problem = checkLeafValue(target, q, leaf.op, leaf.value);
          if (problem) push('ERR_UNKNOWN_REFERENCE', path, problem + tag);
        } else if ('dimension' in leaf) checkDim(leaf.dimension, `${path}.dimension`);
        else if ('unknownCount' in leaf) { if (leaf.unknownCount !== '*') checkDim(leaf.unknownCount, `${path}.unknownCount`); }
        else if ('gap' in leaf && 'dimension' in leaf.gap) checkDim(leaf.gap.dimension, `${path}.gap.dimension`);
        else if ('gap' in leaf && 'question' in leaf.gap && !questions.has(leaf.gap.question)) push('ERR_UNKNOWN_REFERENCE', `${path}.gap.question`, `question "${(leaf as { gap: { question: string } }).gap.question}" does not exist${tag}`);
      });
    });
  }
  rules.findings.forEach((f, i) => {
    if (seenFindings.has(f.id)) push('ERR_DUPLICATE_ID', `findings[${i}].id`, `finding id "${f.id}" is used twice`);
    seenFindings.add(f.id);
    checkActions(f.actions, `findings[${i}].actions`);
  });
  return issues;
}
