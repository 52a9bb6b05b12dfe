import type { Dimension } from '../questionnaire/questionnaire-schema.ts';
import type { DimensionResult, Finding, PlanAction } from '../scoring/result-types.ts';
import type { Action, RuleSet } from '../scoring/rule-set-schema.ts';

const EFFORT_COST = { S: 1, M: 2, L: 3 } as const;

interface Reason { priority: number; because: string }

/**
 * Findings and weak dimensions -> a de-duplicated plan, ordered by phase, then dependencies, then
 * value for effort (priority / effort cost, so quick wins lead within a phase). Dependencies only
 * order what is planned: a prerequisite nobody asked for may already be in place at the client.
 * priority = severity weight × impact × dimension weight.
 */
export function buildPlan(findings: readonly Finding[], dimensions: readonly DimensionResult[], dimensionDefs: readonly Dimension[], rules: RuleSet): PlanAction[] {
  const actionsById = new Map(rules.actions.map((a) => [a.id, a]));
  const weightOf = new Map(dimensionDefs.map((d) => [d.id, d.weight]));
  const reasons = new Map<string, Reason[]>();
  const add = (id: string, r: Reason) => {
    if (!actionsById.has(id)) return;
    reasons.set(id, [...(reasons.get(id) ?? []), r]);
  };
  for (const f of findings) {
    const priority = rules.severityWeights[f.severity] * f.impact * (weightOf.get(f.dimension) ?? 1);
    for (const id of f.actions) add(id, { priority, because: f.id });
  }
  for (const weak of rules.weakDimension) {
    const dim = dimensions.find((d) => d.id === weak.dimension);
    if (!dim || dim.score === null || dim.score >= weak.below) continue;
    const priority = rules.severityWeights[weak.severity] * 3 * (weightOf.get(weak.dimension) ?? 1);
    for (const id of weak.actions) add(id, { priority, because: `dimension:${weak.dimension}` });
  }
  const planned = [...reasons.entries()].map(([id, rs]) => toPlanAction(actionsById.get(id)!, rs));
  const value = (a: PlanAction) => a.priority / EFFORT_COST[a.effort];
  planned.sort((a, b) => a.phase - b.phase || value(b) - value(a) || b.priority - a.priority || (a.id < b.id ? -1 : 1));
  return orderByDependencies(planned);
}

function toPlanAction(a: Action, rs: Reason[]): PlanAction {
  return {
    id: a.id, title: a.title, description: a.description, owner: a.owner, phase: a.phase, effort: a.effort,
    horizon: a.horizon, kpi: a.kpi, dependsOn: a.dependsOn, source: a.source,
    priority: Math.round(Math.max(...rs.map((r) => r.priority)) * 100) / 100,
    because: [...new Set(rs.map((r) => r.because))],
  };
}

/** Stable: keeps the sorted order except that an action never comes before one it depends on. */
function orderByDependencies(sorted: PlanAction[]): PlanAction[] {
  const present = new Set(sorted.map((a) => a.id));
  const done = new Set<string>();
  const out: PlanAction[] = [];
  const visiting = new Set<string>();
  const byId = new Map(sorted.map((a) => [a.id, a]));
  const place = (a: PlanAction) => {
    if (done.has(a.id) || visiting.has(a.id)) return;
    visiting.add(a.id);
    for (const dep of a.dependsOn) if (present.has(dep)) place(byId.get(dep)!);
    visiting.delete(a.id);
    done.add(a.id);
    out.push(a);
  };
  sorted.forEach(place);
  return out;
}
