import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { answerAll, fakeRenderer, valueFor } from './answer-helpers.ts';
import { Agent, addConsultant, build, createAssessment, invite, scorableQuestionnaire, setupAdmin, type TestApp } from './helpers.ts';

const q = scorableQuestionnaire();
// A scale question both executives and end users answer, and one only executives see.
const shared = q.questions.find((x) => x.type === 'scale' && x.roles.includes('executive') && x.roles.includes('end-user') && !x.showIf)!;
const execOnly = q.questions.find((x) => x.type === 'yesno' && x.roles.includes('executive') && !x.roles.includes('end-user') && !x.showIf)!;
const text = q.questions.find((x) => x.type === 'text')!;

let t: TestApp;
let renderer: ReturnType<typeof fakeRenderer>;
let ben: Agent;
let cleo: Agent;
let assessmentId: number;
beforeEach(async () => {
  renderer = fakeRenderer();
  t = await build({ reports: renderer });
  const admin = await setupAdmin(t.app);
  ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
  cleo = await addConsultant(t.app, admin, 'Cleo', 'cleo@example.com');
  ({ assessmentId } = await createAssessment(ben, 'Globex'));
  // Three executives (a group large enough to show) answer healthily, two end users (too few) poorly.
  const links = await invite(ben, assessmentId, [{ role: 'executive' }, { role: 'executive' }, { role: 'executive' }, { role: 'end-user' }, { role: 'end-user' }]);
  for (const l of links.slice(0, 3)) await answerAll(t.app, q, l.token, 'executive', 1);
  for (const l of links.slice(3)) await answerAll(t.app, q, l.token, 'end-user', 0);
});
afterEach(async () => { await t.close(); });

const workshop = async (agent = ben) => (await agent.get(`/api/assessments/${assessmentId}/workshop`)).json();

describe('the workshop walk-through', () => {
  test('every scored question with its anonymous distribution; a role group only when big enough', async () => {
    const w = await workshop();
    expect(w).toMatchObject({ anonymityMinimum: 3, respondents: 5, agreed: 0, assessment: { title: 'Readiness 2025', client: 'Globex' } });
    expect(w.questions.some((x: { id: string }) => x.id === text.id)).toBe(false);
    const sq = w.questions.find((x: { id: string }) => x.id === shared.id);
    const levels = q.scales.find((s) => s.id === (shared as { scale: string }).scale)!.levels;
    // 3 executives chose the top level, 2 end users the bottom one.
    expect(sq.distribution.find((b: { key: string }) => b.key === String(levels[levels.length - 1]!.value)).count).toBe(3);
    expect(sq.distribution.find((b: { key: string }) => b.key === String(levels[0]!.value)).count).toBe(2);
    expect(sq.answered).toBe(5);
    expect(sq.groups.map((g: { role: string }) => g.role)).toEqual(['executive']);
    expect(sq.spread).toMatchObject({ min: 0, max: 100 });
    expect(sq.consensus).toBeNull();
    expect(w.questions.map((x: { number: number }) => x.number)).toEqual(w.questions.map((_: unknown, i: number) => i + 1));
  });

  test('recording two agreed answers changes the score; withdrawing one restores it; dissent goes to the report', async () => {
    const before = await workshop();
    // Everyone in the room agrees the shared question is at the bottom level: the executives' optimism goes.
    const bottom = valueFor(q, shared, 0);
    const one = await ben.put(`/api/assessments/${assessmentId}/consensus/${shared.id}`, { value: bottom, dissent: 'The CFO still rates this higher' });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().question).toMatchObject({ source: 'consensus', score: 0, consensus: { value: bottom, dissent: 'The CFO still rates this higher', updatedBy: 'Ben' } });
    const two = await ben.put(`/api/assessments/${assessmentId}/consensus/${execOnly.id}`, { value: valueFor(q, execOnly, 0) });
    expect(two.json()).toMatchObject({ agreed: 2, question: { score: 0, consensus: { dissent: null } } });
    const after = two.json().overall.index;
    expect(after).toBeLessThan(before.overall.index);
    // The dashboard and the report see the same agreed answers.
    expect((await ben.get(`/api/assessments/${assessmentId}/dashboard`)).json().result.overall.index).toBe(after);
    await ben.get(`/api/assessments/${assessmentId}/report?variant=full`);
    expect(renderer.calls[0]!.assessment.consensus).toEqual({ [shared.id]: { value: bottom, dissent: 'The CFO still rates this higher' }, [execOnly.id]: { value: valueFor(q, execOnly, 0) } });

    const withdrawn = await ben.delete(`/api/assessments/${assessmentId}/consensus/${execOnly.id}`);
    expect(withdrawn.json()).toMatchObject({ agreed: 1, question: { source: 'aggregate', consensus: null } });
    await ben.delete(`/api/assessments/${assessmentId}/consensus/${shared.id}`);
    expect((await workshop()).overall.index).toBe(before.overall.index);
  });

  test('bad input names the field; unknown and free-text questions are refused', async () => {
    const bad = await ben.put(`/api/assessments/${assessmentId}/consensus/${shared.id}`, { value: 42, dissent: 'x'.repeat(5001), extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.dissent']);
    const wrongValue = await ben.put(`/api/assessments/${assessmentId}/consensus/${shared.id}`, { value: 42 });
    expect(wrongValue.statusCode).toBe(400);
    expect(wrongValue.json().issues[0].path).toBe('body.value');
    expect(wrongValue.json().issues[0].message).toMatch(/one of the scale levels/);
    expect((await ben.put(`/api/assessments/${assessmentId}/consensus/NOPE-1`, { value: 1 })).statusCode).toBe(404);
    const free = await ben.put(`/api/assessments/${assessmentId}/consensus/${text.id}`, { value: 'we agree' });
    expect(free.statusCode).toBe(400);
    expect(free.json().issues[0].path).toBe('params.questionId');
  });

  test('needs a session and the CSRF token; another consultant gets 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/assessments/${assessmentId}/workshop` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: `/api/assessments/${assessmentId}/consensus/${shared.id}`, payload: { value: 1 } })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'PUT', url: `/api/assessments/${assessmentId}/consensus/${shared.id}`, payload: { value: 1 }, headers: { cookie: ben.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await cleo.get(`/api/assessments/${assessmentId}/workshop`)).statusCode).toBe(404);
    expect((await cleo.put(`/api/assessments/${assessmentId}/consensus/${shared.id}`, { value: valueFor(q, shared, 0) })).statusCode).toBe(404);
    expect((await cleo.delete(`/api/assessments/${assessmentId}/consensus/${shared.id}`)).statusCode).toBe(404);
    expect((await workshop()).agreed).toBe(0);
  });
});
