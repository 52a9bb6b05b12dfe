import type { AnswerValue, NormalisedAnswer, Respondent } from '../../../core/questionnaire/answers-schema.ts';
import { checkAnswerValue } from '../../../core/questionnaire/check-answer-value.ts';
import type { Question, Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import { visibleQuestions } from '../../../core/questionnaire/visible-questions.ts';
import type { Role } from '../../../core/roles.ts';
import { scoreAnswer } from '../../../core/scoring/score-answer.ts';

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The demo workshop's people: executives see the project through its business case and rate it
 * well above what the front line (sales and service staff, end users) reports, the pattern the
 * perception-gap findings are about. Executives and business staff are the two groups large
 * enough (3+) to be broken out, so the dashboard can compare them.
 */
const PEOPLE: Array<{ role: Role; name: string; bias: number }> = [
  { role: 'executive', name: 'Helen Park', bias: 0.16 },
  { role: 'executive', name: 'Zhang Wei', bias: 0.12 },
  { role: 'executive', name: 'Marcus Okafor', bias: 0.2 },
  { role: 'project-manager', name: 'Sofia Lindqvist', bias: 0.06 },
  { role: 'business', name: 'Liu Yang', bias: -0.1 },
  { role: 'business', name: 'Priya Raman', bias: -0.14 },
  { role: 'business', name: 'Diego Alvarez', bias: -0.06 },
  { role: 'business', name: 'Sun Li', bias: -0.16 },
  { role: 'it', name: 'Tomás García', bias: 0.02 },
  { role: 'procurement', name: 'Anna Becker', bias: 0 },
  { role: 'end-user', name: 'Wang Fang', bias: -0.24 },
  { role: 'end-user', name: 'Emily Brown', bias: -0.28 },
];
// The organisation's actual health per dimension (in dimension order, repeating): data and adoption weakest.
const HEALTH = [0.58, 0.42, 0.5, 0.34, 0.46, 0.55, 0.4, 0.52];

const TEXTS: Partial<Record<Role, string[]>> = {
  executive: ['The business case is clear; we expect payback within a year.', 'Sales leadership is fully behind this.'],
  'project-manager': ['Scope keeps growing; we need a firmer change process.', 'Data migration is the item I worry about most.'],
  business: ['We still keep a parallel spreadsheet for key accounts.', 'Reports need too many manual steps.'],
  it: ['Integration with the ERP fails a few times a week.', 'Customisations make every upgrade slow.'],
  procurement: ['The contract has no clear data export clause.'],
  'end-user': ['Entering a visit takes longer than the visit report on paper.', 'Nobody asked us what we need in the mobile app.', 'I enter the same customer data in two systems.'],
};
const COMMENTS: Record<'low' | 'high', string[]> = {
  low: ['In practice this rarely happens.', 'Depends on the team; mine does not.', 'We were told this would be fixed after go-live.'],
  high: ['This works well today.', 'Reviewed monthly with the sponsor.'],
};

function pickClosest<T>(items: readonly T[], score: (t: T) => number | null, target: number): T {
  return [...items].sort((a, b) => Math.abs((score(a) ?? 0) - target) - Math.abs((score(b) ?? 0) - target))[0]!;
}

function answerFor(q: Question, questionnaire: Questionnaire, role: Role, target: number, rnd: () => number): AnswerValue | undefined {
  const unknownRate = role === 'end-user' || role === 'procurement' ? 0.08 : 0.03;
  if (q.type !== 'text' && q.allowUnknown && rnd() < unknownRate) return 'dont-know';
  switch (q.type) {
    case 'scale': {
      const levels = questionnaire.scales.find((s) => s.id === q.scale)?.levels ?? [];
      return pickClosest(levels, (l) => scoreAnswer(q, questionnaire, l.value), target).value;
    }
    case 'single':
      return pickClosest(q.options, (o) => o.score, target).id;
    case 'multi': {
      const chosen = q.options.filter((o) => rnd() < (o.score >= 0.5 ? target : (1 - target) * 0.6)).map((o) => o.id);
      return chosen.length ? chosen : [pickClosest(q.options, (o) => o.score, target).id];
    }
    case 'yesno':
      return rnd() < target ? q.healthy : q.healthy === 'yes' ? 'no' : 'yes';
    case 'number':
    case 'percent': {
      const [min, max] = q.type === 'number' ? [q.min, q.max] : [0, 100];
      const candidates = Array.from({ length: 41 }, (_, i) => min + ((max - min) * i) / 40).map((v) => (max - min >= 20 ? Math.round(v) : Math.round(v * 10) / 10));
      return pickClosest(candidates, (v) => scoreAnswer(q, questionnaire, v), target);
    }
    case 'text': {
      const texts = TEXTS[role] ?? [];
      return texts.length && rnd() < 0.5 ? texts[Math.floor(rnd() * texts.length)] : undefined;
    }
  }
}

/** Twelve respondents with complete, plausible answers, generated from any questionnaire with a fixed seed. */
export function generateDemoRespondents(questionnaire: Questionnaire, seed = 20240611): Respondent[] {
  const rnd = random(seed);
  const dims = [...questionnaire.dimensions].sort((a, b) => a.order - b.order);
  const health = new Map(dims.map((d, i) => [d.id, HEALTH[i % HEALTH.length]!]));
  const asked = new Set(questionnaire.questions.flatMap((q) => q.roles));
  const counters = new Map<Role, number>();
  return PEOPLE.map((p) => {
    // A role the questionnaire never asks is played by a business respondent instead.
    const role: Role = asked.has(p.role) ? p.role : asked.has('business') ? 'business' : [...asked][0]!;
    const n = (counters.get(role) ?? 0) + 1;
    counters.set(role, n);
    const personal = (rnd() - 0.5) * 0.14;
    const answers: Record<string, NormalisedAnswer> = {};
    // Conditional questions appear as earlier answers arrive, so answer in passes until nothing new shows.
    for (let pass = 0; pass < 5; pass++) {
      const open = visibleQuestions(questionnaire, role, answers).filter((q) => !(q.id in answers));
      if (!open.length) break;
      for (const q of open) {
        const target = clamp((health.get(q.dimension) ?? 0.5) + p.bias + personal + (rnd() - 0.5) * 0.25);
        const value = answerFor(q, questionnaire, role, target, rnd);
        if (value === undefined) continue;
        const checked = checkAnswerValue(q, questionnaire, value);
        if (!checked.ok) continue;
        const comment = q.type !== 'text' && rnd() < 0.07 ? COMMENTS[target < 0.5 ? 'low' : 'high'][Math.floor(rnd() * 2)] : undefined;
        const support = q.highImpact && checked.value !== 'dont-know' ? (role === 'executive' ? 'claimed' : rnd() < 0.5 ? 'documented' : 'claimed') : undefined;
        answers[q.id] = { value: checked.value, ...(comment ? { comment } : {}), ...(support ? { support } : {}) };
      }
    }
    return { id: `${role}-${n}`, name: p.name, role, answers };
  });
}
