import { describe, expect, it } from 'vitest';
import { findQuestionnaire, findRuleSetFor } from '../../src/adapters/catalog/load-catalog.ts';
import { loadReportAssets } from '../../src/adapters/report/load-report-assets.ts';
import { renderReportHtml } from '../../src/adapters/report/render-report-html.ts';
import { compareAssessments, type ComparedSide } from '../../src/core/followup/compare-assessments.ts';
import { AnswersFileSchema, type AnswersFile } from '../../src/core/questionnaire/answers-schema.ts';
import { buildAssessment } from '../../src/core/questionnaire/build-assessment.ts';
import type { Questionnaire } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { buildReportView } from '../../src/core/report/build-report-view.ts';
import type { RuleSet } from '../../src/core/scoring/rule-set-schema.ts';
import { scoreAssessment } from '../../src/core/scoring/score-assessment.ts';
import { buildResultSummary } from '../../src/core/summary/build-result-summary.ts';
import { buildWorkshopQuestions } from '../../src/core/workshop/build-workshop-questions.ts';
import { miniCatalog } from './helpers.ts';

const catalog = miniCatalog();
const v1 = findQuestionnaire(catalog, 'mini', '1.0.0')!;
const v11 = findQuestionnaire(catalog, 'mini', '1.1.0')!;
const rules1 = findRuleSetFor(catalog, v1)!;
/**
 * The mini rules carried to 1.1.0 the way an author would: S1 became S1-SMART, S3 became S3A (the
 * project sponsor); DIRTY-DATA is re-rated from high to critical, so a severity change shows.
 */
const rules11 = JSON.parse(JSON.stringify(rules1).replaceAll('"question":"S1"', '"question":"S1-SMART"').replaceAll('"question":"S3"', '"question":"S3A"')) as RuleSet;
rules11.version = '1.1.0';
rules11.questionnaire = { id: 'mini', versions: '^1.1.0' };
rules11.findings.find((f) => f.id === 'DIRTY-DATA')!.severity = 'critical';

function side(q: Questionnaire, rules: RuleSet, file: Partial<AnswersFile>): ComparedSide {
  const parsed = AnswersFileSchema.parse({ questionnaire: `mini@${q.version}`, organisation: { name: 'Acme' }, assessment: { title: 'Baseline', date: '2025-03-01' }, ...file });
  const built = buildAssessment(parsed, q, 'test');
  if (!built.assessment) throw new Error(built.issues.map((i) => i.message).join('\n'));
  return { assessment: built.assessment, questionnaire: q, rules, result: scoreAssessment(built.assessment, q, rules) };
}

describe('comparing a follow-up with the assessment it repeats', () => {
  // Before: the IT lead gives the sickest answer everywhere.
  const before = side(v1, rules1, { respondent: { id: 'it', role: 'it' }, answers: { S1: 1, S2: 'no', S3: 'none', D1: 25, D2: ['nothing'] } });
  // After, on 1.1.0: healthy strategy, duplicates down to 20 % (still dirty), governance in place.
  const after = side(v11, rules11, { respondent: { id: 'it', role: 'it' }, answers: { 'S1-SMART': 4, S2: 'yes', S3A: 'active', S3B: 'named', D1: 20, D2: ['owner', 'monitor'] } });
  const c = compareAssessments(before, after, { 'A-SPONSOR': { status: 'done', note: 'CEO chairs the board', updatedAt: '2025-05-01T10:00:00.000Z' } });

  it('carries the earlier answers through the mapping and says how many questions could be compared', () => {
    // 1.0.0 scores S1 S2 S3 D1 D2 D3 (S4 is free text): S1 renamed, S3 split into S3A + S3B, D3 removed.
    expect(c.questions).toMatchObject({ basis: 'mapping', previousTotal: 6, carried: 5, renamed: 1, split: 1, removed: 1, currentTotal: 6, compared: 6 });
    expect(c.questions.changes.map((x) => [x.id, x.delta])).toEqual([['D2', 100], ['S1-SMART', 100], ['S2', 100], ['S3A', 100], ['S3B', 50], ['D1', 25]]);
  });

  it('changes per dimension and overall, with the arithmetic', () => {
    // Before, on 1.1.0 through the mapping: every answer scores 0 -> strategy 0, data 0, index 0.
    // After: strategy (3×1 + 1×1 + 2×1 + 2×0.5) / 8 = 0.875 -> 87.5;
    //        data: D1 at 20 % is (25-20)/(25-5) = 0.25 -> (2×0.25 + 1×1) / 3 = 0.5 -> 50;
    //        index (2×87.5 + 1×50) / 3 = 75.
    expect(c.dimensions.map((d) => [d.id, d.before, d.after, d.delta])).toEqual([['strategy', 0, 87.5, 87.5], ['data', 0, 50, 50]]);
    expect(c.overall).toEqual({ before: 0, after: 75, delta: 75, bandBefore: 'high-risk', bandAfter: 'ready' });
  });

  it('findings closed, opened and re-rated; the earlier plan\'s actions with their status', () => {
    expect(c.findings.closed.map((f) => [f.id, f.severityBefore, f.severityAfter])).toEqual([['NO-SPONSOR', 'critical', null]]);
    expect(c.findings.opened).toEqual([]);
    // DIRTY-DATA fires both times; the earlier report printed it as high, today's rules say critical.
    expect(c.findings.changed.map((f) => [f.id, f.severityBefore, f.severityAfter])).toEqual([['DIRTY-DATA', 'high', 'critical']]);
    expect(c.actions.map((a) => [a.id, a.status, a.stillPlanned])).toEqual([['A-SPONSOR', 'done', false], ['A-CLEAN', 'not-started', true]]);
    expect(c.actionCounts).toEqual({ 'not-started': 1, 'in-progress': 0, done: 1, dropped: 0 });
    expect(c.previous).toEqual({ title: 'Baseline', date: '2025-03-01', questionnaire: { id: 'mini', version: '1.0.0' } });
  });

  it('the same version compares the answers as they are', () => {
    const again = side(v1, rules1, { respondent: { id: 'it', role: 'it' }, answers: { S1: 4, S2: 'no', S3: 'none', D1: 25, D2: ['nothing'] } });
    const same = compareAssessments(before, again);
    expect(same.questions).toMatchObject({ basis: 'same-version', carried: 6, renamed: 0, split: 0, removed: 0, compared: 5 });
    // S1 from level 1 to 4 (weight 3 of 6): strategy 0 -> 50; index (2×50 + 0) / 3 = 33.3.
    expect(same.overall).toMatchObject({ before: 0, after: 33.3, delta: 33.3 });
    // SMART goals claimed without a baseline: the contradiction appears.
    expect(same.findings.opened.map((f) => f.id)).toEqual(['SMART-NO-BASELINE']);
  });

  it('the full report prints "progress since <date>" in both languages; the brief does not', () => {
    const assets = loadReportAssets();
    const input = { result: after.result, questionnaire: v11, rules: rules11, assessment: after.assessment, progress: c };
    const en = buildReportView(input, { variant: 'full', locale: 'en', includeComments: true, generatedAt: '2025-06-01T00:00:00.000Z', strings: assets.strings.en, templateVersion: assets.version });
    expect(en.progress).toMatchObject({
      title: 'Progress since 1 March 2025',
      overall: { before: '0.0', after: '75.0', delta: '+75.0', bandAfter: 'ready' },
      closed: [{ id: 'NO-SPONSOR', severityLabel: 'Critical' }],
      changed: [{ id: 'DIRTY-DATA', before: 'High', after: 'Critical' }],
      actions: [{ title: 'Name a sponsor', status: 'Done', note: 'CEO chairs the board' }, { title: 'Cleanse data', status: 'Not started', note: null }],
      actionCounts: '1 done, 0 in progress, 0 dropped, 1 not started.',
    });
    expect(en.progress!.basis).toBe('The earlier answers were carried from version 1.0.0 to 1.1.0 through the mapping 1.1.0 declares: 5 of 6 scored questions carry over (1 renamed, 1 split, 1 removed), and 6 of the 6 scored questions of 1.1.0 were answered in both and are compared. Earlier scores are recomputed on 1.1.0.');
    expect(en.toc.map((x) => x.anchor).slice(0, 2)).toEqual(['sec-summary', 'sec-progress']);
    const html = renderReportHtml(en);
    expect(html).toContain('id="sec-progress"');
    expect(html).toContain('Progress since 1 March 2025');
    const zh = buildReportView(input, { variant: 'full', locale: 'zh-CN', includeComments: true, generatedAt: '2025-06-01T00:00:00.000Z', strings: assets.strings['zh-CN'], templateVersion: assets.version });
    expect(zh.progress!.title).toBe('自 2025年3月1日 以来的进展');
    expect(renderReportHtml(zh)).toContain('上一份计划中的行动');
    const brief = buildReportView(input, { variant: 'brief', locale: 'en', includeComments: true, generatedAt: '2025-06-01T00:00:00.000Z', strings: assets.strings.en, templateVersion: assets.version });
    expect(brief.progress).toBeNull();
  });
});

describe('the workshop view of the answers', () => {
  // Mini's anonymity minimum is 2: two executives form a group, the one IT lead does not.
  const { assessment, result } = side(v1, rules1, {
    respondents: [
      { id: 'e1', role: 'executive', answers: { S1: 4, S2: 'yes', S3: 'active' } },
      { id: 'e2', role: 'executive', answers: { S1: 3, S2: 'yes', S3: 'dont-know' } },
      { id: 'i1', role: 'it', answers: { S1: 1, S2: 'no', S3: 'none', D1: 12, D2: ['owner', 'monitor'], D3: 0 } },
    ],
    consensus: { S1: { value: 2, dissent: 'The CEO says 4' } },
  });
  const qs = buildWorkshopQuestions(assessment, v1, result);
  const byId = new Map(qs.map((q) => [q.id, q]));

  it('walks the scored questions in order, leaving free text out', () => {
    expect(qs.map((q) => q.id)).toEqual(['S1', 'S2', 'S3', 'D1', 'D2', 'D3']);
    expect(qs.map((q) => q.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('counts each answer; breaks out a role group only when enough of it answered the question', () => {
    const s1 = byId.get('S1')!;
    expect(s1.distribution.map((b) => [b.key, b.count])).toEqual([['1', 1], ['2', 0], ['3', 1], ['4', 1], ['dont-know', 0]]);
    expect(s1.groups.map((g) => [g.role, g.answered])).toEqual([['executive', 2]]);
    expect(s1.groups[0]!.distribution.map((b) => b.count)).toEqual([0, 0, 1, 1, 0]);
    // The agreed answer (level 2 of 4 = 1/3) replaces the aggregate; the spread of the answers stays.
    expect(s1).toMatchObject({ source: 'consensus', score: 33.3, consensus: { value: 2, dissent: 'The CEO says 4' }, spread: { min: 0, max: 100 } });
    expect(byId.get('S3')!.distribution.map((b) => [b.key, b.count])).toEqual([['none', 1], ['named', 0], ['active', 1], ['dont-know', 1], ['not-applicable', 0]]);
    // D1 (percent) in five bins of 20; only the IT lead was asked, so no group.
    expect(byId.get('D1')!.distribution.map((b) => [b.key, b.count])).toEqual([['0-20', 1], ['20-40', 0], ['40-60', 0], ['60-80', 0], ['80-100', 0], ['dont-know', 0]]);
    expect(byId.get('D1')!.groups).toEqual([]);
    expect(byId.get('D2')!.distribution.filter((b) => b.count).map((b) => b.key)).toEqual(['owner', 'monitor']);
  });

  it('the scorecard summary: top risks in one sentence, first actions, the roadmap by phase', () => {
    const s = buildResultSummary(before().result, v1);
    expect(s.overall).toMatchObject({ index: 0, band: 'high-risk', cappedBy: [] });
    expect(s.topRisks.map((r) => r.id)).toEqual(['NO-SPONSOR', 'DIRTY-DATA']);
    expect(s.findings).toEqual({ critical: 1, high: 1, medium: 0, low: 0 });
    expect(s.firstActions.map((a) => a.id)).toEqual(['A-SPONSOR', 'A-CLEAN']);
    expect(s.roadmap.map((p) => [p.phase, p.actions.map((a) => a.id)])).toEqual([[1, ['A-SPONSOR']], [4, ['A-CLEAN']]]);
  });
});

function before() {
  return side(v1, rules1, { respondent: { id: 'it', role: 'it' }, answers: { S1: 1, S2: 'no', S3: 'none', D1: 25, D2: ['nothing'] } });
}
