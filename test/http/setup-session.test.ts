import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ADMIN, Agent, addConsultant, build, setupAdmin, type TestApp } from './helpers.ts';

let t: TestApp;
beforeEach(async () => { t = await build(); });
afterEach(async () => { await t.close(); });

describe('first start', () => {
  test('setup is needed on an empty database, creates an admin and signs them in', async () => {
    const anon = new Agent(t.app);
    expect((await anon.get('/api/setup')).json()).toEqual({ needed: true });
    const res = await anon.post('/api/setup', { ...ADMIN, demo: false });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ user: { email: ADMIN.email, name: ADMIN.name, isAdmin: true }, demo: null });
    const cookie = res.cookies.find((c) => c.name === 'crm_sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect((await anon.get('/api/session')).statusCode).toBe(200);
    expect((await anon.get('/api/setup')).json()).toEqual({ needed: false });
  });

  test('setup with the demo builds a finished 12-person workshop marked as demo', async () => {
    const admin = await setupAdmin(t.app, true);
    const { clients } = (await admin.get('/api/clients')).json();
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({ isDemo: true });
    expect(clients[0].name).toContain('DEMO');
    const detail = (await admin.get(`/api/clients/${clients[0].id}`)).json();
    const a = detail.assessments[0];
    expect(a).toMatchObject({ status: 'closed', respondents: 12, submitted: 12 });
    const dash = (await admin.get(`/api/assessments/${a.id}/dashboard`)).json();
    expect(dash.result.respondents).toBe(12);
    // Executives and business staff are both big enough to compare, and they disagree.
    expect(dash.result.roles).toEqual(expect.arrayContaining(['executive', 'business']));
    expect(dash.result.findings.some((f: { kind: string }) => f.kind === 'perception-gap')).toBe(true);
  });

  test('the demo is the same on every run (deterministic answers)', async () => {
    const admin = await setupAdmin(t.app, true);
    const first = (await admin.get('/api/assessments/1/export.json')).body;
    const again = await build();
    try {
      const other = await setupAdmin(again.app, true);
      expect((await other.get('/api/assessments/1/export.json')).body).toBe(first);
    } finally { await again.close(); }
  });

  test('setup validates every field and names it', async () => {
    const res = await new Agent(t.app).post('/api/setup', { name: '', email: 'not-an-email', password: 'short', extra: 1 });
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.password', 'body']));
    expect(res.json().issues.find((i: { path: string }) => i.path === 'body.password').message).toContain('at least 10 characters');
  });

  test('a second setup is refused', async () => {
    await setupAdmin(t.app);
    const res = await new Agent(t.app).post('/api/setup', { name: 'Eve', email: 'eve@example.com', password: 'another long password' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ERR_ALREADY_SET_UP');
  });
});

describe('sign in and out', () => {
  test('signs in with the right password and gets a CSRF token', async () => {
    await setupAdmin(t.app);
    const agent = new Agent(t.app);
    const res = await agent.post('/api/session', { email: 'ADA@example.com ', password: ADMIN.password });
    expect(res.statusCode).toBe(200);
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json().user).not.toHaveProperty('passwordHash');
  });

  test('a wrong password and an unknown address get the same answer', async () => {
    await setupAdmin(t.app);
    const wrong = await new Agent(t.app).post('/api/session', { email: ADMIN.email, password: 'nope nope nope' });
    const unknown = await new Agent(t.app).post('/api/session', { email: 'who@example.com', password: 'nope nope nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  test('sign-in validates its body', async () => {
    const res = await new Agent(t.app).post('/api/session', { email: 42 });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.email' }), expect.objectContaining({ path: 'body.password', message: expect.stringContaining('required') })]));
  });

  test('signing out ends the session on the server: the old cookie no longer works', async () => {
    const admin = await setupAdmin(t.app);
    const oldCookie = admin.cookie;
    expect((await admin.delete('/api/session')).statusCode).toBe(204);
    const res = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: oldCookie } });
    expect(res.statusCode).toBe(401);
  });

  test('without a session every consultant route is 401', async () => {
    for (const url of ['/api/session', '/api/clients', '/api/users', '/api/catalog', '/api/assessments/1', '/api/consultants']) {
      expect((await new Agent(t.app).get(url)).statusCode, url).toBe(401);
    }
  });

  test('a forged or garbage session cookie is 401', async () => {
    await setupAdmin(t.app);
    for (const cookie of ['crm_sid=abc', `crm_sid=${'x'.repeat(43)}`, `crm_sid=${'y'.repeat(500)}`]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/clients', headers: { cookie } })).statusCode).toBe(401);
    }
  });

  test('sessions expire after seven days', async () => {
    const admin = await setupAdmin(t.app);
    t.clock.advanceDays(7.01);
    expect((await admin.get('/api/session')).statusCode).toBe(401);
  });

  test('sign-in is rate-limited', async () => {
    const limited = await build({ rateLimits: { signIn: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await new Agent(limited.app).post('/api/session', { email: 'x@example.com', password: 'whatever' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally { await limited.close(); }
  });
});

describe('CSRF', () => {
  test('a write without the token, or with a wrong one, is refused', async () => {
    const admin = await setupAdmin(t.app);
    const none = await t.app.inject({ method: 'POST', url: '/api/clients', headers: { cookie: admin.cookie }, payload: { name: 'X' } });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('ERR_CSRF');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/clients', headers: { cookie: admin.cookie, 'x-csrf-token': 'nope' }, payload: { name: 'X' } });
    expect(wrong.statusCode).toBe(403);
    expect((await admin.post('/api/clients', { name: 'X' })).statusCode).toBe(201);
  });

  test("one session's token does not work for another session", async () => {
    const admin = await setupAdmin(t.app);
    const ben = await addConsultant(t.app, admin, 'Ben', 'ben@example.com');
    const res = await t.app.inject({ method: 'POST', url: '/api/clients', headers: { cookie: ben.cookie, 'x-csrf-token': admin.csrf }, payload: { name: 'X' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('password', () => {
  test('changing it needs the current one and signs out every other session', async () => {
    const admin = await setupAdmin(t.app);
    const laptop = new Agent(t.app);
    await laptop.post('/api/session', { email: ADMIN.email, password: ADMIN.password });
    const wrong = await admin.put('/api/session/password', { currentPassword: 'not it at all', newPassword: 'a brand new password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues[0].path).toBe('body.currentPassword');
    const same = await admin.put('/api/session/password', { currentPassword: ADMIN.password, newPassword: ADMIN.password });
    expect(same.json().issues[0].path).toBe('body.newPassword');
    const short = await admin.put('/api/session/password', { currentPassword: ADMIN.password, newPassword: 'short' });
    expect(short.json().issues[0]).toMatchObject({ path: 'body.newPassword', message: expect.stringContaining('10') });
    const ok = await admin.put('/api/session/password', { currentPassword: ADMIN.password, newPassword: 'a brand new password' });
    expect(ok.statusCode).toBe(200);
    expect((await admin.get('/api/session')).statusCode).toBe(200);
    expect((await laptop.get('/api/session')).statusCode).toBe(401);
    expect((await new Agent(t.app).post('/api/session', { email: ADMIN.email, password: 'a brand new password' })).statusCode).toBe(200);
  });

  test('a consultant with a temporary password can only change it', async () => {
    const admin = await setupAdmin(t.app);
    const { temporaryPassword } = (await admin.post('/api/users', { name: 'Cy', email: 'cy@example.com' })).json();
    const cy = new Agent(t.app);
    const signIn = await cy.post('/api/session', { email: 'cy@example.com', password: temporaryPassword });
    expect(signIn.json().user.mustChangePassword).toBe(true);
    expect((await cy.get('/api/clients')).statusCode).toBe(403);
    expect((await cy.get('/api/session')).statusCode).toBe(200);
    expect((await cy.put('/api/session/password', { currentPassword: temporaryPassword, newPassword: 'my own password now' })).statusCode).toBe(200);
    expect((await cy.get('/api/clients')).statusCode).toBe(200);
  });

  test('password change without a session is 401', async () => {
    expect((await new Agent(t.app).put('/api/session/password', { currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' })).statusCode).toBe(401);
  });
});
