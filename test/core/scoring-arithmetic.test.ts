import { describe, expect, it } from 'vitest';
import { scoreMini } from './helpers.ts';

const it1 = { respondent: { role: 'it' as const, id: 'r1' } };

describe('scoring arithmetic (mini fixture)', () => {
  it('weights and normalises each answer type', () => {
    const { result } = scoreMini({ ...it1, answers: { S1: 3, S2: 'no', S3: 'named', D1: 15, D2: ['owner', 'monitor'], D3: 5 } });
    const strategy = result.dimensions.find((d) => d.id === 'strategy')!;
    const data = result.dimensions.find((d) => d.id === 'data')!;
    // S1 scale 3 of 1..4 -> (3-1)/3 = 0.667; S2 "no" when "yes" is healthy -> 0; S3 "named" -> 0.5
    // (3×0.667 + 1×0 + 2×0.5) / (3+1+2) = 3/6 = 0.5 -> 50
    expect(strategy.score).toBe(50);
    // D1 15% between (5 -> 1) and (25 -> 0) -> 0.5; D2 owner 0.5 + monitor 0.5 = 1; D3 5 between (0 -> 1) and (10 -> 0) -> 0.5
    // (2×0.5 + 1×1 + 1×0.5) / (2+1+1) = 2.5/4 = 0.625 -> 62.5
    expect(data.score).toBe(62.5);
    // overall (2×50 + 1×62.5) / 3 = 54.17 -> 54.2, which is in [40, 60): elevated
    expect(result.overall.index).toBe(54.2);
    expect(result.overall.band).toBe('elevated');
    expect(strategy.band).toBe('elevated');
    expect(data.band).toBe('moderate');
    // every answer unstated support: 0.8 confidence
    expect(strategy.confidence).toBe(0.8);
    expect(result.overall.confidence).toBe(0.8);
  });

  it('leaves "not applicable" out of the denominator', () => {
    const { result } = scoreMini({ ...it1, answers: { S1: 3, S2: 'no', S3: 'not-applicable', D1: 0, D2: ['nothing'] } });
    // (3×0.667 + 1×0) / (3+1) = 2/4 = 0.5 -> 50 (S3 and its weight 2 are gone)
    expect(result.dimensions[0]!.score).toBe(50);
    expect(result.dimensions[0]!.notApplicable).toBe(1);
    // confidence only over applicable questions: (3×0.8 + 1×0.8)/4 = 0.8
    expect(result.dimensions[0]!.confidence).toBe(0.8);
  });

  it('lowers confidence for "don\'t know" without counting it as a problem', () => {
    const { result } = scoreMini({ ...it1, answers: { S1: 'dont-know', S2: 'yes', S3: 'active', D1: 0, D2: ['owner', 'monitor'], D3: 0 } });
    const strategy = result.dimensions[0]!;
    // score only over known answers: (1×1 + 2×1)/(1+2) = 1 -> 100
    expect(strategy.score).toBe(100);
    // confidence: S1 contributes 0 -> (3×0 + 1×0.8 + 2×0.8)/6 = 2.4/6 = 0.4
    expect(strategy.confidence).toBe(0.4);
    expect(strategy.unknown).toBe(1);
    expect(result.findings.map((f) => f.id)).not.toContain('SMART-NO-BASELINE');
  });

  it('weights confidence by how well an answer is supported', () => {
    const { result } = scoreMini({ ...it1, answers: { S1: { value: 4, support: 'claimed' }, S2: { value: 'yes', support: 'demonstrated' }, S3: { value: 'active', support: 'documented' }, D1: 0, D2: ['owner'] } });
    // (3×0.5 + 1×1 + 2×0.9) / 6 = 4.3/6 = 0.7167 -> 0.72
    expect(result.dimensions[0]!.confidence).toBe(0.72);
    // S1 is high-impact and only claimed: listed for checking in the workshop
    expect(result.claimedToCheck).toEqual([{ question: 'S1', dimension: 'strategy', respondentId: 'r1', role: 'it', value: 4 }]);
  });

  it('caps the band through a gate finding', () => {
    const { result } = scoreMini({ ...it1, answers: { S1: 4, S2: 'yes', S3: 'none', D1: 0, D2: ['owner', 'monitor'], D3: 0 } });
    // strategy (3×1 + 1×1 + 2×0)/6 = 66.7; data 100; overall (2×66.67 + 100)/3 = 77.8 -> ready before the gate
    expect(result.overall.index).toBe(77.8);
    expect(result.overall.uncappedBand).toBe('ready');
    expect(result.overall.band).toBe('elevated');
    expect(result.overall.cappedBy).toEqual(['NO-SPONSOR']);
  });

  it('puts each band boundary where the rules say (40/60/75)', () => {
    // data only: D1 at 5% -> 1, D2 ["nothing"] -> 0: (2×1 + 1×0)/3 = 66.7 -> moderate
    const { result } = scoreMini({ respondent: { role: 'business' }, answers: { S1: 1, S2: 'no', S3: 'none', D1: 5, D2: ['nothing'] } });
    expect(result.dimensions[1]!.score).toBe(66.7);
    expect(result.dimensions[1]!.band).toBe('moderate');
    // strategy: all zero -> 0 -> high-risk
    expect(result.dimensions[0]!.band).toBe('high-risk');
  });

  it('is deterministic: the same input gives the same hash and result', () => {
    const a = scoreMini({ ...it1, answers: { S1: 3, S2: 'no' } }).result;
    const b = scoreMini({ ...it1, answers: { S2: 'no', S1: 3 } }).result;
    expect(a.inputHash).toBe(b.inputHash);
    expect(a).toEqual(b);
    const c = scoreMini({ ...it1, answers: { S1: 4, S2: 'no' } }).result;
    expect(c.inputHash).not.toBe(a.inputHash);
  });

  it('reports unanswered questions instead of scoring them silently', () => {
    const { result } = scoreMini({ ...it1, answers: { S1: 3, D2: ['owner'] } });
    // D3 is hidden: D2 does not include "monitor"
    expect(result.unanswered).toEqual([{ respondentId: 'r1', role: 'it', questions: ['S2', 'S3', 'S4', 'D1'] }]);
  });
});
