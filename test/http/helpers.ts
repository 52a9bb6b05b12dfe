import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { findRuleSetFor, loadCatalog, type Catalog } from '../../src/adapters/catalog/load-catalog.ts';
import { buildApp, type AppOptions } from '../../src/adapters/http/app.ts';
import { createStore, type Store } from '../../src/adapters/store/create-store.ts';

let sharedCatalog: Catalog | undefined;
/** The shipped catalog, loaded once per test file. */
export function catalog(): Catalog {
  return (sharedCatalog ??= loadCatalog());
}

/** A clock the tests move by hand (invitation expiry, sessions). */
export class Clock {
  constructor(public t = Date.parse('2025-03-01T09:00:00.000Z')) {}
  now = () => new Date(this.t);
  advanceDays(days: number) { this.t += days * 86_400_000; }
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  clock: Clock;
  dir: string;
  close(): Promise<void>;
}

/** A real app over a real SQLite file in a temp folder; cheap scrypt and generous limits unless a test says otherwise. */
export async function build(overrides: Partial<AppOptions> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-http-'));
  const store = createStore(path.join(dir, 'test.db'));
  const clock = new Clock();
  const app = await buildApp({ store, catalog: catalog(), now: clock.now, scrypt: { N: 1024, r: 8, p: 1 }, rateLimits: { signIn: 10_000, token: 100_000, tokenMisses: 100_000 }, reports: null, ...overrides });
  await app.ready();
  return {
    app, store, clock, dir,
    async close() { await app.close(); store.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  async request(method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method, url,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
    const sid = res.cookies.find((c) => c.name === 'crm_sid');
    if (sid) this.cookie = sid.value ? `crm_sid=${sid.value}` : '';
    const body = res.headers['content-type']?.toString().startsWith('application/json') ? (res.json() as { csrfToken?: string }) : undefined;
    if (body?.csrfToken) this.csrf = body.csrfToken;
    return res;
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, payload: unknown = {}) => this.request('POST', url, payload);
  put = (url: string, payload: unknown) => this.request('PUT', url, payload);
  patch = (url: string, payload: unknown) => this.request('PATCH', url, payload);
  delete = (url: string) => this.request('DELETE', url);
}

export const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };

/** First start: the admin account (and, if asked, the demo). */
export async function setupAdmin(app: FastifyInstance, demo = false): Promise<Agent> {
  const admin = new Agent(app);
  const res = await admin.post('/api/setup', { ...ADMIN, demo });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return admin;
}

/** An admin invites a consultant, who signs in with the temporary password and picks their own. */
export async function addConsultant(app: FastifyInstance, admin: Agent, name: string, email: string, password = 'a long enough password'): Promise<Agent & { id: number }> {
  const res = await admin.post('/api/users', { name, email });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  const { user, temporaryPassword } = res.json() as { user: { id: number }; temporaryPassword: string };
  const agent = Object.assign(new Agent(app), { id: user.id });
  await agent.post('/api/session', { email, password: temporaryPassword });
  const changed = await agent.put('/api/session/password', { currentPassword: temporaryPassword, newPassword: password });
  if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.body}`);
  return agent;
}

/** crm-readiness when its rules are installed, else the first scorable questionnaire. */
export function scorableQuestionnaire() {
  const c = catalog();
  const scorable = c.questionnaires.filter((q) => findRuleSetFor(c, q));
  return scorable.find((q) => q.id === 'crm-readiness') ?? scorable[0]!;
}
export const QUESTIONNAIRE = (() => { const q = scorableQuestionnaire(); return `${q.id}@${q.version}`; })();

/** A client with an open assessment owned by `agent`. */
export async function createAssessment(agent: Agent, clientName = 'Acme Ltd', questionnaire = QUESTIONNAIRE): Promise<{ clientId: number; assessmentId: number }> {
  const client = await agent.post('/api/clients', { name: clientName, industry: 'Manufacturing', size: '200-500', country: 'DE' });
  if (client.statusCode !== 201) throw new Error(`client failed: ${client.body}`);
  const clientId = (client.json() as { client: { id: number } }).client.id;
  const a = await agent.post(`/api/clients/${clientId}/assessments`, { title: 'Readiness 2025', questionnaire, locale: 'en', dueDate: '2025-04-01' });
  if (a.statusCode !== 201) throw new Error(`assessment failed: ${a.body}`);
  return { clientId, assessmentId: (a.json() as { assessment: { id: number } }).assessment.id };
}

export async function invite(agent: Agent, assessmentId: number, invitations: Array<{ role: string; name?: string }>, expiresOn?: string): Promise<Array<{ id: number; token: string; key: string }>> {
  const res = await agent.post(`/api/assessments/${assessmentId}/invitations`, { invitations, ...(expiresOn ? { expiresOn } : {}) });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.body}`);
  return (res.json() as { links: Array<{ respondent: { id: number; key: string }; token: string }> }).links.map((l) => ({ id: l.respondent.id, key: l.respondent.key, token: l.token }));
}
