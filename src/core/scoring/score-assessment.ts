import { canonicalJson, sha256 } from '../canonical-hash.ts';
import { ROLE_GROUP_LABELS, type Role } from '../roles.ts';
import type { Localized } from '../localized.ts';
import type { Assessment } from '../questionnaire/answers-schema.ts';
import type { Questionnaire } from '../questionnaire/questionnaire-schema.ts';
import { buildPlan } from '../remediation/build-plan.ts';
import { aggregateQuestion, type QuestionAggregation } from './aggregate-answers.ts';
import { bandFor, lowerBand } from './bands.ts';
import { collectEvidence, evaluateCondition, type ConditionFacts } from './evaluate-condition.ts';
import type { ClaimedToCheck, DimensionResult, Divergence, EvidenceAnswer, Finding, ScoreResult, UnansweredReport } from './result-types.ts';
import type { RuleSet } from './rule-set-schema.ts';
import { askedOf } from './aggregate-answers.ts';
import { round } from '../stats.ts';

function fill(text: Localized, values: Record<string, Localized>): Localized {
  const sub = (s: string, locale: keyof Localized) => s.replace(/\{(\w+)\}/g, (m, k: string) => values[k]?.[locale] ?? m);
  return { en: sub(text.en, 'en'), 'zh-CN': sub(text['zh-CN'], 'zh-CN') };
}

/** A dimension's group scores need this many questions that every group answered. */
const MIN_SHARED_QUESTIONS = 2;

// The questionnaire and rule set are immutable once loaded and large (hundreds of KB as JSON), so
// their digest is remembered per object. The memo cannot change a result: it is keyed by identity
// and holds what the pure function would compute again.
const digests = new WeakMap<object, string>();
function digestOf(value: object): string {
  let d = digests.get(value);
  if (d === undefined) { d = sha256(canonicalJson(value)); digests.set(value, d); }
  return d;
}

/** A hash of everything that determines the result: the files' content and the answers. */
export function hashInputs(assessment: Assessment, questionnaire: Questionnaire, rules: RuleSet): string {
  const respondents = [...assessment.respondents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256(canonicalJson({ questionnaire: digestOf(questionnaire), rules: digestOf(rules), organisation: assessment.organisation, title: assessment.title, date: assessment.date, respondents, consensus: assessment.consensus }));
}

/**
 * The scorer: answers + questionnaire + rule set -> scores, findings with evidence, divergences and
 * the plan. Pure: the same inputs always give the same result (and the same inputHash).
 */
export function scoreAssessment(assessment: Assessment, questionnaire: Questionnaire, rules: RuleSet): ScoreResult {
  const supportFactor = (s: EvidenceAnswer['support']) => rules.confidence.support[s ?? 'unstated'];
  const groupSizes = new Map<Role, number>();
  for (const r of assessment.respondents) groupSizes.set(r.role, (groupSizes.get(r.role) ?? 0) + 1);
  const minimum = rules.groups.anonymityMinimum;
  const bigEnough = (role: Role) => (groupSizes.get(role) ?? 0) >= minimum;

  const aggregations = new Map<string, QuestionAggregation>();
  for (const q of questionnaire.questions) aggregations.set(q.id, aggregateQuestion(q, questionnaire, assessment, groupSizes, minimum, supportFactor));

  const dimensions: DimensionResult[] = [...questionnaire.dimensions].sort((a, b) => a.order - b.order).map((d) => {
    const qs = questionnaire.questions.filter((q) => q.dimension === d.id && q.type !== 'text');
    let sum = 0, weights = 0, confSum = 0, confWeights = 0, answered = 0, unknown = 0, notApplicable = 0;
    // Group scores of a dimension use only the questions every broken-out group answered, so a
    // perception gap compares like with like rather than different question sets.
    const groupsHere = [...groupSizes.keys()].filter(bigEnough);
    const roleSums = new Map<Role, { sum: number; weights: number }>();
    let shared = 0;
    for (const q of qs) {
      const agg = aggregations.get(q.id)!;
      if (agg.aggregate.value === 'dont-know') unknown++;
      if (agg.aggregate.value === 'not-applicable') notApplicable++;
      if (agg.applicable) { confSum += q.weight * agg.confidence; confWeights += q.weight; }
      if (agg.aggregate.score !== null) { sum += q.weight * agg.aggregate.score; weights += q.weight; answered++; }
      const groupScores = groupsHere.map((role) => [role, agg.byRole.get(role)?.score ?? null] as const);
      if (groupsHere.length < 2 || groupScores.some(([, s]) => s === null)) continue;
      shared++;
      for (const [role, score] of groupScores) {
        const acc = roleSums.get(role) ?? { sum: 0, weights: 0 };
        acc.sum += q.weight * score!; acc.weights += q.weight;
        roleSums.set(role, acc);
      }
    }
    const score = weights ? round((sum / weights) * 100, 1) : null;
    const byRole: DimensionResult['byRole'] = {};
    if (shared >= MIN_SHARED_QUESTIONS) for (const [role, acc] of roleSums) byRole[role] = { n: groupSizes.get(role)!, score: round((acc.sum / acc.weights) * 100, 1) };
    return { id: d.id, title: d.title, weight: d.weight, score, band: score === null ? null : bandFor(score, rules.bands), confidence: confWeights ? round(confSum / confWeights, 2) : 0, answered, unknown, notApplicable, byRole };
  });
  const dimById = new Map(dimensions.map((d) => [d.id, d]));

  const facts: ConditionFacts = {
    question(id, role) {
      const agg = aggregations.get(id);
      if (!agg) return undefined;
      if (!role) return { group: agg.all, value: agg.aggregate.value };
      if (!bigEnough(role)) return { hidden: `the ${role} group is smaller than the anonymity minimum (${minimum})` };
      const group = agg.byRole.get(role);
      return group ? { group, value: group.value } : undefined;
    },
    dimensionScore: (id) => dimById.get(id)?.score ?? null,
    unknownCount: (dim) => [...aggregations.values()].filter((a) => (dim === '*' || a.aggregate.dimension === dim) && a.aggregate.value === 'dont-know').length,
    groupScores(target) {
      const out: Partial<Record<Role, number>> = {};
      const byRole = 'dimension' in target ? dimById.get(target.dimension)?.byRole : aggregations.get(target.question)?.aggregate.byRole;
      for (const [role, g] of Object.entries(byRole ?? {})) if (g?.score !== null && g?.score !== undefined) out[role as Role] = g.score;
      return out;
    },
  };

  const findings: Finding[] = [];
  for (const rule of rules.findings) {
    const { result, trace } = evaluateCondition(rule.when, facts);
    if (result !== true) continue;
    findings.push({
      id: rule.id, kind: rule.kind, severity: rule.severity, likelihood: rule.likelihood, impact: rule.impact, dimension: rule.dimension,
      title: rule.title, explanation: rule.explanation, source: rule.source, ...(rule.capBand ? { capBand: rule.capBand } : {}),
      evidence: collectEvidence(trace), trace, actions: rule.actions,
    });
  }

  // Blind spots: many "don't know" answers in a dimension are a finding of their own, never a confirmed problem.
  for (const d of questionnaire.dimensions) {
    const aggs = [...aggregations.values()].filter((a) => a.aggregate.dimension === d.id && a.applicable);
    const unknown = aggs.filter((a) => a.aggregate.value === 'dont-know');
    if (aggs.length === 0 || unknown.length / aggs.length < rules.blindSpot.minUnknownShare) continue;
    const b = rules.blindSpot;
    findings.push({
      id: `BLIND-SPOT-${d.id}`, kind: 'blind-spot', severity: b.severity, likelihood: b.likelihood, impact: b.impact, dimension: d.id,
      title: fill(b.title, { dimension: d.title }), explanation: fill(b.explanation, { dimension: d.title }), source: b.source, actions: b.actions,
      evidence: [{ fact: 'unknownCount', description: `${unknown.length} of ${aggs.length} questions in ${d.id} answered "don't know"`, actual: unknown.length,
        answers: unknown.flatMap((a) => a.all.answers.filter((x) => x.value === 'dont-know')) }],
    });
  }

  const divergences: Divergence[] = [];
  const gapOf = (byRole: Partial<Record<Role, { n: number; score: number | null }>>) => {
    const entries = (Object.entries(byRole) as Array<[Role, { n: number; score: number | null }]>).filter(([, g]) => g.score !== null);
    if (entries.length < 2) return undefined;
    entries.sort((a, b) => b[1].score! - a[1].score!);
    const [hr, hg] = entries[0]!;
    const [lr, lg] = entries[entries.length - 1]!;
    return { gap: round(hg.score! - lg.score!, 1), high: { role: hr, score: round(hg.score!, 1), n: hg.n }, low: { role: lr, score: round(lg.score!, 1), n: lg.n } };
  };
  for (const d of dimensions) {
    const g = gapOf(d.byRole);
    if (g && g.gap >= rules.groups.dimensionGap) divergences.push({ kind: 'dimension', id: d.id, dimension: d.id, ...g });
  }
  for (const agg of aggregations.values()) {
    const g = gapOf(agg.aggregate.byRole);
    if (g && g.gap >= rules.groups.questionGap) divergences.push({ kind: 'question', id: agg.aggregate.question, dimension: agg.aggregate.dimension, ...g });
  }
  divergences.sort((a, b) => b.gap - a.gap || (a.id < b.id ? -1 : 1));
  const p = rules.perceptionGap;
  for (const dv of divergences.filter((x) => x.kind === 'dimension')) {
    const d = questionnaire.dimensions.find((x) => x.id === dv.dimension)!;
    const values = { dimension: d.title, high: ROLE_GROUP_LABELS[dv.high.role], low: ROLE_GROUP_LABELS[dv.low.role] };
    findings.push({
      id: `PERCEPTION-GAP-${dv.dimension}`, kind: 'perception-gap', severity: p.severity, likelihood: p.likelihood, impact: p.impact, dimension: dv.dimension,
      title: fill(p.title, values), explanation: fill(p.explanation, values), source: p.source, actions: p.actions,
      evidence: [{ fact: 'gap', description: `on the questions both answered, the ${dv.high.role} group rates ${d.id} ${dv.high.score} and the ${dv.low.role} group ${dv.low.score}: a gap of ${dv.gap} points (threshold ${rules.groups.dimensionGap})`, actual: dv.gap, answers: [] }],
    });
  }

  const severityRank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || b.likelihood * b.impact - a.likelihood * a.impact || (a.id < b.id ? -1 : 1));

  const scored = dimensions.filter((d) => d.score !== null);
  const totalWeight = scored.reduce((s, d) => s + d.weight, 0);
  const index = totalWeight ? round(scored.reduce((s, d) => s + d.weight * d.score!, 0) / totalWeight, 1) : null;
  const allWeight = dimensions.reduce((s, d) => s + d.weight, 0);
  const confidence = allWeight ? round(dimensions.reduce((s, d) => s + d.weight * d.confidence, 0) / allWeight, 2) : 0;
  const uncappedBand = index === null ? null : bandFor(index, rules.bands);
  // Gates: a finding can cap the band (no executive sponsor can never be `ready`).
  let band = uncappedBand;
  const cappedBy: string[] = [];
  for (const f of findings) {
    if (!f.capBand || band === null || lowerBand(uncappedBand!, f.capBand) === uncappedBand) continue;
    cappedBy.push(f.id);
    band = lowerBand(band, f.capBand);
  }

  const claimedToCheck: ClaimedToCheck[] = [];
  for (const q of questionnaire.questions.filter((x) => x.highImpact)) {
    for (const a of aggregations.get(q.id)!.all.answers) {
      if (a.support === 'claimed' && a.value !== 'dont-know' && a.value !== 'not-applicable') claimedToCheck.push({ question: q.id, dimension: q.dimension, respondentId: a.respondentId, role: a.role, value: a.value });
    }
  }

  const unanswered: UnansweredReport[] = assessment.respondents.map((r) => ({
    respondentId: r.id, role: r.role,
    questions: questionnaire.questions.filter((q) => askedOf(q, [r]).length > 0 && !(q.id in r.answers)).map((q) => q.id),
  })).filter((u) => u.questions.length > 0);

  const byRole: Partial<Record<Role, number>> = {};
  for (const [role, n] of groupSizes) byRole[role] = n;

  return {
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    rules: { id: rules.id, version: rules.version },
    inputHash: hashInputs(assessment, questionnaire, rules),
    organisation: assessment.organisation,
    ...(assessment.title ? { title: assessment.title } : {}),
    ...(assessment.date ? { date: assessment.date } : {}),
    respondents: { total: assessment.respondents.length, byRole },
    overall: { index, band, confidence, uncappedBand, cappedBy },
    dimensions,
    questions: [...aggregations.values()].map((a) => a.aggregate),
    findings,
    divergences,
    plan: { actions: buildPlan(findings, dimensions, questionnaire.dimensions, rules) },
    claimedToCheck,
    unanswered,
    anonymityMinimum: minimum,
  };
}
