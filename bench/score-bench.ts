import { findQuestionnaire, findRuleSetFor, loadCatalog } from '../src/adapters/catalog/load-catalog.ts';
import type { Assessment, Respondent } from '../src/core/questionnaire/answers-schema.ts';
import type { Question, Questionnaire } from '../src/core/questionnaire/questionnaire-schema.ts';
import { visibleQuestions } from '../src/core/questionnaire/visible-questions.ts';
import { ROLES } from '../src/core/roles.ts';
import { scoreAnswer } from '../src/core/scoring/score-answer.ts';
import { scoreAssessment } from '../src/core/scoring/score-assessment.ts';
import { sample, seeded, summarise, type Figure } from './measure.ts';

function randomAnswer(q: Question, questionnaire: Questionnaire, rnd: () => number): unknown {
  if (q.allowUnknown && rnd() < 0.05) return 'dont-know';
  switch (q.type) {
    case 'scale': { const levels = questionnaire.scales.find((s) => s.id === q.scale)!.levels; return levels[Math.floor(rnd() * levels.length)]!.value; }
    case 'single': return q.options[Math.floor(rnd() * q.options.length)]!.id;
    case 'multi': return q.options.filter(() => rnd() < 0.4).map((o) => o.id);
    case 'yesno': return rnd() < 0.5 ? 'yes' : 'no';
    case 'number': return Math.round(q.min + rnd() * Math.min(q.max - q.min, 100));
    case 'percent': return Math.round(rnd() * 100);
    case 'text': return 'comment';
  }
}

/** A deterministic assessment of n respondents spread over the roles, each answering what they are shown. */
export function generateAssessment(questionnaire: Questionnaire, n: number, seed = 42): Assessment {
  const rnd = seeded(seed);
  const respondents: Respondent[] = [];
  for (let i = 0; i < n; i++) {
    const role = ROLES[i % ROLES.length]!;
    const answers: Respondent['answers'] = {};
    // Answer in order so conditional questions see the answers they depend on.
    for (let pass = 0; pass < 2; pass++) {
      for (const q of visibleQuestions(questionnaire, role, answers)) if (!(q.id in answers)) answers[q.id] = { value: randomAnswer(q, questionnaire, rnd) as never };
    }
    respondents.push({ id: `r${i + 1}`, role, answers });
  }
  return { questionnaire: { id: questionnaire.id, version: questionnaire.version }, organisation: { name: 'Bench Co' }, respondents, consensus: {} };
}

/** The floor: a plain weighted mean over the same answers — no rules, groups, traces or plan. */
function naiveWeightedMean(a: Assessment, q: Questionnaire): number {
  let sum = 0, w = 0;
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  for (const r of a.respondents) for (const [id, ans] of Object.entries(r.answers)) {
    const question = byId.get(id)!;
    const s = scoreAnswer(question, q, ans.value);
    if (s !== null) { sum += s * question.weight; w += question.weight; }
  }
  return sum / w;
}

export async function benchScoring(runs = Number(process.env.BENCH_SCORE_RUNS ?? 300)): Promise<Figure[]> {
  const catalog = loadCatalog();
  const q = findQuestionnaire(catalog, 'crm-readiness', '1.0.0')!;
  const rules = findRuleSetFor(catalog, q)!;
  const figures: Figure[] = [];
  for (const n of [1, 40]) {
    const a = generateAssessment(q, n);
    const full = summarise(await sample(() => scoreAssessment(a, q, rules), runs));
    const floor = summarise(await sample(() => naiveWeightedMean(a, q), runs));
    const answers = a.respondents.reduce((s, r) => s + Object.keys(r.answers).length, 0);
    figures.push({ name: `score ${n} respondent${n > 1 ? 's' : ''} (${answers} answers, ${rules.findings.length} rules) median`, value: full.median, unit: 'ms', baseline: `floor (weighted mean only) ${floor.median.toFixed(3)} ms` });
    figures.push({ name: `score ${n} respondent${n > 1 ? 's' : ''} p95`, value: full.p95, unit: 'ms', baseline: `floor p95 ${floor.p95.toFixed(3)} ms` });
  }
  return figures;
}
