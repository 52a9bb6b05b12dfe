import { describe, expect, it } from 'vitest';
import { loadAnswersText } from '../../src/adapters/catalog/load-answers.ts';
import { formatIssue } from '../../src/core/errors.ts';
import { miniCatalog } from './helpers.ts';

const problems = (text: string) => loadAnswersText(text, miniCatalog(), 'answers.yaml').issues.map(formatIssue);

const head = 'questionnaire: mini@1.0.0\norganisation: { name: Acme }\n';

describe('bad answers files get one message per problem', () => {
  it('names an unknown question with the respondent', () => {
    expect(problems(`${head}respondent: { role: it, id: ann }\nanswers:\n  S9: 3\n`)).toEqual([
      'answers.yaml:5 › answers.S9: respondent "ann" (it): question "S9" does not exist in mini@1.0.0',
    ]);
  });

  it('names a value the question does not allow, and what it allows', () => {
    expect(problems(`${head}respondent: { role: it }\nanswers:\n  S3: maybe\n  S2: 2\n`)).toEqual([
      'answers.yaml:5 › answers.S3: respondent "respondent-1" (it), question "S3": received "maybe", expected one of "none", "named", "active", "dont-know" or "not-applicable"',
      'answers.yaml:6 › answers.S2: respondent "respondent-1" (it), question "S2": received 2, expected "yes" or "no", or "dont-know"',
    ]);
  });

  it('rejects out-of-range numbers and wrong types', () => {
    expect(problems(`${head}respondent: { role: it }\nanswers:\n  D1: 140\n  S1: "high"\n  D2: owner\n`)).toEqual([
      'answers.yaml:5 › answers.D1: respondent "respondent-1" (it), question "D1": received 140, expected a percentage from 0 to 100, or "dont-know"',
      'answers.yaml:6 › answers.S1: respondent "respondent-1" (it), question "S1": received "high", expected one of the scale levels 1, 2, 3, 4, or "dont-know"',
      'answers.yaml:7 › answers.D2: respondent "respondent-1" (it), question "D2": received "owner", expected a list of "owner", "monitor", "nothing", or "dont-know"',
    ]);
  });

  it('rejects "not applicable" where it is not offered', () => {
    expect(problems(`${head}respondent: { role: it }\nanswers:\n  S1: not-applicable\n`)).toEqual([
      'answers.yaml:5 › answers.S1: respondent "respondent-1" (it), question "S1": "not applicable" is not offered for this question; expected one of the scale levels 1, 2, 3, 4, or "dont-know"',
    ]);
  });

  it('rejects an unknown role, listing the roles', () => {
    expect(problems(`${head}respondent: { role: ceo }\nanswers:\n  S1: 3\n`)).toEqual([
      'answers.yaml:3 › respondent.role: received "ceo", expected one of "executive", "project-manager", "business", "it", "procurement", "end-user"',
    ]);
  });

  it('rejects a question not asked of the role', () => {
    expect(problems(`${head}respondent: { role: executive }\nanswers:\n  D1: 3\n`)).toEqual([
      'answers.yaml:5 › answers.D1: respondent "respondent-1" (executive): question "D1" is not asked of role "executive" (asked of business, it)',
    ]);
  });

  it('names a questionnaire version that does not exist', () => {
    expect(problems('questionnaire: mini@9.0.0\norganisation: { name: Acme }\nrespondent: { role: it }\nanswers: {}\n')).toEqual([
      'answers.yaml:1 › questionnaire: questionnaire "mini@9.0.0" not found (available: mini@1.0.0, mini@1.1.0)',
    ]);
  });

  it('points at the line of broken YAML', () => {
    const [first] = problems(`${head}respondent: { role: it\nanswers:\n  S1: 3\n`);
    expect(first).toMatch(/^answers\.yaml:\d+: not valid YAML: /);
  });

  it('names missing fields and unknown fields', () => {
    expect(problems('questionnaire: mini\nrespondent: { role: it }\nanswers: {}\nextra: 1\n')).toEqual([
      'answers.yaml:1 › questionnaire: write it as id@version, e.g. crm-readiness@1.0.0 (received "mini")',
      'answers.yaml:1 › organisation: required field is missing (expected object)',
      'answers.yaml:1: unknown field "extra"',
    ]);
  });

  it('reports duplicate respondent ids', () => {
    expect(problems(`${head}respondents:\n  - { id: a, role: it, answers: {} }\n  - { id: a, role: it, answers: {} }\n`)).toEqual([
      'answers.yaml:5 › respondents[1]: respondent id "a" is used twice',
    ]);
  });

  it('treats a blank value (a template key not yet filled in) as unanswered', () => {
    const { loaded, issues } = loadAnswersText(`${head}respondent: { role: it }\nanswers:\n  S1:\n  S2: "yes"\n`, miniCatalog());
    expect(issues).toEqual([]);
    expect(Object.keys(loaded!.assessment.respondents[0]!.answers)).toEqual(['S2']);
  });
});
