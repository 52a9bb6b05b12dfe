import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/adapters/catalog/load-catalog.ts';
import { formatIssue } from '../../src/core/errors.ts';
import { FIXTURES } from './helpers.ts';

const miniQ = readFileSync(path.join(FIXTURES, 'questionnaires/mini/1.0.0.yaml'), 'utf8');
const miniR = readFileSync(path.join(FIXTURES, 'scoring-rules/mini/1.0.0.yaml'), 'utf8');

/** Writes a catalog with edited copies of the mini files and returns every problem, file-relative. */
function problems(edit: { q?: (s: string) => string; r?: (s: string) => string }): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-catalog-'));
  mkdirSync(path.join(dir, 'questionnaires/mini'), { recursive: true });
  mkdirSync(path.join(dir, 'scoring-rules/mini'), { recursive: true });
  writeFileSync(path.join(dir, 'questionnaires/mini/1.0.0.yaml'), (edit.q ?? ((s) => s))(miniQ));
  writeFileSync(path.join(dir, 'scoring-rules/mini/1.0.0.yaml'), (edit.r ?? ((s) => s))(miniR));
  return loadCatalog([path.join(dir, 'questionnaires'), path.join(dir, 'scoring-rules')], dir).issues.map(formatIssue);
}

describe('every shipped questionnaire and rule set', () => {
  it('passes the schemas and the cross-reference checks', () => {
    const catalog = loadCatalog();
    expect(catalog.issues.map(formatIssue)).toEqual([]);
    expect(catalog.questionnaires.map((q) => `${q.id}@${q.version}`).sort()).toEqual(expect.arrayContaining(['crm-health-check@1.0.0', 'crm-readiness@1.0.0']));
  });
});

describe('bad questionnaires', () => {
  it('the unedited fixture is valid', () => expect(problems({})).toEqual([]));

  it('reports a missing translation with file, line and field', () => {
    expect(problems({ q: (s) => s.replace('text: { en: Baseline measured, zh-CN: 已测量基线 }', 'text: { en: Baseline measured }') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:46 › questions[1].text.zh-CN: required field is missing (expected string)',
    ]);
  });

  it('reports a duplicate question id', () => {
    expect(problems({ q: (s) => s.replace('  - id: S2\n', '  - id: S1\n') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:40 › questions[1].id: question id "S1" is used twice',
      // the later definition wins the lookup, so the rules on S1 and S2 are reported too
      'scoring-rules/mini/1.0.0.yaml:50 › findings[1].when.all[0]: operator "gte" compares numbers, but question "S1" is yesno',
      'scoring-rules/mini/1.0.0.yaml:50 › findings[1].when.all[1].question: question "S2" does not exist',
    ]);
  });

  it('reports an unknown scale and an unknown dimension', () => {
    expect(problems({ q: (s) => s.replace('scale: s4', 'scale: s5').replace('dimension: data\n    order: 1', 'dimension: dta\n    order: 1') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:33 › questions[0].scale: question "S1" uses scale "s5", which is not defined in scales (defined: s4)',
      'questionnaires/mini/1.0.0.yaml:73 › questions[4].dimension: question "D1" names dimension "dta", which does not exist (dimensions: strategy, data)',
    ]);
  });

  it('reports a showIf on a question or option that does not exist', () => {
    expect(problems({ q: (s) => s.replace('showIf: { question: D2, op: includes, value: monitor }', 'showIf: { question: D2, op: includes, value: monitoring }') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:105 › questions[6].showIf: question "D2" has no option "monitoring" (options: owner, monitor, nothing)',
    ]);
  });

  it('reports an executive path over 15 minutes', () => {
    expect(problems({ q: (s) => s.replace('minutesPerRole: { executive: 5', 'minutesPerRole: { executive: 25') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:6 › minutesPerRole.executive: the executive path is estimated at 25 minutes; it must take at most 15',
    ]);
  });

  it('reports a wrong question type and an unknown field', () => {
    expect(problems({ q: (s) => s.replace('type: yesno', 'type: boolean').replace('weight: 2\n    title: { en: Strategy', 'weight: 2\n    colour: red\n    title: { en: Strategy') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:16 › dimensions[0]: unknown field "colour"',
      'questionnaires/mini/1.0.0.yaml:44 › questions[1].type: received "boolean", expected one of "scale", "single", "multi", "yesno", "number", "percent", "text"',
    ]);
  });

  it('reports a file at the wrong place', () => {
    expect(problems({ q: (s) => s.replace('id: mini\nversion: 1.0.0', 'id: mini\nversion: 1.0.1'), r: (s) => s.replace('~1.0.0', '~1.0.1') })).toEqual([
      'questionnaires/mini/1.0.0.yaml:2 › id: questionnaire "mini@1.0.1" should live at <folder>/mini/1.0.1.yaml, found at mini/1.0.0.yaml',
    ]);
  });
});

describe('bad rule sets', () => {
  it('reports a rule on a question or option that does not exist', () => {
    expect(problems({ r: (s) => s.replace('when: { question: S3, op: eq, value: none }', 'when: { question: S7, op: eq, value: none }').replace('{ question: D2, op: includes, value: monitor }', '{ question: D2, op: includes, value: monitoring }') })).toEqual([
      'scoring-rules/mini/1.0.0.yaml:38 › findings[0].when.question: question "S7" does not exist',
      'scoring-rules/mini/1.0.0.yaml:61 › findings[2].when.any[1].not: question "D2" has no option "monitoring" (options: owner, monitor, nothing)',
    ]);
  });

  it('reports a comparison that does not fit the question type', () => {
    expect(problems({ r: (s) => s.replace('{ question: S2, op: eq, value: "no" }', '{ question: S2, op: gt, value: 2 }') })).toEqual([
      'scoring-rules/mini/1.0.0.yaml:50 › findings[1].when.all[1]: operator "gt" compares numbers, but question "S2" is yesno',
    ]);
  });

  it('reports a version range that matches nothing', () => {
    expect(problems({ r: (s) => s.replace('~1.0.0', '^2.0.0') })).toEqual([
      'scoring-rules/mini/1.0.0.yaml:4 › questionnaire.versions: range "^2.0.0" matches no version of questionnaire "mini" (found: 1.0.0)',
    ]);
  });

  it('reports unknown actions and a dependency on a later phase', () => {
    expect(problems({ r: (s) => s.replace('actions: [A-SPONSOR]', 'actions: [A-SPONSR]').replace('dependsOn: [A-SPONSOR]', 'dependsOn: [A-CLEAN]') })).toEqual([
      'scoring-rules/mini/1.0.0.yaml:75 › actions[1].dependsOn[0]: action "A-BASELINE" (phase 1) depends on "A-CLEAN" from the later phase 4',
      'scoring-rules/mini/1.0.0.yaml:40 › findings[0].actions[0]: action "A-SPONSR" does not exist',
    ]);
  });

  it('reports a condition of no known form, naming the field', () => {
    expect(problems({ r: (s) => s.replace('when: { question: S3, op: eq, value: none }', 'when: { question: S3, op: equals, value: none }') })).toEqual([
      'scoring-rules/mini/1.0.0.yaml:38 › findings[0].when.op: received "equals", expected one of "eq", "ne", "in", "notIn", "gt", "gte", "lt", "lte", "includes", "excludes", "unknown", "notApplicable", "answered"',
    ]);
  });

  it('reports band thresholds that do not rise', () => {
    expect(problems({ r: (s) => s.replace('bands: { elevated: 40, moderate: 60, ready: 75 }', 'bands: { elevated: 40, moderate: 80, ready: 75 }') })).toEqual([
      'scoring-rules/mini/1.0.0.yaml:5 › bands: band thresholds must rise: elevated (40) < moderate (80) < ready (75)',
    ]);
  });
});
