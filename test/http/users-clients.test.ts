import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent, addConsultant, build, setupAdmin, type TestApp } from './helpers.ts';

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

describe('consultant accounts (admin)', () => {
  test('an admin lists and invites consultants; the temporary password works once for sign-in', async () => {
    const list = (await admin.get('/api/users')).json().users;
    expect(list.map((u: { email: string }) => u.email)).toEqual(['ada@example.com', 'ben@example.com', 'cleo@example.com']);
    expect(JSON.stringify(list)).not.toContain('scrypt');
    const res = await admin.post('/api/users', { name: 'Dana', email: 'Dana@Example.com', isAdmin: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'dana@example.com', isAdmin: true, mustChangePassword: true });
    expect(res.json().temporaryPassword).toMatch(/^[a-zA-Z2-9]{16}$/);
  });

  test('validation names the fields; a taken e-mail is a conflict', async () => {
    const bad = await admin.post('/api/users', { name: '', email: 'x', isAdmin: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.email', 'body.isAdmin', 'body.name']);
    const taken = await admin.post('/api/users', { name: 'Ben 2', email: 'ben@example.com' });
    expect(taken.statusCode).toBe(409);
  });

  test('consultants cannot use admin routes; anonymous gets 401', async () => {
    for (const [method, url] of [['GET', '/api/users'], ['POST', '/api/users'], ['POST', `/api/users/${cleo.id}/disable`], ['POST', `/api/users/${cleo.id}/enable`], ['POST', `/api/users/${cleo.id}/reset-password`]] as const) {
      expect((await ben.request(method, url, method === 'POST' ? { name: 'X', email: 'x@example.com' } : undefined)).statusCode, url).toBe(403);
      expect((await new Agent(t.app).request(method, url, method === 'POST' ? {} : undefined)).statusCode, url).toBe(401);
    }
  });

  test('disabling ends every session at once and blocks sign-in; enabling restores it', async () => {
    const res = await admin.post(`/api/users/${ben.id}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().sessionsEnded).toBe(1);
    expect((await ben.get('/api/clients')).statusCode).toBe(401);
    const again = await new Agent(t.app).post('/api/session', { email: 'ben@example.com', password: 'a long enough password' });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('ERR_ACCOUNT_DISABLED');
    expect((await admin.get('/api/consultants')).json().consultants.map((c: { name: string }) => c.name)).not.toContain('Ben');
    await admin.post(`/api/users/${ben.id}/enable`);
    expect((await new Agent(t.app).post('/api/session', { email: 'ben@example.com', password: 'a long enough password' })).statusCode).toBe(200);
  });

  test('an admin cannot disable themselves; unknown ids are 404; ids are validated', async () => {
    expect((await admin.post('/api/users/1/disable')).statusCode).toBe(409);
    expect((await admin.post('/api/users/999/disable')).statusCode).toBe(404);
    const bad = await admin.post('/api/users/abc/disable');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('params.id');
  });

  test('a password reset gives a new temporary password and signs the account out', async () => {
    const res = await admin.post(`/api/users/${ben.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect((await ben.get('/api/clients')).statusCode).toBe(401);
    const signIn = await new Agent(t.app).post('/api/session', { email: 'ben@example.com', password: res.json().temporaryPassword });
    expect(signIn.json().user.mustChangePassword).toBe(true);
  });
});

describe('clients', () => {
  test('a consultant creates a client, becomes its owner and sees only their own clients', async () => {
    const res = await ben.post('/api/clients', { name: '  Acme  ', industry: 'Retail', size: '', country: 'FR' });
    expect(res.statusCode).toBe(201);
    expect(res.json().client).toMatchObject({ name: 'Acme', industry: 'Retail', size: null, country: 'FR', isDemo: false });
    await cleo.post('/api/clients', { name: 'Cleo Co' });
    expect((await ben.get('/api/clients')).json().clients.map((c: { name: string }) => c.name)).toEqual(['Acme']);
    expect((await cleo.get('/api/clients')).json().clients.map((c: { name: string }) => c.name)).toEqual(['Cleo Co']);
    expect((await admin.get('/api/clients')).json().clients.map((c: { name: string }) => c.name)).toEqual(['Acme', 'Cleo Co']);
    const detail = (await ben.get(`/api/clients/${res.json().client.id}`)).json();
    expect(detail.myRole).toBe('owner');
    expect(detail.members).toEqual([expect.objectContaining({ name: 'Ben', role: 'owner' })]);
  });

  test("another consultant's client is 404 for every route, and nothing changes", async () => {
    const id = (await ben.post('/api/clients', { name: 'Acme' })).json().client.id;
    expect((await cleo.get(`/api/clients/${id}`)).statusCode).toBe(404);
    expect((await cleo.patch(`/api/clients/${id}`, { name: 'Hacked' })).statusCode).toBe(404);
    expect((await cleo.post(`/api/clients/${id}/members`, { email: 'cleo@example.com', role: 'owner' })).statusCode).toBe(404);
    expect((await cleo.delete(`/api/clients/${id}/members/${ben.id}`)).statusCode).toBe(404);
    expect((await cleo.post(`/api/clients/${id}/assessments`, { title: 'X', questionnaire: 'crm-readiness@1.0.0' })).statusCode).toBe(404);
    expect((await ben.get(`/api/clients/${id}`)).json().client.name).toBe('Acme');
    expect((await ben.get(`/api/clients/${id}`)).json().members).toHaveLength(1);
  });

  test('validation: names and lengths match the answers-file schema', async () => {
    const res = await ben.post('/api/clients', { name: '', industry: 'x'.repeat(201), size: 5, wat: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.industry', 'body.name', 'body.size']);
  });

  test('owners add members; members see the client but cannot edit it or manage people', async () => {
    const id = (await ben.post('/api/clients', { name: 'Acme' })).json().client.id;
    const added = await ben.post(`/api/clients/${id}/members`, { email: 'cleo@example.com' });
    expect(added.statusCode).toBe(200);
    expect(added.json().members.map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(['Ben:owner', 'Cleo:member']);
    expect((await cleo.get(`/api/clients/${id}`)).json().myRole).toBe('member');
    expect((await cleo.patch(`/api/clients/${id}`, { name: 'Renamed' })).statusCode).toBe(403);
    expect((await cleo.post(`/api/clients/${id}/members`, { email: 'ada@example.com' })).statusCode).toBe(403);
    expect((await ben.patch(`/api/clients/${id}`, { name: 'Renamed', country: 'DE' })).json().client).toMatchObject({ name: 'Renamed', country: 'DE' });
  });

  test('an unknown e-mail is named; the last owner cannot leave', async () => {
    const id = (await ben.post('/api/clients', { name: 'Acme' })).json().client.id;
    const unknown = await ben.post(`/api/clients/${id}/members`, { email: 'nobody@example.com' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues[0].path).toBe('body.email');
    const last = await ben.delete(`/api/clients/${id}/members/${ben.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('ERR_LAST_OWNER');
    const demote = await ben.post(`/api/clients/${id}/members`, { email: 'ben@example.com', role: 'member' });
    expect(demote.statusCode).toBe(409);
    expect((await ben.get(`/api/clients/${id}`)).json().members[0].role).toBe('owner');
  });

  test('an admin can manage any client; removing a member takes their access away', async () => {
    const id = (await ben.post('/api/clients', { name: 'Acme' })).json().client.id;
    await admin.post(`/api/clients/${id}/members`, { email: 'cleo@example.com', role: 'owner' });
    expect((await cleo.get(`/api/clients/${id}`)).statusCode).toBe(200);
    await admin.delete(`/api/clients/${id}/members/${cleo.id}`);
    expect((await cleo.get(`/api/clients/${id}`)).statusCode).toBe(404);
  });

  test('consultants can look up colleagues to add', async () => {
    const res = await ben.get('/api/consultants');
    expect(res.json().consultants.map((c: { email: string }) => c.email)).toEqual(['ada@example.com', 'ben@example.com', 'cleo@example.com']);
    expect(Object.keys(res.json().consultants[0]).sort()).toEqual(['email', 'id', 'name']);
  });
});
