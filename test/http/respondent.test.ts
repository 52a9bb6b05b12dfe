import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Question } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { redactUrl } from '../../src/adapters/http/app.ts';
import { Agent, addConsultant, build, createAssessment, invite, scorableQuestionnaire, setupAdmin, type TestApp } from './helpers.ts';

let t: TestApp;
let ben: Agent;
let assessmentId: number;
let exec: { id: number; token: string };
beforeEach(async () => {
  t = await build();
  const admin = await setupAdmin(t.app);
  ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
  ({ assessmentId } = await createAssessment(ben));
  exec = (await invite(ben, assessmentId, [{ role: 'executive', name: 'Grace' }]))[0]!;
});
afterEach(async () => { await t.close(); });

const anon = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) => t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
const q = scorableQuestionnaire();
const forRole = (role: string) => q.questions.filter((x) => x.roles.includes(role as never) && !x.showIf);
function validValue(x: Question): unknown {
  switch (x.type) {
    case 'scale': return q.scales.find((s) => s.id === x.scale)!.levels[0]!.value;
    case 'single': return x.options[0]!.id;
    case 'multi': return [x.options[0]!.id];
    case 'yesno': return 'yes';
    case 'number': return x.min;
    case 'percent': return 50;
    case 'text': return 'Some words';
  }
}

describe('the questionnaire behind a link', () => {
  test('shows only the questions of the respondent\'s role, section by section, with both languages', async () => {
    const res = await anon('GET', `/api/r/${exec.token}`);
    expect(res.statusCode).toBe(200);
    const state = res.json();
    expect(state.respondent).toMatchObject({ role: 'executive', name: 'Grace', submittedAt: null, roleLabel: { en: 'Executive' } });
    expect(state.assessment).toMatchObject({ clientName: 'Acme Ltd', askedBy: 'Ben', status: 'open', minutes: q.minutesPerRole.executive });
    const ids = state.sections.flatMap((s: { questions: Array<{ id: string }> }) => s.questions.map((x) => x.id));
    expect(ids.sort()).toEqual(q.questions.filter((x) => x.roles.includes('executive')).map((x) => x.id).sort());
    const scale = state.sections.flatMap((s: { questions: unknown[] }) => s.questions).find((x: { type: string }) => x.type === 'scale');
    if (scale) expect(scale.levels[0].label).toHaveProperty('zh-CN');
    expect(state.progress).toMatchObject({ answered: 0, total: expect.any(Number) });
    // Opening the link is visible to the consultant.
    expect((await ben.get(`/api/assessments/${assessmentId}`)).json().respondents[0].status).toBe('in-progress');
  });

  test('saves one answer per request, overwrites it, and clears it', async () => {
    const question = forRole('executive')[0]!;
    const value = validValue(question);
    const put = await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value, comment: '  why not  ' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ questionId: question.id, saved: { value, comment: 'why not' }, progress: { answered: 1 } });
    const state = (await anon('GET', `/api/r/${exec.token}`)).json();
    expect(state.answers[question.id]).toEqual({ value, comment: 'why not' });
    await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value: question.allowUnknown ? 'dont-know' : value });
    expect((await anon('GET', `/api/r/${exec.token}`)).json().answers[question.id].comment).toBeUndefined();
    const del = await anon('DELETE', `/api/r/${exec.token}/answers/${question.id}`);
    expect(del.json()).toMatchObject({ saved: null, progress: { answered: 0 } });
  });

  test('an answer survives a restart of the app on the same database file (resume on another device)', async () => {
    const question = forRole('executive')[0]!;
    await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value: validValue(question) });
    const file = t.store.file;
    await t.app.close();
    t.store.close();
    const { createStore } = await import('../../src/adapters/store/create-store.ts');
    const store = createStore(file);
    try {
      const row = store.db.prepare('SELECT value_json FROM answers WHERE question_id = ?').get(question.id) as { value_json: string };
      expect(JSON.parse(row.value_json)).toEqual(validValue(question));
    } finally { store.close(); }
    const dir = t.dir;
    t = { ...t, close: async () => rmSync(dir, { recursive: true, force: true }) };
  });

  test('an invalid value is a 400 that names the field and says what is expected; nothing is saved', async () => {
    const scale = q.questions.find((x) => x.type === 'scale' && x.roles.includes('executive') && !x.showIf)!;
    const res = await anon('PUT', `/api/r/${exec.token}/answers/${scale.id}`, { value: 99 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'body.value', message: expect.stringMatching(/received 99, expected one of the scale levels/) }]);
    const shape = await anon('PUT', `/api/r/${exec.token}/answers/${scale.id}`, { value: { nested: true }, support: 'sure', extra: 1 });
    expect(shape.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.support', 'body.value']);
    expect((await anon('GET', `/api/r/${exec.token}`)).json().answers).toEqual({});
  });

  test('unknown questions and questions of another role are 404', async () => {
    const other = q.questions.find((x) => !x.roles.includes('executive'))!;
    expect((await anon('PUT', `/api/r/${exec.token}/answers/NOPE-1`, { value: 1 })).statusCode).toBe(404);
    expect((await anon('PUT', `/api/r/${exec.token}/answers/${other.id}`, { value: validValue(other) })).statusCode).toBe(404);
  });

  test('conditional questions appear and disappear with the answers', async () => {
    const candidates = q.questions.filter((x) => x.showIf && 'question' in x.showIf && x.showIf.op === 'eq');
    const dependent = candidates.find((x) => {
      const leaf = x.showIf as { question: string };
      const parent = q.questions.find((p) => p.id === leaf.question);
      return parent && !parent.showIf && x.roles.some((r) => parent.roles.includes(r));
    })!;
    expect(dependent).toBeDefined();
    const leaf = dependent.showIf as { question: string; value: unknown };
    const parent = q.questions.find((p) => p.id === leaf.question)!;
    const role = dependent.roles.find((r) => parent.roles.includes(r))!;
    const [r] = await invite(ben, assessmentId, [{ role }]);
    const before = (await anon('GET', `/api/r/${r!.token}`)).json().progress.visible;
    expect(before).not.toContain(dependent.id);
    const shown = await anon('PUT', `/api/r/${r!.token}/answers/${parent.id}`, { value: leaf.value });
    expect(shown.json().progress.visible).toContain(dependent.id);
    const otherValue = parent.type === 'yesno' ? (leaf.value === 'yes' ? 'no' : 'yes') : parent.type === 'single' ? parent.options.find((o) => o.id !== leaf.value)!.id : validValue(parent);
    const hidden = await anon('PUT', `/api/r/${r!.token}/answers/${parent.id}`, { value: otherValue });
    expect(hidden.json().progress.visible).not.toContain(dependent.id);
  });

  test('submitting locks the answers until the consultant reopens them', async () => {
    const question = forRole('executive')[0]!;
    expect((await anon('POST', `/api/r/${exec.token}/submit`)).statusCode).toBe(409);
    await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value: validValue(question) });
    const submitted = await anon('POST', `/api/r/${exec.token}/submit`);
    expect(submitted.json().submittedAt).toBe(t.clock.now().toISOString());
    const locked = await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value: validValue(question) });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('ERR_SUBMITTED');
    expect((await anon('DELETE', `/api/r/${exec.token}/answers/${question.id}`)).statusCode).toBe(409);
    expect((await anon('GET', `/api/r/${exec.token}`)).json().respondent.submittedAt).toBeTruthy();
    await ben.post(`/api/respondents/${exec.id}/reopen`);
    expect((await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value: validValue(question) })).statusCode).toBe(200);
  });

  test('a closed assessment can be read but not answered', async () => {
    await ben.post(`/api/assessments/${assessmentId}/close`);
    const question = forRole('executive')[0]!;
    expect((await anon('GET', `/api/r/${exec.token}`)).json().assessment.status).toBe('closed');
    const res = await anon('PUT', `/api/r/${exec.token}/answers/${question.id}`, { value: validValue(question) });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ERR_ASSESSMENT_CLOSED');
  });

  test('the language choice is remembered for the next device', async () => {
    expect((await anon('PUT', `/api/r/${exec.token}/locale`, { locale: 'zh-CN' })).json()).toEqual({ locale: 'zh-CN' });
    expect((await anon('GET', `/api/r/${exec.token}`)).json().respondent.locale).toBe('zh-CN');
    expect((await anon('PUT', `/api/r/${exec.token}/locale`, { locale: 'fr' })).json().issues[0].path).toBe('body.locale');
  });
});

describe('wrong, revoked and expired links', () => {
  test('a wrong token is 404 on every token route and on the page', async () => {
    for (const token of ['nope', 'A'.repeat(43), exec.token.slice(0, -1)]) {
      expect((await anon('GET', `/api/r/${token}`)).statusCode).toBe(404);
      expect((await anon('PUT', `/api/r/${token}/answers/X`, { value: 1 })).statusCode).toBe(404);
      expect((await anon('POST', `/api/r/${token}/submit`)).statusCode).toBe(404);
      expect((await anon('PUT', `/api/r/${token}/locale`, { locale: 'en' })).statusCode).toBe(404);
      const page = await t.app.inject({ method: 'GET', url: `/r/${token}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
    }
  });

  test('the page of a good link is the questionnaire app, never cached', async () => {
    const page = await anon('GET', `/r/${exec.token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/js/respond.js');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  test('a revoked link is 404, page included', async () => {
    await ben.delete(`/api/respondents/${exec.id}`);
    expect((await anon('GET', `/api/r/${exec.token}`)).statusCode).toBe(404);
    expect((await anon('GET', `/r/${exec.token}`)).statusCode).toBe(404);
  });

  test('an expired link says it expired (410)', async () => {
    const [r] = await invite(ben, assessmentId, [{ role: 'it' }], '2025-03-05');
    expect((await anon('GET', `/api/r/${r!.token}`)).statusCode).toBe(200);
    t.clock.advanceDays(5);
    const res = await anon('GET', `/api/r/${r!.token}`);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'ERR_LINK_EXPIRED', error: expect.stringContaining('expired on 2025-03-05') });
    expect((await anon('PUT', `/api/r/${r!.token}/answers/X`, { value: 1 })).statusCode).toBe(410);
    const page = await anon('GET', `/r/${r!.token}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('expired');
    expect((await ben.get(`/api/assessments/${assessmentId}`)).json().respondents[1].status).toBe('expired');
  });

  test('wrong tokens are limited per address; a good link keeps working for others', async () => {
    const limited = await build({ rateLimits: { tokenMisses: 3 } });
    try {
      const admin = await setupAdmin(limited.app);
      const { assessmentId: id } = await createAssessment(admin);
      const [good] = await invite(admin, id, [{ role: 'it' }]);
      const from = (ip: string, url: string) => limited.app.inject({ method: 'GET', url, remoteAddress: ip });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await from('10.0.0.9', `/api/r/guess${i}`)).statusCode);
      expect(codes).toEqual([404, 404, 404, 429, 429]);
      expect((await from('10.0.0.9', `/api/r/${good!.token}`)).statusCode).toBe(429);
      expect((await from('10.0.0.10', `/api/r/${good!.token}`)).statusCode).toBe(200);
      limited.clock.advanceDays(1 / 1440 + 1e-6);
      expect((await from('10.0.0.9', `/api/r/${good!.token}`)).statusCode).toBe(200);
    } finally { await limited.close(); }
  });

  test('each link has its own request allowance', async () => {
    const limited = await build({ rateLimits: { token: 3 } });
    try {
      const admin = await setupAdmin(limited.app);
      const { assessmentId: id } = await createAssessment(admin);
      const [a, b] = await invite(admin, id, [{ role: 'it' }, { role: 'it' }]);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.app.inject({ method: 'GET', url: `/api/r/${a!.token}` })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect((await limited.app.inject({ method: 'GET', url: `/api/r/${b!.token}` })).statusCode).toBe(200);
    } finally { await limited.close(); }
  });

  test('tokens never reach the log', () => {
    expect(redactUrl(`/api/r/${exec.token}/answers/Q-1`)).toBe('/api/r/[token]/answers/Q-1');
    expect(redactUrl(`/r/${exec.token}?x=1`)).toBe('/r/[token]?x=1');
  });
});

describe('many people saving at once', () => {
  test('every acknowledged save is stored, and a save racing a close is either stored or refused', async () => {
    const people = await invite(ben, assessmentId, Array.from({ length: 30 }, () => ({ role: 'executive' })));
    const question = forRole('executive')[0]!;
    const value = validValue(question);
    const saves = await Promise.all(people.map((p) => anon('PUT', `/api/r/${p.token}/answers/${question.id}`, { value })));
    expect(saves.map((r) => r.statusCode)).toEqual(people.map(() => 200));
    const stored = t.store.db.prepare('SELECT count(*) AS n FROM answers WHERE question_id = ?').get(question.id) as { n: number };
    expect(stored.n).toBe(30);

    const other = forRole('executive')[1]!;
    const racing = people.map((p) => anon('PUT', `/api/r/${p.token}/answers/${other.id}`, { value: validValue(other) }));
    await ben.post(`/api/assessments/${assessmentId}/close`);
    const results = await Promise.all(racing);
    const acknowledged = results.filter((r) => r.statusCode === 200).length;
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const kept = t.store.db.prepare('SELECT count(*) AS n FROM answers WHERE question_id = ?').get(other.id) as { n: number };
    expect(kept.n).toBe(acknowledged);
  });
});
