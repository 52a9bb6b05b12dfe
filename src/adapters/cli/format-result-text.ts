import type { Locale } from '../../core/localized.ts';
import { ROLE_GROUP_LABELS, ROLE_LABELS, OWNER_LABELS, type Role } from '../../core/roles.ts';
import type { ScoreResult } from '../../core/scoring/result-types.ts';

const BAND_LABELS = {
  'high-risk': { en: 'HIGH RISK', 'zh-CN': '高风险' },
  elevated: { en: 'ELEVATED RISK', 'zh-CN': '风险偏高' },
  moderate: { en: 'MODERATE', 'zh-CN': '中等' },
  ready: { en: 'READY', 'zh-CN': '就绪' },
} as const;

const bar = (score: number | null) => (score === null ? '·'.repeat(20) : '█'.repeat(Math.round(score / 5)).padEnd(20, '·'));

/** The readable summary printed by `score --format text`. */
export function formatResultText(r: ScoreResult, locale: Locale = 'en'): string {
  const out: string[] = [];
  const band = r.overall.band ? BAND_LABELS[r.overall.band][locale] : 'n/a';
  out.push(`${r.organisation.name} — ${r.questionnaire.id}@${r.questionnaire.version}, rules ${r.rules.id}@${r.rules.version}`);
  const roles = Object.entries(r.respondents.byRole).map(([role, n]) => `${n} ${(n === 1 ? ROLE_LABELS : ROLE_GROUP_LABELS)[role as Role][locale]}`).join(', ');
  out.push(`Respondents: ${r.respondents.total} (${roles})`);
  out.push(`Readiness index: ${r.overall.index ?? 'n/a'} / 100 — ${band} (confidence ${Math.round(r.overall.confidence * 100)}%)`);
  if (r.overall.cappedBy.length) out.push(`  band capped from ${r.overall.uncappedBand} by ${r.overall.cappedBy.join(', ')}`);
  out.push('', 'Dimensions:');
  for (const d of r.dimensions) {
    out.push(`  ${d.title[locale].padEnd(28)} ${bar(d.score)} ${String(d.score ?? 'n/a').padStart(5)}  ${(d.band ?? '').padEnd(9)} conf ${Math.round(d.confidence * 100)}%`);
  }
  out.push('', `Findings (${r.findings.length}):`);
  for (const f of r.findings) {
    out.push(`  [${f.severity.toUpperCase()}] ${f.id} — ${f.title[locale]} (${f.dimension}, L${f.likelihood}×I${f.impact})`);
    for (const e of f.evidence.slice(0, 3)) out.push(`      because ${e.description}${e.actual !== undefined && e.fact === 'answer' ? ` (answer: ${JSON.stringify(e.actual)})` : ''}`);
  }
  if (r.divergences.length) {
    out.push('', 'Perception gaps between role groups:');
    for (const d of r.divergences.slice(0, 10)) out.push(`  ${d.kind} ${d.id}: ${d.high.role} ${d.high.score} vs ${d.low.role} ${d.low.score} (gap ${d.gap})`);
  }
  out.push('', `Remediation plan (${r.plan.actions.length} actions):`);
  let phase = 0;
  for (const a of r.plan.actions) {
    if (a.phase !== phase) { phase = a.phase; out.push(`  Phase ${phase}`); }
    out.push(`    ${a.id} — ${a.title[locale]} [${OWNER_LABELS[a.owner][locale]}, effort ${a.effort}, ${a.horizon}, priority ${a.priority}]`);
  }
  if (r.claimedToCheck.length) {
    out.push('', `High-impact answers only claimed, to check in the workshop: ${r.claimedToCheck.map((c) => `${c.question} (${c.respondentId})`).join(', ')}`);
  }
  if (r.unanswered.length) {
    out.push('', 'Unanswered:');
    for (const u of r.unanswered) out.push(`  ${u.respondentId} (${u.role}): ${u.questions.length} question(s): ${u.questions.join(', ')}`);
  }
  out.push('', `Input hash: ${r.inputHash}`);
  return out.join('\n');
}
