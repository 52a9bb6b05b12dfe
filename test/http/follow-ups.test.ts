import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { findQuestionnaire } from '../../src/adapters/catalog/load-catalog.ts';
import { buildFollowUpCatalog, FOLLOW_UP_VERSION, RENAMED, SPLIT } from '../support/follow-up-catalog.ts';
import { answerAll, fakeRenderer } from './answer-helpers.ts';
import { Agent, addConsultant, build, createAssessment, invite, setupAdmin, type TestApp } from './helpers.ts';

const fixtureDir = mkdtempSync(path.join(tmpdir(), 'crm-followup-catalog-'));
const catalog = buildFollowUpCatalog(fixtureDir);
afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));
const v1 = findQuestionnaire(catalog, 'crm-readiness', '1.0.0')!;
const v11 = findQuestionnaire(catalog, 'crm-readiness', FOLLOW_UP_VERSION)!;

let t: TestApp;
let renderer: ReturnType<typeof fakeRenderer>;
let ben: Agent;
let cleo: Agent;
let clientId: number;
let previousId: number;
let previousLinks: Array<{ token: string }>;
beforeEach(async () => {
  renderer = fakeRenderer();
  t = await build({ reports: renderer, catalog });
  const admin = await setupAdmin(t.app);
  ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
  cleo = await addConsultant(t.app, admin, 'Cleo', 'cleo@example.com');
  ({ clientId, assessmentId: previousId } = await createAssessment(ben, 'Globex', 'crm-readiness@1.0.0'));
  previousLinks = await invite(ben, previousId, [{ role: 'executive', name: 'Grace' }, { role: 'executive', name: 'Hal' }, { role: 'executive' }, { role: 'business', name: '李娜' }]);
  for (const l of previousLinks.slice(0, 3)) await answerAll(t.app, v1, l.token, 'executive', 0);
  await answerAll(t.app, v1, previousLinks[3]!.token, 'business', 0);
  await ben.post(`/api/assessments/${previousId}/close`);
});
afterEach(async () => { await t.close(); });

const followUp = async (body: object) => {
  const res = await ben.post(`/api/assessments/${previousId}/follow-ups`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { assessment: { id: number; questionnaireVersion: string; locale: string }; links: Array<{ token: string; path: string; respondent: { role: string; name: string | null } }> };
};

describe('starting a follow-up', () => {
  test('same people: a new link for every earlier respondent, with their name and role; the newest version by default', async () => {
    const { assessment, links } = await followUp({ title: 'Readiness 2026' });
    expect(assessment).toMatchObject({ questionnaireVersion: FOLLOW_UP_VERSION, locale: 'en', status: 'open', clientId });
    expect(links.map((l) => [l.respondent.role, l.respondent.name])).toEqual([['executive', 'Grace'], ['executive', 'Hal'], ['executive', null], ['business', '李娜']]);
    for (const l of links) expect(l.path).toBe(`/r/${l.token}`);
    // The old links stay the old assessment's; the new ones open the new questionnaire.
    expect((await t.app.inject({ method: 'GET', url: `/api/r/${links[0]!.token}` })).json().questionnaire.ref).toBe(`crm-readiness@${FOLLOW_UP_VERSION}`);
    const chain = (await ben.get(`/api/assessments/${assessment.id}/follow-ups`)).json();
    expect(chain.previous).toMatchObject({ id: previousId, title: 'Readiness 2025' });
    expect((await ben.get(`/api/assessments/${previousId}/follow-ups`)).json().followUps.map((a: { id: number }) => a.id)).toEqual([assessment.id]);
  });

  test('same roles: unnamed links in the same mix; none: no links', async () => {
    const roles = await followUp({ title: 'Roles only', invite: 'same-roles', questionnaire: 'crm-readiness@1.0.0', locale: 'zh-CN', expiresOn: '2025-06-30' });
    expect(roles.assessment).toMatchObject({ questionnaireVersion: '1.0.0', locale: 'zh-CN' });
    expect(roles.links.map((l) => [l.respondent.role, l.respondent.name])).toEqual([['executive', null], ['executive', null], ['executive', null], ['business', null]]);
    expect((await followUp({ title: 'Later', invite: 'none' })).links).toEqual([]);
  });

  test('validation names each field: another questionnaire, an older or unknown version, a bad invite mode, a past expiry', async () => {
    const other = await ben.post(`/api/assessments/${previousId}/follow-ups`, { title: 'x', questionnaire: 'crm-health-check@1.0.0' });
    expect(other.statusCode).toBe(400);
    expect(other.json().issues).toEqual([{ path: 'body.questionnaire', message: 'a follow-up repeats crm-readiness; "crm-health-check@1.0.0" is another questionnaire, so the two could not be compared' }]);
    const unknown = await ben.post(`/api/assessments/${previousId}/follow-ups`, { title: 'x', questionnaire: 'crm-readiness@9.0.0', expiresOn: '2025-01-01' });
    expect(unknown.json().issues).toEqual([
      { path: 'body.questionnaire', message: `"crm-readiness@9.0.0" is not available (available: crm-readiness@1.0.0, crm-readiness@${FOLLOW_UP_VERSION})` },
      { path: 'body.expiresOn', message: 'choose today or a later day' },
    ]);
    const newer = (await followUp({ title: 'On 1.1', invite: 'none' })).assessment.id;
    const older = await ben.post(`/api/assessments/${newer}/follow-ups`, { title: 'x', questionnaire: 'crm-readiness@1.0.0' });
    expect(older.json().issues[0].message).toBe(`version 1.0.0 is older than the ${FOLLOW_UP_VERSION} of the assessment it follows; choose ${FOLLOW_UP_VERSION} or later`);
    const shape = await ben.post(`/api/assessments/${previousId}/follow-ups`, { title: '', invite: 'everyone', questionnaire: 'crm-readiness' });
    expect(shape.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.invite', 'body.questionnaire', 'body.title']);
  });

  test('needs a session and the CSRF token; another consultant gets 404', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/assessments/${previousId}/follow-ups`, payload: { title: 'x' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/assessments/${previousId}/follow-ups`, payload: { title: 'x' }, headers: { cookie: ben.cookie } })).statusCode).toBe(403);
    expect((await cleo.post(`/api/assessments/${previousId}/follow-ups`, { title: 'x' })).statusCode).toBe(404);
    expect((await cleo.get(`/api/assessments/${previousId}/follow-ups`)).statusCode).toBe(404);
    expect((await cleo.get(`/api/assessments/${previousId}/comparison`)).statusCode).toBe(404);
    expect((await cleo.get(`/api/assessments/${previousId}/actions`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/assessments/${previousId}/comparison` })).statusCode).toBe(401);
  });
});

describe('the plan\'s actions', () => {
  test('listed with their status; marked done, in progress or dropped; bad input named; unknown actions 404', async () => {
    const { actions } = (await ben.get(`/api/assessments/${previousId}/actions`)).json();
    expect(actions.length).toBeGreaterThan(3);
    expect(actions.every((a: { status: string }) => a.status === 'not-started')).toBe(true);
    const [a, b, c] = actions as Array<{ id: string }>;
    expect((await ben.put(`/api/assessments/${previousId}/actions/${a!.id}`, { status: 'done', note: 'Signed off in May' })).json()).toEqual({ actionId: a!.id, status: 'done', note: 'Signed off in May' });
    await ben.put(`/api/assessments/${previousId}/actions/${b!.id}`, { status: 'in-progress' });
    await ben.put(`/api/assessments/${previousId}/actions/${c!.id}`, { status: 'dropped' });
    const after = (await ben.get(`/api/assessments/${previousId}/actions`)).json().actions;
    expect(after.slice(0, 3).map((x: { status: string; updatedBy: string | null }) => [x.status, x.updatedBy])).toEqual([['done', 'Ben'], ['in-progress', 'Ben'], ['dropped', 'Ben']]);
    const bad = await ben.put(`/api/assessments/${previousId}/actions/${a!.id}`, { status: 'finished', note: 'x'.repeat(2001) });
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.note', 'body.status']);
    expect((await ben.put(`/api/assessments/${previousId}/actions/NO-SUCH-ACTION`, { status: 'done' })).statusCode).toBe(404);
    expect((await cleo.put(`/api/assessments/${previousId}/actions/${a!.id}`, { status: 'dropped' })).statusCode).toBe(404);
  });
});

describe('comparing', () => {
  test('on the same version: change per dimension and overall, findings closed, the earlier plan\'s actions', async () => {
    const { assessment, links } = await followUp({ title: 'Readiness 2026', questionnaire: 'crm-readiness@1.0.0' });
    for (const l of links.slice(0, 3)) await answerAll(t.app, v1, l.token, 'executive', 1);
    await answerAll(t.app, v1, links[3]!.token, 'business', 1);
    const firstAction = (await ben.get(`/api/assessments/${previousId}/actions`)).json().actions[0].id;
    await ben.put(`/api/assessments/${previousId}/actions/${firstAction}`, { status: 'done' });
    const res = await ben.get(`/api/assessments/${assessment.id}/comparison`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.previous).toMatchObject({ id: previousId, title: 'Readiness 2025', questionnaire: { version: '1.0.0' } });
    expect(c.questions).toMatchObject({ basis: 'same-version', renamed: 0, split: 0, removed: 0 });
    expect(c.questions.carried).toBe(c.questions.previousTotal);
    expect(c.overall.delta).toBeGreaterThan(30);
    expect(c.overall.delta).toBeCloseTo(c.overall.after - c.overall.before, 1);
    expect(c.overall.bandBefore).toBe('high-risk');
    for (const d of c.dimensions) if (d.before !== null) expect(d.delta).toBeGreaterThan(0);
    expect(c.findings.closed.length).toBeGreaterThan(5);
    expect(c.findings.closed[0].severityAfter).toBeNull();
    expect(c.actions[0]).toMatchObject({ id: firstAction, status: 'done' });
    expect(c.actionCounts.done).toBe(1);
    expect(c.actionCounts['not-started']).toBe(c.actions.length - 1);
  });

  test('across versions: through the mapping 1.1.0 declares, saying how many questions could be compared', async () => {
    const { assessment, links } = await followUp({ title: 'Readiness 2026' });
    for (const l of links.slice(0, 3)) await answerAll(t.app, v11, l.token, 'executive', 1);
    await answerAll(t.app, v11, links[3]!.token, 'business', 1);
    const c = (await ben.get(`/api/assessments/${assessment.id}/comparison`)).json();
    expect(c.current.questionnaire.version).toBe(FOLLOW_UP_VERSION);
    const scoredOld = v1.questions.filter((x) => x.type !== 'text').length;
    // Of 1.0.0's scored questions one is renamed, one split in two, one removed (the free-text one removed does not count).
    expect(c.questions).toMatchObject({ basis: 'mapping', previousTotal: scoredOld, carried: scoredOld - 1, renamed: 1, split: 1, removed: 1 });
    // Compared: every scored, unconditional question of 1.1.0 the executives or the business lead answered both times.
    const answeredBoth = v11.questions.filter((x) => x.type !== 'text' && !x.showIf && (x.roles.includes('executive') || x.roles.includes('business'))).length;
    expect(c.questions.compared).toBe(answeredBoth);
    expect(c.questions.currentTotal).toBe(v11.questions.filter((x) => x.type !== 'text').length);
    // That count includes the renamed question and both halves of the split one: without the
    // mapping they would have no earlier answer, and the count would be three lower.
    expect([RENAMED.to, ...SPLIT.to].every((id) => v11.questions.find((x) => x.id === id)!.roles.includes('executive'))).toBe(true);
    expect(c.overall.delta).toBeGreaterThan(30);
    expect(c.findings.closed.length).toBeGreaterThan(5);
  });

  test('409 without an earlier assessment or answers; 400 for another client\'s assessment', async () => {
    const noPrevious = await ben.get(`/api/assessments/${previousId}/comparison`);
    expect(noPrevious.statusCode).toBe(409);
    expect(noPrevious.json().code).toBe('ERR_NO_PREVIOUS');
    const { assessment } = await followUp({ title: 'Empty', invite: 'none' });
    const empty = await ben.get(`/api/assessments/${assessment.id}/comparison`);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('ERR_NOTHING_ANSWERED');
    const elsewhere = await createAssessment(ben, 'Initech', 'crm-readiness@1.0.0');
    const wrong = await ben.get(`/api/assessments/${assessment.id}/comparison?previous=${elsewhere.assessmentId}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues[0].path).toBe('query.previous');
    expect((await ben.get(`/api/assessments/${assessment.id}/comparison?previous=abc`)).json().issues[0].path).toBe('query.previous');
  });

  test('the full report of a follow-up prints the progress section; a new action status renders it again', async () => {
    const { assessment, links } = await followUp({ title: 'Readiness 2026' });
    await answerAll(t.app, v11, links[0]!.token, 'executive', 1);
    await ben.get(`/api/assessments/${assessment.id}/report?variant=full`);
    expect(renderer.calls[0]!.progress).toMatchObject({ previous: { date: '2025-03-01' }, questions: { basis: 'mapping' } });
    await ben.get(`/api/assessments/${assessment.id}/report?variant=brief`);
    expect(renderer.calls[1]!.progress).toBeNull();
    await ben.get(`/api/assessments/${assessment.id}/report?variant=full`);
    expect(renderer.calls).toHaveLength(2);
    const action = (await ben.get(`/api/assessments/${previousId}/actions`)).json().actions[0].id;
    await ben.put(`/api/assessments/${previousId}/actions/${action}`, { status: 'in-progress' });
    await ben.get(`/api/assessments/${assessment.id}/report?variant=full`);
    expect(renderer.calls).toHaveLength(3);
    expect(renderer.calls[2]!.progress!.actionCounts['in-progress']).toBe(1);
  });
});
