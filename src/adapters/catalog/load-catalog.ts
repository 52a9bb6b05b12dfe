import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import type { Issue } from '../../core/errors.ts';
import { checkQuestionnaire } from '../../core/questionnaire/check-questionnaire.ts';
import { checkMigrations } from '../../core/questionnaire/migrate-answers.ts';
import { QuestionnaireSchema, type Questionnaire } from '../../core/questionnaire/questionnaire-schema.ts';
import { checkRuleSet } from '../../core/scoring/check-rule-set.ts';
import { RuleSetSchema, type RuleSet } from '../../core/scoring/rule-set-schema.ts';
import { fromZodError } from '../../core/zod-issues.ts';
import { readYamlFile, withLines, type ParsedFile } from './read-yaml.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Catalog {
  questionnaires: Questionnaire[];
  ruleSets: RuleSet[];
  /** Problems per file, in file order; an empty list means every file is valid. */
  issues: Issue[];
  files: string[];
}

function listYaml(target: string): string[] {
  if (!existsSync(target)) return [target];
  if (statSync(target).isFile()) return [target];
  return readdirSync(target, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .sort()
    .map((f) => path.join(target, f));
}

function looksLikeRuleSet(data: unknown): boolean {
  return typeof data === 'object' && data !== null && ('findings' in data || ('questionnaire' in data && typeof (data as { questionnaire: unknown }).questionnaire === 'object'));
}

/** The file layout is part of the contract: questionnaires/<id>/<version>.yaml. */
function checkLocation(kind: string, file: string, id: string, version: string, display: string): Issue[] {
  const dir = path.basename(path.dirname(file));
  const base = path.basename(file).replace(/\.(ya?ml|json)$/, '');
  if (dir === id && base === version) return [];
  return [{ code: 'ERR_SCHEMA', file: display, path: 'id', message: `${kind} "${id}@${version}" should live at <folder>/${id}/${version}.yaml, found at ${path.basename(path.dirname(file))}/${path.basename(file)}` }];
}

/**
 * Reads questionnaires and rule sets from the given files or folders. Cross-file checks (rules
 * against questionnaires, version mappings) run over everything loaded, so a consultant can
 * validate a new file beside the shipped ones.
 */
export function loadCatalog(paths: readonly string[] = [path.join(PROJECT_ROOT, 'questionnaires'), path.join(PROJECT_ROOT, 'scoring-rules')], cwd = process.cwd()): Catalog {
  const issues: Issue[] = [];
  const questionnaires: Array<{ q: Questionnaire; parsed: ParsedFile; file: string }> = [];
  const ruleSets: Array<{ r: RuleSet; parsed: ParsedFile; file: string }> = [];
  const files = [...new Set(paths.flatMap(listYaml))];
  // Rule sets aimed at a questionnaire whose file is broken are not checked: that file's own errors come first.
  const brokenIds = new Set<string>();
  for (const file of files) {
    const display = path.relative(cwd, file) || file;
    const { parsed, issues: readIssues } = readYamlFile(file, display);
    issues.push(...readIssues);
    if (!parsed) continue;
    if (looksLikeRuleSet(parsed.data)) {
      const result = RuleSetSchema.safeParse(parsed.data);
      if (!result.success) { issues.push(...withLines(fromZodError(result.error, display, parsed.data), parsed)); continue; }
      issues.push(...withLines(checkLocation('rule set', file, result.data.id, result.data.version, display), parsed));
      ruleSets.push({ r: result.data, parsed, file: display });
    } else {
      const result = QuestionnaireSchema.safeParse(parsed.data);
      if (!result.success) {
        issues.push(...withLines(fromZodError(result.error, display, parsed.data), parsed));
        const id = (parsed.data as { id?: unknown } | null)?.id;
        if (typeof id === 'string') brokenIds.add(id);
        continue;
      }
      issues.push(...withLines(checkLocation('questionnaire', file, result.data.id, result.data.version, display), parsed));
      issues.push(...withLines(checkQuestionnaire(result.data, display), parsed));
      questionnaires.push({ q: result.data, parsed, file: display });
    }
  }
  const allQ = questionnaires.map((x) => x.q);
  const seen = new Map<string, string>();
  for (const x of questionnaires) {
    const key = `${x.q.id}@${x.q.version}`;
    if (seen.has(key)) issues.push({ code: 'ERR_DUPLICATE_ID', file: x.file, path: 'version', message: `${key} is also defined in ${seen.get(key)}` });
    seen.set(key, x.file);
    issues.push(...withLines(checkMigrations(x.q, allQ, x.file), x.parsed));
  }
  for (const x of ruleSets) if (!brokenIds.has(x.r.questionnaire.id)) issues.push(...withLines(checkRuleSet(x.r, allQ, x.file), x.parsed));
  return { questionnaires: allQ, ruleSets: ruleSets.map((x) => x.r), issues, files };
}

export function findQuestionnaire(catalog: Catalog, id: string, version: string): Questionnaire | undefined {
  return catalog.questionnaires.find((q) => q.id === id && q.version === version);
}

/** The newest rule set whose range covers this questionnaire version. */
export function findRuleSetFor(catalog: Catalog, q: Questionnaire): RuleSet | undefined {
  return catalog.ruleSets
    .filter((r) => r.questionnaire.id === q.id && semver.satisfies(q.version, r.questionnaire.versions))
    .sort((a, b) => semver.rcompare(a.version, b.version))[0];
}

export function latestQuestionnaire(catalog: Catalog, id: string): Questionnaire | undefined {
  return catalog.questionnaires.filter((q) => q.id === id).sort((a, b) => semver.rcompare(a.version, b.version))[0];
}
