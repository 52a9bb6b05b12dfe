import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findQuestionnaire, findRuleSetFor, loadCatalog } from '../../src/adapters/catalog/load-catalog.ts';
import { AnswersFileSchema } from '../../src/core/questionnaire/answers-schema.ts';
import { buildAssessment } from '../../src/core/questionnaire/build-assessment.ts';
import { scoreAssessment } from '../../src/core/scoring/score-assessment.ts';

/**
 * Every finding rule of every shipped rule set, both firing and not firing, from hand-written cases
 * in test/core/cases/<questionnaire>.cases.yaml.
 */
const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const catalog = loadCatalog();

interface CaseFile { questionnaire: string; cases: Array<{ name: string; respondents: unknown[]; consensus?: unknown; fires: string[]; quiet: string[] }> }
const files = readdirSync(CASES_DIR).filter((f) => f.endsWith('.cases.yaml'));

describe('finding rules, case by case', () => {
  it('there is a cases file for every shipped rule set', () => {
    const covered = files.map((f) => (parse(readFileSync(path.join(CASES_DIR, f), 'utf8')) as CaseFile).questionnaire.split('@')[0]);
    expect(covered.sort()).toEqual(catalog.ruleSets.map((r) => r.questionnaire.id).sort());
  });

  for (const file of files) {
    const data = parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as CaseFile;
    const [id, version] = data.questionnaire.split('@') as [string, string];
    const questionnaire = findQuestionnaire(catalog, id, version)!;
    const rules = findRuleSetFor(catalog, questionnaire)!;

    it(`${file}: every rule has a firing and a quiet case`, () => {
      const fired = new Set(data.cases.flatMap((c) => c.fires));
      const quiet = new Set(data.cases.flatMap((c) => c.quiet));
      const ruleIds = rules.findings.map((f) => f.id);
      expect(ruleIds.filter((r) => !fired.has(r))).toEqual([]);
      expect(ruleIds.filter((r) => !quiet.has(r))).toEqual([]);
    });

    for (const c of data.cases) {
      it(`${file}: ${c.name}`, () => {
        const answers = AnswersFileSchema.parse({ questionnaire: data.questionnaire, organisation: { name: 'Case' }, respondents: c.respondents, ...(c.consensus ? { consensus: c.consensus } : {}) });
        const built = buildAssessment(answers, questionnaire, file);
        expect(built.issues.map((i) => i.message)).toEqual([]);
        const ids = scoreAssessment(built.assessment!, questionnaire, rules).findings.map((f) => f.id);
        for (const f of c.fires) expect(ids, `${f} should fire`).toContain(f);
        for (const f of c.quiet) expect(ids, `${f} should stay quiet`).not.toContain(f);
      });
    }
  }
});
