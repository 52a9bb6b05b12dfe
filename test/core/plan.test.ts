import { describe, expect, it } from 'vitest';
import { scoreMini } from './helpers.ts';

describe('remediation planner', () => {
  it('orders by phase, puts dependencies first and de-duplicates', () => {
    const { result } = scoreMini({
      respondents: [
        { id: 'e1', role: 'executive', answers: { S1: 4, S2: 'no', S3: 'none' } },
        { id: 'e2', role: 'executive', answers: { S1: 4, S2: 'no', S3: 'none' } },
        { id: 'b1', role: 'business', answers: { S1: 1, S2: 'no', S3: 'none', D1: 40, D2: ['nothing'] } },
        { id: 'b2', role: 'business', answers: { S1: 1, S2: 'no', S3: 'none', D1: 40, D2: ['nothing'] } },
      ],
    });
    const plan = result.plan.actions;
    // S1 of 4,4,1,1: the lower middle answer is 1 (< 3), so SMART-NO-BASELINE does not fire and A-BASELINE is not planned
    // A-DISCOVER is a prerequisite of A-CLEAN, but no finding asks for it, so it is not planned.
    expect(plan.map((a) => a.id)).toEqual(['A-SPONSOR', 'A-ALIGN', 'A-CLEAN']);
    // A-SPONSOR: critical(4) × impact 5 × strategy weight 2 = 40, effort S -> value 40: the quick win leads phase 1
    expect(plan[0]!.priority).toBe(40);
    // A-CLEAN comes from DIRTY-DATA (high 3 × 4 × 1 = 12) and the weak data dimension (medium 2 × 3 × 1 = 6): one entry, the higher priority
    const clean = plan.find((a) => a.id === 'A-CLEAN')!;
    expect(clean.priority).toBe(12);
    expect(clean.because.sort()).toEqual(['DIRTY-DATA', 'dimension:data']);
    expect(new Set(plan.map((a) => a.id)).size).toBe(plan.length);
  });

  it('puts a dependency before its dependant even when the dependant has more value per effort', () => {
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { S1: 4, S2: 'no', S3: 'none' } });
    // A-BASELINE: high 3 × 4 × 2 = 24; A-SPONSOR: critical 4 × 5 × 2 = 40; both phase 1.
    expect(result.plan.actions.map((a) => a.id)).toEqual(['A-SPONSOR', 'A-BASELINE']);
  });

  it('does not add a prerequisite nobody asked for', () => {
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { S1: 4, S2: 'no', S3: 'active' } });
    // the sponsor is active: A-BASELINE depends on A-SPONSOR, but A-SPONSOR is not planned
    expect(result.plan.actions.map((a) => a.id)).toEqual(['A-BASELINE']);
  });

  it('keeps dependency order across value for effort', () => {
    // A-CLEAN (phase 4) depends on A-DISCOVER (phase 2): phases already order them; within a phase
    // the dependency rule wins over value, checked here through a blind spot plus dirty data.
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { D1: 'dont-know', D2: ['nothing'] } });
    const ids = result.plan.actions.map((a) => a.id);
    expect(ids.indexOf('A-DISCOVER')).toBeLessThan(ids.indexOf('A-CLEAN'));
  });

  it('plans nothing for a healthy assessment', () => {
    const { result } = scoreMini({ respondent: { role: 'it' }, answers: { S1: 4, S2: 'yes', S3: 'active', D1: 1, D2: ['owner', 'monitor'], D3: 0 } });
    expect(result.findings).toEqual([]);
    expect(result.plan.actions).toEqual([]);
  });
});
