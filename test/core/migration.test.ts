import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findQuestionnaire, loadCatalog } from '../../src/adapters/catalog/load-catalog.ts';
import { formatIssue } from '../../src/core/errors.ts';
import { migrateAnswers } from '../../src/core/questionnaire/migrate-answers.ts';
import { FIXTURES, miniCatalog, scoreMini } from './helpers.ts';

describe('questionnaire versions', () => {
  it('loads several versions side by side', () => {
    const catalog = miniCatalog();
    expect(catalog.questionnaires.map((q) => `${q.id}@${q.version}`)).toEqual(['mini@1.0.0', 'mini@1.1.0']);
  });

  it('carries answers through renames and splits, dropping removed questions', () => {
    const catalog = miniCatalog();
    const from = findQuestionnaire(catalog, 'mini', '1.0.0')!;
    const to = findQuestionnaire(catalog, 'mini', '1.1.0')!;
    const { assessment } = scoreMini({ respondent: { role: 'it', id: 'r1' }, answers: { S1: { value: 3, comment: 'kept' }, S2: 'no', S3: 'named', D2: ['monitor'], D3: 4 }, consensus: { S1: { value: 2 } } });
    const out = migrateAnswers(assessment, from, to);
    expect(out.assessment.questionnaire).toEqual({ id: 'mini', version: '1.1.0' });
    // S1 -> S1-SMART (renamed), S2 kept, S3 -> S3A + S3B (split), D2 kept, D3 removed
    expect(out.assessment.respondents[0]!.answers).toEqual({
      'S1-SMART': { value: 3, comment: 'kept' }, S2: { value: 'no' }, S3A: { value: 'named' }, S3B: { value: 'named' }, D2: { value: ['monitor'] },
    });
    expect(out.carried).toBe(5);
    expect(out.dropped).toEqual([{ respondentId: 'r1', question: 'D3', reason: 'removed in the new version' }]);
    expect(out.assessment.consensus).toEqual({ 'S1-SMART': { value: 2 } });
  });

  it('validate reports broken mappings', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-mapping-'));
    cpSync(path.join(FIXTURES, 'questionnaires'), path.join(dir, 'questionnaires'), { recursive: true });
    const file = path.join(dir, 'questionnaires/mini/1.1.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('S1: S1-SMART', 'S1: S1-SMRT').replace('D3: null', 'D9: null').replace('S3: [S3A, S3B]', 'S3: [S3A, D1]'));
    mkdirSync(path.join(dir, 'scoring-rules'));
    const issues = loadCatalog([path.join(dir, 'questionnaires')], dir).issues.map(formatIssue);
    expect(issues).toEqual([
      'questionnaires/mini/1.1.0.yaml:113 › migrations[0].map.S1: maps "S1" to "S1-SMRT", which does not exist in mini@1.1.0',
      'questionnaires/mini/1.1.0.yaml:114 › migrations[0].map.S3: maps single question "S3" to percent question "D1"; answers cannot carry over between types',
      'questionnaires/mini/1.1.0.yaml:115 › migrations[0].map.D9: question "D9" does not exist in mini@1.0.0',
      'questionnaires/mini/1.1.0.yaml:113 › migrations[0].map: question "D3" of 1.0.0 is neither kept nor mapped; map it to its new id(s) or to null if it was removed',
    ]);
  });
});
