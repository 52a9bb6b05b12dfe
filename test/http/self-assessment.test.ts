import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { answerAll, fakeRenderer } from './answer-helpers.ts';
import { addConsultant, build, catalog, createAssessment, invite, setupAdmin, type TestApp } from './helpers.ts';

const q = catalog().questionnaires.filter((x) => x.id === 'crm-readiness').sort((a, b) => (a.version < b.version ? 1 : -1))[0]!;
let t: TestApp;
let renderer: ReturnType<typeof fakeRenderer>;
beforeEach(async () => {
  renderer = fakeRenderer();
  t = await build({ reports: renderer });
});
afterEach(async () => { await t.close(); });

async function start(body: unknown = { locale: 'en' }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/self-assessments', payload: body as object });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { token: string; path: string };
}
const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('starting a self-assessment', () => {
  test('needs no account, answers with the private link once, and uses the executive path of crm-readiness', async () => {
    const { token, path } = await start({ locale: 'zh-CN', organisation: 'Hengtai' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(path).toBe(`/s/${token}`);
    const state = (await get(`/api/s/${token}`)).json();
    expect(state.assessment).toMatchObject({ title: '高管自评', organisation: 'Hengtai', locale: 'zh-CN', questionnaire: { ref: `${q.id}@${q.version}` }, minutes: q.minutesPerRole.executive });
    expect(state.scorecard).toBeNull();
    expect(state.progress.answered).toBe(0);
    // The ordinary respondent API serves the questionnaire: the executive's questions only.
    const r = (await get(`/api/r/${token}`)).json();
    expect(r.respondent.role).toBe('executive');
    expect(r.sections.flatMap((s: { questions: unknown[] }) => s.questions)).toHaveLength(q.questions.filter((x) => x.roles.includes('executive')).length);
    // The pitch counts the executive's scored questions that other roles answer too.
    const shared = q.questions.filter((x) => x.roles.includes('executive') && x.type !== 'text' && x.roles.length > 1).length;
    expect(state.pitch.shared).toBe(shared);
    expect(state.pitch.roles.map((r: { en: string }) => r.en)).toContain('End users');
  });

  test('validation names each field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/self-assessments', payload: { locale: 'de', organisation: 'x'.repeat(201), admin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.locale', 'body.organisation']);
    expect(res.body).not.toMatch(/at .*\.ts|stack/i);
  });

  test('creation is rate-limited per address', async () => {
    const limited = await build({ rateLimits: { selfAssessments: 2 } });
    try {
      for (let i = 0; i < 2; i++) expect((await limited.app.inject({ method: 'POST', url: '/api/self-assessments', payload: { locale: 'en' } })).statusCode).toBe(201);
      const third = await limited.app.inject({ method: 'POST', url: '/api/self-assessments', payload: { locale: 'en' } });
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('ERR_RATE_LIMITED');
    } finally { await limited.close(); }
  });
});

describe('the scorecard', () => {
  test('is instant: band, dimensions, top risks in plain words and first actions', async () => {
    const { token } = await start();
    const answered = await answerAll(t.app, q, token, 'executive', 0);
    const state = (await get(`/api/s/${token}`)).json();
    expect(state.progress.answered).toBeGreaterThanOrEqual(answered - 1);
    const s = state.scorecard;
    expect(s.overall.band).toBe('high-risk');
    expect(s.dimensions.map((d: { id: string }) => d.id)).toEqual(q.dimensions.map((d) => d.id));
    expect(s.topRisks.length).toBeGreaterThan(0);
    expect(s.topRisks.length).toBeLessThanOrEqual(5);
    // Plain words: one sentence per risk, no rule ids or traces.
    for (const r of s.topRisks) expect(r.explanation.en.split(/[.!?]\s/).length).toBe(1);
    expect(s.firstActions.length).toBeGreaterThan(0);
    expect(s.respondents).toBe(1);
  });

  test('the PDF, brief or full, in either language; the second download comes from the cache', async () => {
    const { token } = await start();
    expect((await get(`/api/s/${token}/report`)).statusCode).toBe(409);
    await answerAll(t.app, q, token, 'executive', 1);
    const brief = await get(`/api/s/${token}/report?variant=brief&locale=zh-CN`);
    expect(brief.statusCode).toBe(200);
    expect(brief.headers['content-type']).toBe('application/pdf');
    expect(brief.body).toBe('%PDF-1.7 fake brief zh-CN comments=true progress=no');
    expect((await get(`/api/s/${token}/report?variant=brief&locale=zh-CN`)).body).toBe(brief.body);
    expect(renderer.calls).toHaveLength(1);
    expect((await get(`/api/s/${token}/report?variant=full&locale=en`)).body).toContain('fake full en');
    expect(renderer.calls).toHaveLength(2);
    const bad = await get(`/api/s/${token}/report?variant=long&locale=fr&x=1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['query', 'query.locale', 'query.variant']);
  });

  test('without a renderer the PDF is a 503, the scorecard still works', async () => {
    const bare = await build({ reports: null });
    try {
      const { token } = (await bare.app.inject({ method: 'POST', url: '/api/self-assessments', payload: { locale: 'en' } })).json();
      await answerAll(bare.app, q, token, 'executive', 1);
      expect((await bare.app.inject({ method: 'GET', url: `/api/s/${token}/report` })).statusCode).toBe(503);
      expect((await bare.app.inject({ method: 'GET', url: `/api/s/${token}` })).json().scorecard.overall.index).toBeGreaterThan(70);
    } finally { await bare.close(); }
  });
});

describe('privacy', () => {
  test('deleting removes every answer from the database file, and the link stops working', async () => {
    const marker = 'MARKER-7f3c9a-only-in-this-answer';
    const { token } = await start();
    await answerAll(t.app, q, token, 'executive', 1, marker);
    await get(`/api/s/${token}/report?variant=brief`);
    const before = readFileSync(t.store.file).toString('latin1') + (existsSync(`${t.store.file}-wal`) ? readFileSync(`${t.store.file}-wal`).toString('latin1') : '');
    expect(before).toContain(marker);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/s/${token}` });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ deleted: true });
    const after = readFileSync(t.store.file).toString('latin1') + (existsSync(`${t.store.file}-wal`) ? readFileSync(`${t.store.file}-wal`).toString('latin1') : '');
    expect(after).not.toContain(marker);
    expect(t.store.db.prepare('SELECT count(*) AS n FROM answers').get()).toEqual({ n: 0 });
    expect(t.store.db.prepare('SELECT count(*) AS n FROM report_cache').get()).toEqual({ n: 0 });
    for (const url of [`/api/s/${token}`, `/api/r/${token}`, `/api/s/${token}/report`]) expect((await get(url)).statusCode, url).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/s/${token}` })).statusCode).toBe(404);
  });

  test('no consultant, not even an admin, sees a self-assessment; a workshop invitation does not open a scorecard', async () => {
    const admin = await setupAdmin(t.app);
    const ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
    const { token } = await start({ locale: 'en', organisation: 'Secret Exec Co' });
    await answerAll(t.app, q, token, 'executive', 1);
    const clients = (await admin.get('/api/clients')).json().clients;
    expect(clients.map((c: { name: string }) => c.name)).not.toContain('Secret Exec Co');
    const selfAssessment = t.store.db.prepare("SELECT a.id, a.client_id FROM assessments a JOIN clients c ON c.id = a.client_id WHERE c.kind = 'self-assessment'").get() as { id: number; client_id: number };
    for (const url of [`/api/clients/${selfAssessment.client_id}`, `/api/assessments/${selfAssessment.id}`, `/api/assessments/${selfAssessment.id}/dashboard`, `/api/assessments/${selfAssessment.id}/workshop`]) {
      expect((await admin.get(url)).statusCode, url).toBe(404);
    }
    const { assessmentId } = await createAssessment(ben);
    const [link] = await invite(ben, assessmentId, [{ role: 'executive' }]);
    await answerAll(t.app, q, link!.token, 'executive', 0);
    expect((await get(`/api/s/${link!.token}`)).statusCode).toBe(404);
    expect((await get(`/api/s/${link!.token}/report`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/s/${link!.token}` })).statusCode).toBe(404);
    expect((await ben.get(`/api/assessments/${assessmentId}`)).statusCode).toBe(200);
  });

  test('the OpenAPI document describes the routes of part 2 from their zod schemas', async () => {
    const doc = (await get('/docs/json')).json();
    for (const route of ['/api/self-assessments', '/api/s/{token}', '/api/s/{token}/report', '/api/assessments/{id}/share-links', '/api/share-links/{id}', '/api/share/{token}', '/api/share/{token}/report',
      '/api/assessments/{id}/workshop', '/api/assessments/{id}/consensus/{questionId}', '/api/assessments/{id}/follow-ups', '/api/assessments/{id}/comparison', '/api/assessments/{id}/actions', '/api/assessments/{id}/actions/{actionId}']) {
      expect(doc.paths, route).toHaveProperty([route]);
    }
    expect(doc.paths['/api/self-assessments'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('locale');
    expect(Object.keys(doc.paths['/api/share/{token}'])).toEqual(['get']);
  });

  test('pages: the start page and a valid link are served; a wrong link is the 404 page', async () => {
    const { token } = await start();
    const page = await t.app.inject({ method: 'GET', url: `/s/${token}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('/js/self-assessment.js');
    expect((await t.app.inject({ method: 'GET', url: '/self-assessment' })).body).toContain('/js/self-assessment.js');
    const wrong = await t.app.inject({ method: 'GET', url: '/s/not-a-real-token', headers: { accept: 'text/html' } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('This link or page does not exist');
  });
});
