import type { Locale } from '../../../core/localized.ts';
import { describeExpected } from '../../../core/questionnaire/check-answer-value.ts';
import type { Question, Questionnaire } from '../../../core/questionnaire/questionnaire-schema.ts';
import { ROLES, type Role } from '../../../core/roles.ts';
import { findQuestionnaire, latestQuestionnaire, loadCatalog } from '../../catalog/load-catalog.ts';
import { UsageError, type Io } from '../io.ts';

const comment = (text: string, indent: string) => text.split('\n').map((l) => `${indent}# ${l}`).join('\n');

function questionBlock(q: Question, questionnaire: Questionnaire, locale: Locale, indent: string): string {
  const lines = [comment(`${q.id} — ${q.text[locale]}`, indent), comment(`  ${locale === 'en' ? 'Why we ask' : '为什么问'}: ${q.help[locale]}`, indent)];
  if (q.type === 'scale') {
    const scale = questionnaire.scales.find((s) => s.id === q.scale)!;
    for (const l of scale.levels) lines.push(comment(`  ${l.value} = ${l.label[locale]}`, indent));
  }
  if (q.type === 'single' || q.type === 'multi') for (const o of q.options) lines.push(comment(`  ${o.id} = ${o.label[locale]}`, indent));
  if (q.showIf) lines.push(comment(`  ${locale === 'en' ? 'Only if' : '仅当'}: ${JSON.stringify(q.showIf)}`, indent));
  lines.push(comment(`  ${locale === 'en' ? 'Allowed' : '可填'}: ${describeExpected(q, questionnaire)}${q.type === 'text' ? '' : '; optionally {value: ..., support: claimed|documented|demonstrated, comment: "..."}'}`, indent));
  lines.push(`${indent}${q.id}:`);
  return lines.join('\n');
}

function answersBlock(questionnaire: Questionnaire, role: Role, locale: Locale, indent: string): string {
  const parts: string[] = [];
  for (const d of [...questionnaire.dimensions].sort((a, b) => a.order - b.order)) {
    const qs = questionnaire.questions.filter((q) => q.dimension === d.id && q.roles.includes(role)).sort((a, b) => a.order - b.order);
    if (!qs.length) continue;
    parts.push(`${indent}# ── ${d.title[locale]} ──`, ...qs.map((q) => questionBlock(q, questionnaire, locale, indent)), '');
  }
  return parts.join('\n');
}

/** A blank answers file with every question as a comment, for filling in offline (paper workshops too). */
export function buildTemplate(questionnaire: Questionnaire, role: Role | undefined, locale: Locale): string {
  const head = [
    `# ${questionnaire.title[locale]} — ${questionnaire.id}@${questionnaire.version}`,
    locale === 'en'
      ? '# Write each answer after its question id. Leave it blank if not answered yet; "dont-know" is an answer too.\n# Score it with: npx crm-readiness score <this file>'
      : '# 在每个题号后填写答案。未回答可留空；"dont-know"（不知道）也是一种答案。\n# 评分：npx crm-readiness score <本文件>',
    `questionnaire: ${questionnaire.id}@${questionnaire.version}`,
    'organisation:',
    '  name: ""  # the client organisation',
    'assessment:',
    '  title: ""',
  ];
  if (role) {
    return [...head, 'respondent:', `  role: ${role}`, '  name: ""', 'answers:', answersBlock(questionnaire, role, locale, '  ')].join('\n');
  }
  const roles = ROLES.filter((r) => questionnaire.questions.some((q) => q.roles.includes(r)));
  const blocks = roles.map((r, i) => [`  - id: respondent-${i + 1}`, `    role: ${r}`, '    name: ""', '    answers:', answersBlock(questionnaire, r, locale, '      ')].join('\n'));
  return [...head, '# One entry per respondent; copy an entry for each person with the same role.', 'respondents:', ...blocks].join('\n');
}

export function runTemplate(spec: string, role: string | undefined, locale: Locale, io: Io): number {
  const catalog = loadCatalog();
  const [id, version] = spec.split('@') as [string, string | undefined];
  const questionnaire = version ? findQuestionnaire(catalog, id, version) : latestQuestionnaire(catalog, id);
  if (!questionnaire) throw new UsageError(`questionnaire "${spec}" not found (available: ${catalog.questionnaires.map((q) => `${q.id}@${q.version}`).join(', ')})`);
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, received "${role}"`);
  io.out(buildTemplate(questionnaire, role as Role | undefined, locale));
  return 0;
}
