import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTOR_KEYS, ACTOR_LABELS, buildFixture, type ActorKey, type Fixture } from './fixture.ts';
import { expectedDenial, MATRIX, rowOf } from './matrix.ts';

/**
 * Every route the app registers × every kind of caller. A success (2xx/3xx) outside the allowed
 * cells fails, an allowed cell that does not succeed fails (so the matrix cannot pass by breaking
 * everything), and a denial must be the right one (see expectedDenial). The matrix is printed.
 */
let f: Fixture;
beforeAll(async () => { f = await buildFixture(); });
afterAll(async () => { await f?.close(); });

const ok = (status: number) => status >= 200 && status < 400;
const SHORT: Record<ActorKey, string> = { anon: 'anon', A: 'A', B: 'B', admin: 'admin', member: 'membr', disabled: 'disab', rA: 'rA', rB: 'rB', rSub: 'rSub', self: 'self', share: 'share', xInvite: 'xInv', xShare: 'xShr', rvInvite: 'rvInv', rvShare: 'rvShr' };

describe('access matrix', () => {
  test('every registered route has a row, and every row a route', () => {
    const missing = f.routes.filter((r) => !rowOf(r.method, r.url)).map((r) => r.key);
    expect(missing, `routes without a row in test/access/matrix.ts: declare who may call them`).toEqual([]);
    const registered = new Set(f.routes.map((r) => r.key));
    expect(Object.keys(MATRIX).filter((k) => !registered.has(k)), 'rows for routes that no longer exist').toEqual([]);
  });

  test('every route × every caller: success only in the allowed cells, the right denial elsewhere', async () => {
    const failures: string[] = [];
    const table: string[] = [];
    for (const route of f.routes) {
      const row = rowOf(route.method, route.url);
      if (!row) continue;
      const cells: string[] = [];
      for (const key of ACTOR_KEYS) {
        const actor = f.actors[key];
        const { url, payload } = row.req(f, actor);
        const res = await f.isolated(() => f.send(actor, { method: route.method, url, payload }));
        const allowed = row.allow.includes(key);
        const status = res.statusCode;
        cells.push(`${allowed ? '✓' : ' '}${status}`);
        const where = `${route.key} as ${ACTOR_LABELS[key]} (${route.method} ${url.replace(/[A-Za-z0-9_-]{43}/g, '<token>')})`;
        if (status >= 500) failures.push(`${where}: ${status} ${res.body.slice(0, 200)}`);
        else if (allowed && !ok(status)) failures.push(`${where}: allowed but answered ${status} ${res.body.slice(0, 200)}`);
        else if (!allowed && ok(status)) failures.push(`${where}: NOT allowed but answered ${status}`);
        else if (!allowed && !expectedDenial(route.method, route.url, key).includes(status)) {
          failures.push(`${where}: denied with ${status}, expected ${expectedDenial(route.method, route.url, key).join(' or ')} ${res.body.slice(0, 200)}`);
        }
      }
      if (route.method !== 'HEAD') table.push(`${route.key.padEnd(48).slice(0, 48)} ${cells.map((c) => c.padStart(6)).join('')}`);
    }
    console.log([
      `\naccess matrix (✓ = allowed; status each caller got; HEAD rows tested, not shown)`,
      `${''.padEnd(48)} ${ACTOR_KEYS.map((k) => SHORT[k].padStart(6)).join('')}`,
      ...table,
      `callers: ${ACTOR_KEYS.map((k) => `${SHORT[k]} = ${ACTOR_LABELS[k]}`).join('; ')}`,
    ].join('\n'));
    expect(failures).toEqual([]);
  }, 240_000);
});

describe('identity comes from the session or the token, never from ids in the request', () => {
  test("B with A's ids gets 404, and A with B's ids too", async () => {
    const { A, B } = f.actors;
    for (const [actor, client, assessment] of [[B, f.ids.clientA, f.ids.assessmentA], [A, f.ids.clientB, f.ids.assessmentB]] as const) {
      for (const url of [`/api/clients/${client}`, `/api/assessments/${assessment}`, `/api/assessments/${assessment}/dashboard`, `/api/assessments/${assessment}/export.json`, `/api/assessments/${assessment}/report`]) {
        const res = await f.send(actor, { method: 'GET', url });
        expect(res.statusCode, `${actor.key} ${url}`).toBe(404);
        expect(res.body).not.toContain(actor === B ? 'Client A' : 'Client B');
      }
    }
  });

  test('lists show what the session may see, whatever the query says', async () => {
    const names = async (key: ActorKey, query = '') => ((await f.send(f.actors[key], { method: 'GET', url: `/api/clients${query}` })).json() as { clients: Array<{ name: string }> }).clients.map((c) => c.name);
    expect(await names('B')).not.toContain('Client A');
    expect(await names('B', `?userId=${f.ids.aId}&clientId=${f.ids.clientA}`)).not.toContain('Client A');
    expect(await names('A')).not.toContain('Client B');
    expect(await names('admin')).toEqual(expect.arrayContaining(['Client A', 'Client B']));
    // The self-assessment's private client is nobody's, not even the admin's.
    expect(await names('admin')).not.toContain('Self Co');
  });

  test('owner, user and respondent ids in a body are refused, not believed', async () => {
    const { B, rB } = f.actors;
    const cases: Array<[typeof B, string, string, unknown]> = [
      [B, 'POST', '/api/clients', { name: 'Mine', ownerId: f.ids.aId, userId: f.ids.aId }],
      [B, 'POST', `/api/clients/${f.ids.clientB}/assessments`, { title: 'x', questionnaire: `${f.q.id}@${f.q.version}`, clientId: f.ids.clientA }],
      [B, 'POST', `/api/assessments/${f.ids.assessmentB}/share-links`, { expiresOn: '2025-06-30', assessmentId: f.ids.assessmentA }],
      [B, 'PUT', `/api/assessments/${f.ids.assessmentB}/actions/${f.ids.actionId}`, { status: 'done', assessmentId: f.ids.assessmentA }],
      [rB, 'PUT', `/api/r/${rB.token}/answers/${rB.question!.id}`, { value: rB.question!.value, respondentId: f.ids.respondentA }],
    ];
    for (const [actor, method, url, payload] of cases) {
      const res = await f.isolated(() => f.send(actor, { method, url, payload }));
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      expect((res.json() as { issues: Array<{ path: string }> }).issues.map((i) => i.path).join(' ')).toMatch(/body/);
    }
    // What a report query cannot carry either.
    const q = await f.send(f.actors.A, { method: 'GET', url: `/api/assessments/${f.ids.assessmentA}/report?userId=${f.ids.bId}` });
    expect(q.statusCode).toBe(400);
  });

  test("an id in the query cannot reach another client's assessment, and a self-assessment is nobody's by id", async () => {
    const cmp = await f.send(f.actors.A, { method: 'GET', url: `/api/assessments/${f.ids.followUpA}/comparison?previous=${f.ids.assessmentB}` });
    expect(cmp.statusCode).toBe(400);
    expect(cmp.body).not.toContain('Client B');
    const self = f.t.store.db.prepare("SELECT c.id AS clientId, a.id AS assessmentId FROM clients c JOIN assessments a ON a.client_id = c.id WHERE c.kind = 'self-assessment'").get() as { clientId: number; assessmentId: number };
    for (const url of [`/api/clients/${self.clientId}`, `/api/assessments/${self.assessmentId}`, `/api/assessments/${self.assessmentId}/export.json`, `/api/assessments/${self.assessmentId}/report`]) {
      const res = await f.send(f.actors.admin, { method: 'GET', url });
      expect(res.statusCode, `admin ${url}`).toBe(404);
    }
  });

  test("one consultant's CSRF token does not authorise another's session", async () => {
    const { A, B } = f.actors;
    const res = await f.isolated(() => f.send({ ...B, csrf: A.csrf }, { method: 'POST', url: '/api/clients', payload: { name: 'Forged' } }));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'ERR_CSRF' });
    const none = await f.isolated(() => f.send({ ...A, csrf: undefined }, { method: 'POST', url: '/api/clients', payload: { name: 'Forged' } }));
    expect(none.statusCode).toBe(403);
  });

  test("a respondent's answer lands on that respondent only", async () => {
    const { rA, rB } = f.actors;
    await f.isolated(async () => {
      const before = (await f.send(rA, { method: 'GET', url: `/api/r/${rA.token}` })).json() as { answers: Record<string, { value: unknown }> };
      const res = await f.send(rB, { method: 'PUT', url: `/api/r/${rB.token}/answers/${rB.question!.id}`, payload: { value: rB.question!.value } });
      expect(res.statusCode).toBe(200);
      const after = (await f.send(rA, { method: 'GET', url: `/api/r/${rA.token}` })).json() as { answers: Record<string, { value: unknown }> };
      expect(after.answers).toEqual(before.answers);
    });
  });
});
