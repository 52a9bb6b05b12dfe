import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAnswersText } from '../../src/adapters/catalog/load-answers.ts';
import { parseYamlText } from '../../src/adapters/catalog/read-yaml.ts';
import { loadCatalog } from '../../src/adapters/catalog/load-catalog.ts';
import { QuestionnaireSchema } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { RuleSetSchema } from '../../src/core/scoring/rule-set-schema.ts';
import { fromZodError } from '../../src/core/zod-issues.ts';
import { scoreAssessment } from '../../src/core/scoring/score-assessment.ts';

/**
 * Bad input, generated: answers files and questionnaire/rule files with wrong types, missing and
 * extra fields, prototype keys, huge and odd values. Expected: never a throw, every rejection names
 * a field, and anything accepted scores. FUZZ_RUNS raises the count for long runs; the seed is fixed in CI.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const catalog = loadCatalog();
const questionnaire = catalog.questionnaires.find((q) => q.id === 'crm-health-check')!;
const questionIds = questionnaire.questions.map((q) => q.id);

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '\u202e\u0000', '<script>alert(1)</script>', '𝕏'.repeat(300), 'dont-know', 'not-applicable', 'yes', 'no'),
  fc.string({ minLength: 20_000, maxLength: 30_000 }),
);
const oddValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddString,
    fc.double(),
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1e308, 1e308, 0, -0, 3.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(oddString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const answerEntry = fc.oneof(oddValue, fc.record({ value: oddValue, support: fc.oneof(fc.constantFrom('claimed', 'documented', 'demonstrated'), oddString), comment: oddValue }, { requiredKeys: [] }));
const answers = fc.dictionary(fc.oneof(fc.constantFrom(...questionIds), oddString), answerEntry, { maxKeys: 8 });
const role = fc.oneof(fc.constantFrom('executive', 'project-manager', 'business', 'it', 'procurement', 'end-user'), oddString);
const answersFile = fc.record(
  {
    questionnaire: fc.oneof(fc.constant('crm-health-check@1.0.0'), oddString),
    organisation: fc.oneof(fc.record({ name: oddString }), oddValue),
    respondent: fc.oneof(fc.record({ role }), oddValue),
    answers: fc.oneof(answers, oddValue),
    respondents: fc.array(fc.record({ id: oddString, role, answers }), { maxLength: 3 }),
    __proto__: oddValue,
    constructor: oddValue,
    extra: oddValue,
  },
  { requiredKeys: [] },
);

const asYaml = (data: unknown) => {
  try { return stringify(data); } catch { return JSON.stringify(data) ?? 'null'; }
};

describe('generated bad answers files', () => {
  it('never throw; every problem names where it is; what is accepted scores', () => {
    fc.assert(
      fc.property(answersFile, (data) => {
        const { loaded, issues } = loadAnswersText(asYaml(data), catalog, 'fuzz.yaml');
        if (loaded) {
          const result = scoreAssessment(loaded.assessment, loaded.questionnaire, loaded.rules);
          expect(result.inputHash).toMatch(/^[0-9a-f]{64}$/);
        } else {
          expect(issues.length).toBeGreaterThan(0);
          for (const i of issues) {
            expect(i.file).toMatch(/^fuzz\.yaml/);
            expect(i.message.length).toBeGreaterThan(0);
            expect(i.message).not.toMatch(/\n\s+at /);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('survives raw text: broken YAML, aliases, huge documents', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('a: &a [*a, *a]\n', 'a: [&x 1, *x, *y]\n', '{', ': :', '\t- x', 'key: "unterminated', 'a: 1\na: 2\n')), (text) => {
        const { parsed, issues } = parseYamlText(text, 'raw.yaml');
        expect(parsed !== undefined || issues.length > 0).toBe(true);
        for (const i of issues) expect(i.file).toMatch(/^raw\.yaml(:\d+)?$/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('generated bad questionnaire and rule files', () => {
  const base = questionnaire as unknown as Record<string, unknown>;
  const rules = catalog.ruleSets[0] as unknown as Record<string, unknown>;
  const mutate = (doc: Record<string, unknown>) =>
    fc.tuple(fc.constantFrom(...Object.keys(doc)), oddValue, fc.boolean()).map(([key, value, remove]) => {
      const copy: Record<string, unknown> = JSON.parse(JSON.stringify(doc));
      if (remove) delete copy[key];
      else copy[key] = value;
      return copy;
    });

  for (const [name, doc, schema] of [['questionnaire', base, QuestionnaireSchema], ['rule set', rules, RuleSetSchema]] as const) {
    it(`a ${name} with a field removed or replaced is rejected with the field named`, () => {
      fc.assert(
        fc.property(mutate(doc), (data) => {
          const r = schema.safeParse(data);
          if (r.success) return; // the replacement happened to be valid
          const issues = fromZodError(r.error, 'f.yaml', data);
          expect(issues.length).toBeGreaterThan(0);
          for (const i of issues) expect(typeof i.path).toBe('string');
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
