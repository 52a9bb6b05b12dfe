import { describe, expect, it } from 'vitest';
import type { AnswersFile } from '../../src/core/questionnaire/answers-schema.ts';
import { scoreMini } from './helpers.ts';

const ids = (r: { findings: Array<{ id: string }> }) => r.findings.map((f) => f.id);

describe('findings', () => {
  it('fires a contradiction with the answers that made it fire as evidence', () => {
    const { result } = scoreMini({ respondent: { role: 'it', id: 'r1' }, answers: { S1: { value: 4, comment: 'we have KPIs' }, S2: 'no' } });
    const f = result.findings.find((x) => x.id === 'SMART-NO-BASELINE')!;
    expect(f.kind).toBe('contradiction');
    expect(f.evidence.map((e) => [e.question, e.actual])).toEqual([['S1', 4], ['S2', 'no']]);
    expect(f.evidence[0]!.answers).toEqual([{ respondentId: 'r1', role: 'it', value: 4, comment: 'we have KPIs' }]);
  });

  it('does not fire the contradiction when a baseline exists', () => {
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { S1: 4, S2: 'yes' } });
    expect(ids(result)).not.toContain('SMART-NO-BASELINE');
  });

  it('fires an "any" rule on either branch and not on neither', () => {
    expect(ids(scoreMini({ respondent: { role: 'it' }, answers: { D1: 20, D2: ['owner', 'monitor'] } }).result)).toContain('DIRTY-DATA');
    expect(ids(scoreMini({ respondent: { role: 'it' }, answers: { D1: 1, D2: ['owner'] } }).result)).toContain('DIRTY-DATA');
    expect(ids(scoreMini({ respondent: { role: 'it' }, answers: { D1: 1, D2: ['owner', 'monitor'] } }).result)).not.toContain('DIRTY-DATA');
  });

  it('never lets unknown answers confirm a problem, even under "not"', () => {
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { D1: 'dont-know', D2: 'dont-know' } });
    expect(ids(result)).not.toContain('DIRTY-DATA');
    // 2 of 2 applicable data questions unknown (D3 hidden) >= 0.5: a blind spot instead
    const blind = result.findings.find((f) => f.id === 'BLIND-SPOT-data')!;
    expect(blind.title.en).toBe('Blind spot: Data');
    expect(blind.title['zh-CN']).toBe('盲区：数据');
  });

  it('sorts findings by severity, then likelihood × impact', () => {
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { S1: 4, S2: 'no', S3: 'none', D1: 30, D2: ['nothing'] } });
    expect(ids(result)).toEqual(['NO-SPONSOR', 'DIRTY-DATA', 'SMART-NO-BASELINE']);
  });
});

describe('several respondents', () => {
  const workshop: { respondents: NonNullable<AnswersFile['respondents']> } = {
    respondents: [
      { id: 'e1', role: 'executive' as const, answers: { S1: 4, S2: 'yes', S3: 'active' } },
      { id: 'e2', role: 'executive' as const, answers: { S1: 4, S2: 'yes', S3: 'named' } },
      { id: 'b1', role: 'business' as const, answers: { S1: 1, S2: 'no', S3: 'none', D1: 20, D2: ['nothing'] } },
      { id: 'b2', role: 'business' as const, answers: { S1: 2, S2: 'no', S3: 'named', D1: 30, D2: ['owner'] } },
      { id: 'i1', role: 'it' as const, answers: { S1: 3, S2: 'yes', S3: 'named', D1: 10, D2: ['owner', 'monitor'], D3: 2 } },
    ],
  };

  it('aggregates scales by median with spread', () => {
    const { result } = scoreMini(workshop);
    const s1 = result.questions.find((q) => q.question === 'S1')!;
    // median of 4,4,1,2,3 = 3; scores 1,1,0,0.333,0.667 -> median 0.667
    expect(s1.value).toBe(3);
    expect(s1.score).toBeCloseTo(2 / 3, 5);
    expect(s1.spread).toMatchObject({ min: 0, max: 100 });
  });

  it('takes the most frequent choice, ties going to the less healthy option', () => {
    const { result } = scoreMini(workshop);
    // S2: yes, yes, no, no, yes -> "yes"; S3: active, named, none, named, named -> "named"
    expect(result.questions.find((q) => q.question === 'S2')!.value).toBe('yes');
    expect(result.questions.find((q) => q.question === 'S3')!.value).toBe('named');
    const tie = scoreMini({ respondents: workshop.respondents.slice(0, 4) }).result;
    // yes, yes, no, no -> tie -> "no" (score 0 is the cautious reading)
    expect(tie.questions.find((q) => q.question === 'S2')!.value).toBe('no');
  });

  it('breaks out role groups only at or above the anonymity minimum (2 here)', () => {
    const { result } = scoreMini(workshop);
    const s1 = result.questions.find((q) => q.question === 'S1')!;
    expect(Object.keys(s1.byRole).sort()).toEqual(['business', 'executive']);
    // executives: 4,4 -> 100; business: 1,2 -> scores 0, 0.333 -> median 16.7
    expect(s1.byRole.executive!.score).toBe(100);
    expect(s1.byRole.business!.score).toBeCloseTo(16.67, 1);
    expect(result.dimensions[0]!.byRole.it).toBeUndefined();
  });

  it('records divergences beyond the thresholds and fires gap rules', () => {
    const { result } = scoreMini(workshop);
    const q = result.divergences.find((d) => d.kind === 'question' && d.id === 'S1')!;
    // 100 - 16.7 = 83.3 >= 40
    expect(q.gap).toBe(83.3);
    expect(q.high.role).toBe('executive');
    expect(q.low.role).toBe('business');
    expect(result.findings.map((f) => f.id)).toContain('EXEC-OPTIMISM');
    const dim = result.findings.find((f) => f.id === 'PERCEPTION-GAP-strategy')!;
    expect(dim.title.en).toBe('Executives and Business staff see Strategy differently');
  });

  it('hides role-scoped facts for groups under the minimum', () => {
    const small = scoreMini({ respondents: [workshop.respondents[0]!, workshop.respondents[2]!, workshop.respondents[4]!] }).result;
    expect(small.divergences).toEqual([]);
    expect(small.findings.map((f) => f.id)).not.toContain('EXEC-OPTIMISM');
    expect(small.questions.every((q) => Object.keys(q.byRole).length === 0)).toBe(true);
  });

  it('uses the room\'s agreed answer where there is one, keeping the spread and dissent', () => {
    const { result } = scoreMini({ ...workshop, consensus: { S1: { value: 1, dissent: 'CFO thinks KPIs exist' } } });
    const s1 = result.questions.find((q) => q.question === 'S1')!;
    expect(s1.source).toBe('consensus');
    expect(s1.value).toBe(1);
    expect(s1.score).toBe(0);
    expect(s1.dissent).toBe('CFO thinks KPIs exist');
    expect(s1.spread).toMatchObject({ min: 0, max: 100 });
  });
});
