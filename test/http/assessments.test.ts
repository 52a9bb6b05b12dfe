import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent, QUESTIONNAIRE, addConsultant, build, createAssessment, invite, setupAdmin, type TestApp } from './helpers.ts';

let t: TestApp;
let admin: Agent;
let ben: Agent & { id: number };
let cleo: Agent & { id: number };
beforeEach(async () => {
  t = await build();
  admin = await setupAdmin(t.app);
  ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
  cleo = await addConsultant(t.app, admin, 'Cleo', 'cleo@example.com');
});
afterEach(async () => { await t.close(); });

describe('catalog and assessments', () => {
  test('the catalog lists scorable questionnaires with the roles they ask', async () => {
    const { questionnaires } = (await ben.get('/api/catalog')).json();
    const q = questionnaires.find((x: { ref: string }) => x.ref === QUESTIONNAIRE);
    expect(q.roles).toEqual(expect.arrayContaining(['executive', 'end-user']));
    expect(q.title.en).toBeTruthy();
    expect(q.title['zh-CN']).toBeTruthy();
  });

  test('creates an assessment on a client and shows it with its roles', async () => {
    const { clientId, assessmentId } = await createAssessment(ben);
    const detail = (await ben.get(`/api/assessments/${assessmentId}`)).json();
    expect(detail.assessment).toMatchObject({ clientId, title: 'Readiness 2025', status: 'open', locale: 'en', dueDate: '2025-04-01' });
    expect(detail.assessment.questionnaireTitle.en).toBeTruthy();
    expect(detail.roles.find((r: { role: string }) => r.role === 'executive')).toMatchObject({ label: { en: 'Executive' }, questions: expect.any(Number) });
    expect(detail.anonymityMinimum).toBeGreaterThan(0);
    expect((await ben.get(`/api/clients/${clientId}`)).json().assessments).toHaveLength(1);
  });

  test('validation: unknown questionnaire, bad date, bad locale, extra fields', async () => {
    const clientId = (await ben.post('/api/clients', { name: 'Acme' })).json().client.id;
    const res = await ben.post(`/api/clients/${clientId}/assessments`, { title: 'X', questionnaire: 'nope@9.9.9', locale: 'fr', dueDate: '2025-13-45', x: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.dueDate', 'body.locale']);
    const unknown = await ben.post(`/api/clients/${clientId}/assessments`, { title: 'X', questionnaire: 'nope@9.9.9' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0]).toMatchObject({ path: 'body.questionnaire', message: expect.stringContaining('not available') });
  });

  test("another consultant's assessment is 404 everywhere and stays unchanged", async () => {
    const { assessmentId } = await createAssessment(ben);
    const [r] = await invite(ben, assessmentId, [{ role: 'executive' }]);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/assessments/${assessmentId}`], ['PATCH', `/api/assessments/${assessmentId}`, { title: 'Hacked', locale: 'en' }],
      ['POST', `/api/assessments/${assessmentId}/close`], ['POST', `/api/assessments/${assessmentId}/reopen`],
      ['POST', `/api/assessments/${assessmentId}/invitations`, { invitations: [{ role: 'it' }] }],
      ['GET', `/api/assessments/${assessmentId}/dashboard`], ['GET', `/api/assessments/${assessmentId}/export.json`], ['GET', `/api/assessments/${assessmentId}/export.csv`],
      ['POST', `/api/assessments/${assessmentId}/import`, { content: 'x: 1' }], ['GET', `/api/assessments/${assessmentId}/report`],
      ['POST', `/api/respondents/${r!.id}/link`], ['DELETE', `/api/respondents/${r!.id}`], ['POST', `/api/respondents/${r!.id}/reopen`],
    ];
    for (const [method, url, body] of routes) {
      const res = await cleo.request(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('Readiness 2025');
      expect((await new Agent(t.app).request(method as 'GET', url, body)).statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    const detail = (await ben.get(`/api/assessments/${assessmentId}`)).json();
    expect(detail.assessment).toMatchObject({ title: 'Readiness 2025', status: 'open' });
    expect(detail.respondents).toHaveLength(1);
    expect(detail.respondents[0].status).toBe('not-opened');
    // The link still works: nothing above revoked or replaced it.
    expect((await t.app.inject({ method: 'GET', url: `/api/r/${r!.token}` })).statusCode).toBe(200);
  });

  test('edit, close and reopen', async () => {
    const { assessmentId } = await createAssessment(ben);
    const edited = await ben.patch(`/api/assessments/${assessmentId}`, { title: 'Renamed', locale: 'zh-CN', dueDate: null });
    expect(edited.json().assessment).toMatchObject({ title: 'Renamed', locale: 'zh-CN', dueDate: null });
    expect((await ben.patch(`/api/assessments/${assessmentId}`, { title: '' })).json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.locale', 'body.title']);
    const closed = await ben.post(`/api/assessments/${assessmentId}/close`);
    expect(closed.json().assessment).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await ben.post(`/api/assessments/${assessmentId}/close`)).statusCode).toBe(409);
    expect((await ben.post(`/api/assessments/${assessmentId}/reopen`)).json().assessment).toMatchObject({ status: 'open', closedAt: null });
  });

  test('a member of the client works on its assessments too', async () => {
    const { clientId, assessmentId } = await createAssessment(ben);
    await ben.post(`/api/clients/${clientId}/members`, { email: 'cleo@example.com' });
    expect((await cleo.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(200);
    expect((await cleo.post(`/api/assessments/${assessmentId}/invitations`, { invitations: [{ role: 'it' }] })).statusCode).toBe(201);
  });
});

describe('invitations', () => {
  test('creates one link per person with a 256-bit token; only its hash is stored', async () => {
    const { assessmentId } = await createAssessment(ben);
    const res = await ben.post(`/api/assessments/${assessmentId}/invitations`, { invitations: [{ role: 'executive', name: ' Grace ' }, { role: 'end-user' }, { role: 'end-user' }] });
    expect(res.statusCode).toBe(201);
    const links = res.json().links;
    expect(links.map((l: { respondent: { key: string } }) => l.respondent.key)).toEqual(['executive-1', 'end-user-1', 'end-user-2']);
    expect(links[0].respondent).toMatchObject({ name: 'Grace', role: 'executive', status: 'not-opened', hasLink: true });
    for (const l of links) {
      expect(l.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(l.path).toBe(`/r/${l.token}`);
    }
    expect(new Set(links.map((l: { token: string }) => l.token)).size).toBe(3);
    const stored = t.store.db.prepare('SELECT token_hash FROM respondents').all() as Array<{ token_hash: string }>;
    for (const row of stored) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const raw = t.store.db.prepare("SELECT count(*) AS n FROM respondents WHERE token_hash = ?").get(links[0].token) as { n: number };
    expect(raw.n).toBe(0);
    // The detail view never shows tokens again.
    expect((await ben.get(`/api/assessments/${assessmentId}`)).body).not.toContain(links[0].token);
  });

  test('validation: role, name length, an empty list, a past expiry, a role without questions', async () => {
    const { assessmentId } = await createAssessment(ben);
    const bad = await ben.post(`/api/assessments/${assessmentId}/invitations`, { invitations: [{ role: 'ceo' }, { role: 'it', name: 'x'.repeat(201) }] });
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(['body.invitations[0].role', 'body.invitations[1].name']);
    expect((await ben.post(`/api/assessments/${assessmentId}/invitations`, { invitations: [] })).json().issues[0].path).toBe('body.invitations');
    const past = await ben.post(`/api/assessments/${assessmentId}/invitations`, { invitations: [{ role: 'it' }], expiresOn: '2020-01-01' });
    expect(past.json().issues[0].path).toBe('body.expiresOn');
    expect((t.store.db.prepare('SELECT count(*) AS n FROM respondents').get() as { n: number }).n).toBe(0);
  });

  test('a closed assessment takes no new invitations', async () => {
    const { assessmentId } = await createAssessment(ben);
    await ben.post(`/api/assessments/${assessmentId}/close`);
    const res = await ben.post(`/api/assessments/${assessmentId}/invitations`, { invitations: [{ role: 'it' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ERR_ASSESSMENT_CLOSED');
  });

  test('a new link replaces the old one; revoking makes the link 404', async () => {
    const { assessmentId } = await createAssessment(ben);
    const [r] = await invite(ben, assessmentId, [{ role: 'it' }]);
    const fresh = (await ben.post(`/api/respondents/${r!.id}/link`)).json();
    expect(fresh.token).not.toBe(r!.token);
    expect((await t.app.inject({ method: 'GET', url: `/api/r/${r!.token}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/r/${fresh.token}` })).statusCode).toBe(200);
    const revoked = await ben.delete(`/api/respondents/${r!.id}`);
    expect(revoked.json().respondent.status).toBe('revoked');
    expect((await t.app.inject({ method: 'GET', url: `/api/r/${fresh.token}` })).statusCode).toBe(404);
    expect((await ben.post(`/api/respondents/${r!.id}/link`)).statusCode).toBe(409);
    expect((await ben.post('/api/respondents/99999/link')).statusCode).toBe(404);
  });

  test('reopen unlocks submitted answers; reopening unsubmitted ones is a conflict', async () => {
    const { assessmentId } = await createAssessment(ben);
    const [r] = await invite(ben, assessmentId, [{ role: 'executive' }]);
    expect((await ben.post(`/api/respondents/${r!.id}/reopen`)).statusCode).toBe(409);
    const state = (await t.app.inject({ method: 'GET', url: `/api/r/${r!.token}` })).json();
    const q = state.sections[0].questions.find((x: { type: string }) => x.type === 'scale' || x.type === 'yesno');
    await t.app.inject({ method: 'PUT', url: `/api/r/${r!.token}/answers/${q.id}`, payload: { value: q.type === 'scale' ? q.levels[0].value : 'yes' } });
    await t.app.inject({ method: 'POST', url: `/api/r/${r!.token}/submit` });
    const reopened = await ben.post(`/api/respondents/${r!.id}/reopen`);
    expect(reopened.json().respondent.status).toBe('in-progress');
  });
});
