import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { redactUrl } from '../../src/adapters/http/app.ts';
import { answerAll, fakeRenderer } from './answer-helpers.ts';
import { Agent, addConsultant, build, createAssessment, invite, scorableQuestionnaire, setupAdmin, type TestApp } from './helpers.ts';

const q = scorableQuestionnaire();
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
  const links = await invite(ben, assessmentId, [{ role: 'executive' }, { role: 'it' }]);
  await answerAll(t.app, q, links[0]!.token, 'executive', 1, 'Only the CFO knows the budget');
  await answerAll(t.app, q, links[1]!.token, 'it', 0);
});
afterEach(async () => { await t.close(); });

async function share(body: object = { expiresOn: '2025-03-31' }) {
  const res = await ben.post(`/api/assessments/${assessmentId}/share-links`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { link: { id: number; status: string; includeComments: boolean }; token: string; path: string };
}
const anon = (method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string) => t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });

describe('creating share links', () => {
  test('returns the link once; lists links with their status; only a hash is stored', async () => {
    const { link, token, path } = await share({ label: 'CFO', expiresOn: '2025-03-31', includeComments: true });
    expect(path).toBe(`/share/${token}`);
    expect(link).toMatchObject({ label: 'CFO', includeComments: true, status: 'active', expiresAt: '2025-03-31T23:59:59.999Z', createdBy: 'Ben', downloads: 0 });
    const list = (await ben.get(`/api/assessments/${assessmentId}/share-links`)).json();
    expect(list.links).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(token);
    expect(JSON.stringify(t.store.db.prepare('SELECT * FROM share_links').all())).not.toContain(token);
  });

  test('validation names each field: a date in the past, too far ahead, not a date, unknown fields', async () => {
    const past = await ben.post(`/api/assessments/${assessmentId}/share-links`, { expiresOn: '2025-02-28' });
    expect(past.statusCode).toBe(400);
    expect(past.json().issues).toEqual([{ path: 'body.expiresOn', message: '2025-02-28 is in the past; choose today or a later day' }]);
    const far = await ben.post(`/api/assessments/${assessmentId}/share-links`, { expiresOn: '2027-01-01' });
    expect(far.json().issues[0].path).toBe('body.expiresOn');
    const bad = await ben.post(`/api/assessments/${assessmentId}/share-links`, { expiresOn: 'soon', includeComments: 'yes', everyone: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.expiresOn', 'body.includeComments']);
  });

  test('needs a session and the CSRF token; another consultant gets 404 for all of it', async () => {
    expect((await anon('POST', `/api/assessments/${assessmentId}/share-links`)).statusCode).toBe(401);
    expect((await anon('GET', `/api/assessments/${assessmentId}/share-links`)).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/assessments/${assessmentId}/share-links`, payload: { expiresOn: '2025-03-31' }, headers: { cookie: ben.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const { link } = await share();
    expect((await cleo.post(`/api/assessments/${assessmentId}/share-links`, { expiresOn: '2025-03-31' })).statusCode).toBe(404);
    expect((await cleo.get(`/api/assessments/${assessmentId}/share-links`)).statusCode).toBe(404);
    expect((await cleo.delete(`/api/share-links/${link.id}`)).statusCode).toBe(404);
    expect((await ben.delete('/api/share-links/99999')).statusCode).toBe(404);
  });
});

describe('behind the link', () => {
  test('a read-only summary: band, dimensions, top risks, roadmap; no names, no comments', async () => {
    const { token } = await share();
    const res = await anon('GET', `/api/share/${token}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.assessment).toMatchObject({ title: 'Readiness 2025', client: 'Globex', status: 'open' });
    expect(body.summary.overall.band).toMatch(/high-risk|elevated|moderate|ready/);
    expect(body.summary.dimensions).toHaveLength(q.dimensions.length);
    expect(body.summary.topRisks.length).toBeGreaterThan(0);
    expect(body.summary.roadmap.length).toBeGreaterThan(0);
    expect(res.body).not.toContain('Only the CFO knows the budget');
    expect(res.body).not.toMatch(/executive-1|it-1/);
  });

  test('nothing behind a link can change anything: every write method is 404', async () => {
    const { token } = await share();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of [`/api/share/${token}`, `/api/share/${token}/report`, `/share/${token}`]) expect((await anon(method, url)).statusCode, `${method} ${url}`).toBe(404);
    }
    // A share token is not an invitation token either.
    expect((await anon('GET', `/api/r/${token}`)).statusCode).toBe(404);
    expect((await anon('GET', `/api/s/${token}`)).statusCode).toBe(404);
  });

  test('the PDF follows the link\'s comments choice; downloads are recorded; an unchanged assessment is served from the cache', async () => {
    const without = await share({ expiresOn: '2025-03-31', label: 'Board' });
    const withComments = await share({ expiresOn: '2025-03-31', includeComments: true, label: 'CFO' });
    const first = await anon('GET', `/api/share/${without.token}/report?variant=brief&locale=en&comments=true`);
    expect(first.statusCode).toBe(400); // comments are the link's choice, not the visitor's
    const a = await anon('GET', `/api/share/${without.token}/report?variant=brief&locale=en`);
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe('%PDF-1.7 fake brief en comments=false progress=no');
    expect((await anon('GET', `/api/share/${without.token}/report?variant=brief&locale=en`)).body).toBe(a.body);
    expect(renderer.calls).toHaveLength(1);
    expect((await anon('GET', `/api/share/${withComments.token}/report?variant=brief&locale=en`)).body).toContain('comments=true');
    expect(renderer.calls).toHaveLength(2);
    // The consultant's own download of the same report is served from the same cache.
    expect((await ben.get(`/api/assessments/${assessmentId}/report?variant=brief&locale=en&comments=false`)).body).toBe(a.body);
    expect(renderer.calls).toHaveLength(2);

    const list = (await ben.get(`/api/assessments/${assessmentId}/share-links`)).json();
    expect(list.links.find((l: { label: string }) => l.label === 'Board')).toMatchObject({ downloads: 2, lastDownloadAt: t.clock.now().toISOString() });
    expect(list.downloads.map((d: { label: string; fromCache: boolean }) => [d.label, d.fromCache])).toEqual([['CFO', false], ['Board', true], ['Board', false]]);
  });

  test('a change to the answers renders again', async () => {
    const { token } = await share();
    await anon('GET', `/api/share/${token}/report`);
    const [l] = await invite(ben, assessmentId, [{ role: 'end-user' }]);
    await answerAll(t.app, q, l!.token, 'end-user', 0);
    await anon('GET', `/api/share/${token}/report`);
    expect(renderer.calls).toHaveLength(2);
    expect(t.store.reportCache.countFor(assessmentId)).toBe(1);
  });

  test('revoked is 404, expired is 410; the page says so', async () => {
    const { link, token } = await share({ expiresOn: '2025-03-05' });
    expect((await anon('GET', `/share/${token}`)).statusCode).toBe(200);
    t.clock.advanceDays(5);
    const expired = await anon('GET', `/api/share/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'ERR_LINK_EXPIRED', error: 'This link expired on 2025-03-05. Ask the person who sent it for a new one.' });
    expect((await anon('GET', `/api/share/${token}/report`)).statusCode).toBe(410);
    const page = await t.app.inject({ method: 'GET', url: `/share/${token}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This report link has expired');
    expect((await ben.get(`/api/assessments/${assessmentId}/share-links`)).json().links[0].status).toBe('expired');

    const fresh = await share({ expiresOn: '2025-04-30' });
    expect((await anon('GET', `/api/share/${fresh.token}`)).statusCode).toBe(200);
    const revoked = await ben.delete(`/api/share-links/${fresh.link.id}`);
    expect(revoked.json().link.status).toBe('revoked');
    expect((await anon('GET', `/api/share/${fresh.token}`)).statusCode).toBe(404);
    expect((await anon('GET', `/api/share/${fresh.token}/report`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/share/${fresh.token}`, headers: { accept: 'text/html' } })).body).toContain('This link or page does not exist');
    void link;
  });

  test('share and self-assessment tokens never reach a log line', () => {
    expect(redactUrl('/api/share/abcDEF_123/report?variant=full')).toBe('/api/share/[token]/report?variant=full');
    expect(redactUrl('/share/abcDEF_123')).toBe('/share/[token]');
    expect(redactUrl('/api/s/abcDEF_123/report')).toBe('/api/s/[token]/report');
    expect(redactUrl('/s/abcDEF_123#scorecard')).toBe('/s/[token]#scorecard');
    expect(redactUrl('/api/assessments/3/share-links')).toBe('/api/assessments/3/share-links');
  });

  test('wrong tokens are 404 and, repeated, rate-limited', async () => {
    const strict = await build({ rateLimits: { tokenMisses: 3 } });
    try {
      for (let i = 0; i < 3; i++) expect((await strict.app.inject({ method: 'GET', url: `/api/share/wrong-${i}` })).statusCode).toBe(404);
      expect((await strict.app.inject({ method: 'GET', url: '/api/share/wrong-4' })).statusCode).toBe(429);
    } finally { await strict.close(); }
  });

  test('an assessment nobody answered: the summary says so, the PDF is a 409', async () => {
    const other = await createAssessment(ben, 'Initech');
    const res = await ben.post(`/api/assessments/${other.assessmentId}/share-links`, { expiresOn: '2025-03-31' });
    const { token } = res.json();
    expect((await anon('GET', `/api/share/${token}`)).json().summary).toBeNull();
    expect((await anon('GET', `/api/share/${token}/report`)).statusCode).toBe(409);
  });
});
