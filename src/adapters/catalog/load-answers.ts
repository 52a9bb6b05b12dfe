import path from 'node:path';
import type { Issue } from '../../core/errors.ts';
import { AnswersFileSchema, type AnswersFile, type Assessment } from '../../core/questionnaire/answers-schema.ts';
import { buildAssessment } from '../../core/questionnaire/build-assessment.ts';
import type { Questionnaire } from '../../core/questionnaire/questionnaire-schema.ts';
import type { RuleSet } from '../../core/scoring/rule-set-schema.ts';
import { fromZodError } from '../../core/zod-issues.ts';
import { findQuestionnaire, findRuleSetFor, type Catalog } from './load-catalog.ts';
import { parseYamlText, readYamlFile, withLines, type ParsedFile } from './read-yaml.ts';

export interface LoadedAnswers {
  file: AnswersFile;
  assessment: Assessment;
  questionnaire: Questionnaire;
  rules: RuleSet;
}

/** Answers file (parsed data) -> a checked assessment with its questionnaire and rule set, or every problem found. */
export function resolveAnswers(data: unknown, catalog: Catalog, display: string, parsed?: ParsedFile): { loaded?: LoadedAnswers; issues: Issue[] } {
  const lines = (issues: Issue[]) => (parsed ? withLines(issues, parsed) : issues);
  const result = AnswersFileSchema.safeParse(data);
  if (!result.success) return { issues: lines(fromZodError(result.error, display, data)) };
  const [id, version] = result.data.questionnaire.split('@') as [string, string];
  const questionnaire = findQuestionnaire(catalog, id, version);
  if (!questionnaire) {
    const known = catalog.questionnaires.map((q) => `${q.id}@${q.version}`).join(', ');
    return { issues: lines([{ code: 'ERR_QUESTIONNAIRE_NOT_FOUND', file: display, path: 'questionnaire', message: `questionnaire "${result.data.questionnaire}" not found (available: ${known || 'none'})` }]) };
  }
  const rules = findRuleSetFor(catalog, questionnaire);
  if (!rules) return { issues: [{ code: 'ERR_RULES_NOT_FOUND', file: display, path: 'questionnaire', message: `no rule set in scoring-rules/ covers ${id}@${version}` }] };
  const built = buildAssessment(result.data, questionnaire, display);
  if (!built.assessment) return { issues: lines(built.issues) };
  return { issues: [], loaded: { file: result.data, assessment: built.assessment, questionnaire, rules } };
}

export function loadAnswersFile(file: string, catalog: Catalog, cwd = process.cwd()): { loaded?: LoadedAnswers; issues: Issue[] } {
  const display = path.relative(cwd, file) || file;
  const { parsed, issues } = readYamlFile(file, display);
  if (!parsed) return { issues };
  return resolveAnswers(parsed.data, catalog, display, parsed);
}

export function loadAnswersText(text: string, catalog: Catalog, display = 'answers'): { loaded?: LoadedAnswers; issues: Issue[] } {
  const { parsed, issues } = parseYamlText(text, display);
  if (!parsed) return { issues };
  return resolveAnswers(parsed.data, catalog, display, parsed);
}
