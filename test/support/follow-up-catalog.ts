import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadCatalog, PROJECT_ROOT, type Catalog } from '../../src/adapters/catalog/load-catalog.ts';

/**
 * A test-only crm-readiness@1.1.0, made from the shipped 1.0.0 so it stays complete and valid as
 * 1.0.0 evolves: one question renamed, one split in two, two removed, with the mapping 1.1.0
 * declares. The questions touched are ones no rule names, so the shipped rule set (^1.0.0) scores
 * both versions and the catalog validates without a single issue.
 */
export const FOLLOW_UP_VERSION = '1.1.0';
export const RENAMED = { from: 'STR-06', to: 'STR-06R' } as const;
export const SPLIT = { from: 'ORG-13', to: ['ORG-13A', 'ORG-13B'] } as const;
/** A free-text question and a scored one. */
export const REMOVED = ['STR-13', 'STR-09'] as const;

interface RawQuestion { id: string; order: number; text: { en: string; 'zh-CN': string }; [k: string]: unknown }

export function writeFollowUpQuestionnaire(dir: string): string {
  const source = path.join(PROJECT_ROOT, 'questionnaires', 'crm-readiness', '1.0.0.yaml');
  const doc = YAML.parse(readFileSync(source, 'utf8')) as { version: string; questions: RawQuestion[]; migrations?: unknown[]; $schema?: string };
  delete doc.$schema;
  doc.version = FOLLOW_UP_VERSION;
  const questions: RawQuestion[] = [];
  for (const q of doc.questions) {
    if ((REMOVED as readonly string[]).includes(q.id)) continue;
    if (q.id === RENAMED.from) questions.push({ ...q, id: RENAMED.to });
    else if (q.id === SPLIT.from) {
      questions.push({ ...q, id: SPLIT.to[0], text: { en: `${q.text.en} (to the management team)`, 'zh-CN': `${q.text['zh-CN']}（面向管理层）` } });
      questions.push({ ...q, id: SPLIT.to[1], text: { en: `${q.text.en} (to the front line)`, 'zh-CN': `${q.text['zh-CN']}（面向一线员工）` } });
    } else questions.push(q);
  }
  doc.questions = questions;
  doc.migrations = [{ from: '1.0.0', map: { [RENAMED.from]: RENAMED.to, [SPLIT.from]: [...SPLIT.to], ...Object.fromEntries(REMOVED.map((id) => [id, null])) } }];
  const out = path.join(dir, 'questionnaires', 'crm-readiness', `${FOLLOW_UP_VERSION}.yaml`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `# Test fixture: generated from questionnaires/crm-readiness/1.0.0.yaml by test/support/follow-up-catalog.ts\n${YAML.stringify(doc)}`);
  return out;
}

/** The shipped catalog plus the 1.1.0 fixture; throws if anything in it does not validate. */
export function buildFollowUpCatalog(dir: string): Catalog {
  writeFollowUpQuestionnaire(dir);
  const catalog = loadCatalog([path.join(PROJECT_ROOT, 'questionnaires'), path.join(PROJECT_ROOT, 'scoring-rules'), path.join(dir, 'questionnaires')]);
  if (catalog.issues.length) throw new Error(`the follow-up fixture catalog has problems:\n${catalog.issues.map((i) => `${i.file} › ${i.path}: ${i.message}`).join('\n')}`);
  return catalog;
}
