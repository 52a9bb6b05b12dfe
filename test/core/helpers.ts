import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findQuestionnaire, findRuleSetFor, loadCatalog } from '../../src/adapters/catalog/load-catalog.ts';
import { AnswersFileSchema, type AnswersFile } from '../../src/core/questionnaire/answers-schema.ts';
import { buildAssessment } from '../../src/core/questionnaire/build-assessment.ts';
import { scoreAssessment } from '../../src/core/scoring/score-assessment.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const miniCatalog = () => loadCatalog([path.join(FIXTURES, 'questionnaires'), path.join(FIXTURES, 'scoring-rules')]);

/** Scores a plain answers object against the mini fixture; throws with the issues if it is invalid. */
export function scoreMini(file: Omit<AnswersFile, 'questionnaire' | 'organisation'> & Partial<AnswersFile>) {
  const catalog = miniCatalog();
  if (catalog.issues.length) throw new Error(catalog.issues.map((i) => i.message).join('\n'));
  const parsed = AnswersFileSchema.parse({ questionnaire: 'mini@1.0.0', organisation: { name: 'Acme' }, ...file });
  const q = findQuestionnaire(catalog, 'mini', '1.0.0')!;
  const rules = findRuleSetFor(catalog, q)!;
  const built = buildAssessment(parsed, q, 'test');
  if (!built.assessment) throw new Error(built.issues.map((i) => i.message).join('\n'));
  return { result: scoreAssessment(built.assessment, q, rules), questionnaire: q, rules, assessment: built.assessment };
}
