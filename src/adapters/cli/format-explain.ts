import type { Questionnaire } from '../../core/questionnaire/questionnaire-schema.ts';
import type { ScoreResult, Trace } from '../../core/scoring/result-types.ts';
import type { RuleSet } from '../../core/scoring/rule-set-schema.ts';

const mark = (ok: boolean) => (ok ? '✔' : '✘');
const show = (v: unknown) => (v === null || v === undefined ? 'no answer' : JSON.stringify(v));

function traceLines(t: Trace, depth: number): string[] {
  const pad = '  '.repeat(depth);
  if (t.kind === 'leaf') {
    const lines = [`${pad}${mark(t.result)} ${t.description} — actual ${show(t.actual)}, expected ${show(t.expected)}`];
    for (const a of t.answers ?? []) lines.push(`${pad}    ${a.respondentId} (${a.role}): ${show(a.value)}${a.support ? ` [${a.support}]` : ''}${a.comment ? ` — "${a.comment}"` : ''}`);
    return lines;
  }
  return [`${pad}${mark(t.result)} ${t.kind.toUpperCase()}`, ...t.children.flatMap((c) => traceLines(c, depth + 1))];
}

/** `explain --finding`: the rule, condition by condition, with the answers behind each leaf. */
export function explainFinding(result: ScoreResult, rules: RuleSet, id: string): string | undefined {
  const fired = result.findings.find((f) => f.id === id);
  const rule = rules.findings.find((f) => f.id === id);
  if (!fired && !rule) return undefined;
  const out = [`Finding ${id}: ${fired ? 'FIRED' : 'did not fire'}`];
  const f = fired ?? rule!;
  out.push(`  ${f.title.en} / ${f.title['zh-CN']}`, `  severity ${f.severity}, likelihood ${f.likelihood}, impact ${f.impact}, dimension ${f.dimension}`, `  source: ${f.source.file} ${f.source.section}`);
  if (fired?.capBand) out.push(`  gate: caps the overall band at ${fired.capBand}`);
  if (fired?.trace) out.push('  Condition:', ...traceLines(fired.trace, 2));
  else if (fired) out.push('  Evidence:', ...fired.evidence.map((e) => `    ✔ ${e.description}`));
  if (fired?.actions.length) out.push(`  Actions: ${fired.actions.join(', ')}`);
  return out.join('\n');
}

/** `explain --dimension`: the weighted average written out, question by question. */
export function explainDimension(result: ScoreResult, questionnaire: Questionnaire, id: string): string | undefined {
  const d = result.dimensions.find((x) => x.id === id);
  if (!d) return undefined;
  const out = [`Dimension ${id} (${d.title.en}): score ${d.score ?? 'n/a'}, band ${d.band ?? 'n/a'}, confidence ${Math.round(d.confidence * 100)}%`];
  let num = 0, den = 0;
  for (const q of questionnaire.questions.filter((x) => x.dimension === id)) {
    const a = result.questions.find((x) => x.question === q.id)!;
    if (q.type === 'text') { out.push(`  ${q.id} (free text, never scored)`); continue; }
    const counted = a.score !== null;
    if (counted) { num += q.weight * a.score!; den += q.weight; }
    const status = a.value === 'dont-know' ? "don't know — lowers confidence, not the score" : a.value === 'not-applicable' ? 'not applicable — left out of the denominator' : a.value === null ? 'unanswered' : `value ${show(a.value)} -> ${(a.score! * 100).toFixed(1)}`;
    out.push(`  ${q.id} weight ${q.weight}: ${status}${a.source === 'consensus' ? ' (agreed by the room)' : ''}${a.spread ? ` [spread ${a.spread.min.toFixed(0)}-${a.spread.max.toFixed(0)}]` : ''}`);
  }
  if (den) out.push(`  score = Σ(weight × score) / Σ weight = ${(num * 100).toFixed(1)} / ${den} = ${((num / den) * 100).toFixed(1)}`);
  const claimed = result.claimedToCheck.filter((c) => c.dimension === id);
  if (claimed.length) out.push('  Only claimed, worth checking:', ...claimed.map((c) => `    ${c.question} by ${c.respondentId} (${c.role}): ${show(c.value)}`));
  const firing = result.findings.filter((f) => f.dimension === id).map((f) => f.id);
  out.push(`  Findings in this dimension: ${firing.join(', ') || 'none'}`);
  return out.join('\n');
}
