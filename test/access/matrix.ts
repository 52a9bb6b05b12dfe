import { ACTOR_KEYS, randomToken, type Actor, type ActorKey, type Fixture } from './fixture.ts';

/**
 * Who may call each route. Every route the app registers must have a row here (the access test
 * fails otherwise), so adding a route means deciding who may call it. `req` builds a request that
 * succeeds for an allowed caller; consultants always aim at consultant A's objects, and link holders
 * put their own token in the path, so a success anywhere else is a hole. HEAD routes follow their
 * GET row.
 */
export interface Row {
  allow: readonly ActorKey[];
  req(f: Fixture, actor: Actor): { url: string; payload?: unknown };
}

const ALL = ACTOR_KEYS;
const NOBODY: readonly ActorKey[] = [];
/** Anyone with a live consultant session. */
const SIGNED_IN = ['A', 'B', 'admin', 'member'] as const;
/** Who sees client A and its assessments: its owner, its member, and the admin. */
const ON_A = ['A', 'member', 'admin'] as const;
/** Owner-only changes to client A. */
const OWNS_A = ['A', 'admin'] as const;
const ADMIN_ONLY = ['admin'] as const;
/** Invitation tokens that may still write (the self-assessment answers through the same API). */
const RESPONDING = ['rA', 'rB', 'self'] as const;
/** Invitation tokens that may read their questionnaire (a submitted one reads, but cannot write). */
const RESPONDENTS = ['rA', 'rB', 'rSub', 'self'] as const;

const get = (url: string) => () => ({ url });
/** A consultant's own link is nothing: consultants and anonymous callers try a token that exists nowhere. */
const tok = (a: Actor) => a.token ?? randomToken();
const question = (f: Fixture, a: Actor) => a.question ?? { id: f.ids.consensusQuestion, value: 1 };

export const MATRIX: Record<string, Row> = {
  // ---- static files and the API reference: public
  'GET /*': { allow: ALL, req: get('/index.html') },
  'GET /vendor/chart.umd.js': { allow: ALL, req: get('/vendor/chart.umd.js') },
  'GET /docs': { allow: ALL, req: get('/docs') },
  'GET /docs/static/index.html': { allow: ALL, req: get('/docs/static/index.html') },
  'GET /docs/static/swagger-initializer.js': { allow: ALL, req: get('/docs/static/swagger-initializer.js') },
  'GET /docs/static/*': { allow: ALL, req: get('/docs/static/swagger-ui.css') },
  'GET /docs/json': { allow: ALL, req: get('/docs/json') },
  'GET /docs/yaml': { allow: ALL, req: get('/docs/yaml') },
  'GET /self-assessment': { allow: ALL, req: get('/self-assessment') },

  // ---- setup and session
  'GET /api/setup': { allow: ALL, req: get('/api/setup') },
  'POST /api/setup': { allow: NOBODY, req: () => ({ url: '/api/setup', payload: { name: 'Second Admin', email: 'second@example.com', password: 'a long enough password' } }) },
  'GET /api/session': { allow: SIGNED_IN, req: get('/api/session') },
  // Signing in with one's own credentials; link holders and anonymous callers try A's address with a guess.
  'POST /api/session': { allow: SIGNED_IN, req: (_f, a) => ({ url: '/api/session', payload: { email: a.email ?? 'a@example.com', password: a.password ?? 'a guessed password' } }) },
  'DELETE /api/session': { allow: SIGNED_IN, req: () => ({ url: '/api/session' }) },
  'PUT /api/session/password': { allow: SIGNED_IN, req: (_f, a) => ({ url: '/api/session/password', payload: { currentPassword: a.password ?? 'a guessed password', newPassword: 'a brand new password' } }) },

  // ---- consultant accounts
  'GET /api/users': { allow: ADMIN_ONLY, req: get('/api/users') },
  'POST /api/users': { allow: ADMIN_ONLY, req: () => ({ url: '/api/users', payload: { name: 'New Consultant', email: 'new@example.com' } }) },
  'POST /api/users/:id/disable': { allow: ADMIN_ONLY, req: (f) => ({ url: `/api/users/${f.ids.aId}/disable` }) },
  'POST /api/users/:id/enable': { allow: ADMIN_ONLY, req: (f) => ({ url: `/api/users/${f.ids.disabledId}/enable` }) },
  'POST /api/users/:id/reset-password': { allow: ADMIN_ONLY, req: (f) => ({ url: `/api/users/${f.ids.aId}/reset-password` }) },
  'GET /api/consultants': { allow: SIGNED_IN, req: get('/api/consultants') },

  // ---- clients
  'GET /api/clients': { allow: SIGNED_IN, req: get('/api/clients') },
  'POST /api/clients': { allow: SIGNED_IN, req: () => ({ url: '/api/clients', payload: { name: 'New Client' } }) },
  'GET /api/clients/:id': { allow: ON_A, req: (f) => ({ url: `/api/clients/${f.ids.clientA}` }) },
  'PATCH /api/clients/:id': { allow: OWNS_A, req: (f) => ({ url: `/api/clients/${f.ids.clientA}`, payload: { name: 'Client A renamed' } }) },
  'POST /api/clients/:id/members': { allow: OWNS_A, req: (f) => ({ url: `/api/clients/${f.ids.clientA}/members`, payload: { email: 'b@example.com', role: 'member' } }) },
  'DELETE /api/clients/:id/members/:userId': { allow: OWNS_A, req: (f) => ({ url: `/api/clients/${f.ids.clientA}/members/${f.ids.memberId}` }) },
  'POST /api/demo': { allow: SIGNED_IN, req: () => ({ url: '/api/demo' }) },

  // ---- assessments, invitations, results
  'GET /api/catalog': { allow: SIGNED_IN, req: get('/api/catalog') },
  'POST /api/clients/:id/assessments': { allow: ON_A, req: (f) => ({ url: `/api/clients/${f.ids.clientA}/assessments`, payload: { title: 'Another', questionnaire: `${f.q.id}@${f.q.version}` } }) },
  'GET /api/assessments/:id': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}` }) },
  'PATCH /api/assessments/:id': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}`, payload: { title: 'Renamed', locale: 'en' } }) },
  'POST /api/assessments/:id/close': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/close` }) },
  'POST /api/assessments/:id/reopen': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/reopen` }) },
  'POST /api/assessments/:id/invitations': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/invitations`, payload: { invitations: [{ role: 'it', name: 'Ian' }] } }) },
  'POST /api/respondents/:id/link': { allow: ON_A, req: (f) => ({ url: `/api/respondents/${f.ids.respondentA}/link` }) },
  'DELETE /api/respondents/:id': { allow: ON_A, req: (f) => ({ url: `/api/respondents/${f.ids.respondentA}` }) },
  'POST /api/respondents/:id/reopen': { allow: ON_A, req: (f) => ({ url: `/api/respondents/${f.ids.respondentSub}/reopen` }) },
  'GET /api/assessments/:id/dashboard': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/dashboard` }) },
  'GET /api/assessments/:id/export.json': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/export.json` }) },
  'GET /api/assessments/:id/export.csv': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/export.csv` }) },
  'POST /api/assessments/:id/import': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/import`, payload: { content: f.importFile, fileName: 'answers.yaml' } }) },
  'GET /api/assessments/:id/report': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/report?variant=brief&locale=en` }) },

  // ---- behind an invitation link
  'GET /api/r/:token': { allow: RESPONDENTS, req: (_f, a) => ({ url: `/api/r/${tok(a)}` }) },
  'PUT /api/r/:token/answers/:questionId': { allow: RESPONDING, req: (f, a) => ({ url: `/api/r/${tok(a)}/answers/${question(f, a).id}`, payload: { value: question(f, a).value } }) },
  'DELETE /api/r/:token/answers/:questionId': { allow: RESPONDING, req: (f, a) => ({ url: `/api/r/${tok(a)}/answers/${question(f, a).id}` }) },
  'PUT /api/r/:token/locale': { allow: RESPONDENTS, req: (_f, a) => ({ url: `/api/r/${tok(a)}/locale`, payload: { locale: 'zh-CN' } }) },
  'POST /api/r/:token/submit': { allow: RESPONDING, req: (_f, a) => ({ url: `/api/r/${tok(a)}/submit` }) },
  'GET /r/:token': { allow: RESPONDENTS, req: (_f, a) => ({ url: `/r/${tok(a)}` }) },

  // ---- executive self-assessment: anyone may start one; only its own link opens it
  'POST /api/self-assessments': { allow: ALL, req: () => ({ url: '/api/self-assessments', payload: { locale: 'en' } }) },
  'GET /api/s/:token': { allow: ['self'], req: (_f, a) => ({ url: `/api/s/${tok(a)}` }) },
  'GET /api/s/:token/report': { allow: ['self'], req: (_f, a) => ({ url: `/api/s/${tok(a)}/report` }) },
  'DELETE /api/s/:token': { allow: ['self'], req: (_f, a) => ({ url: `/api/s/${tok(a)}` }) },
  'GET /s/:token': { allow: ['self'], req: (_f, a) => ({ url: `/s/${tok(a)}` }) },

  // ---- sponsor share links
  'POST /api/assessments/:id/share-links': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/share-links`, payload: { label: 'COO', expiresOn: '2025-06-30' } }) },
  'GET /api/assessments/:id/share-links': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/share-links` }) },
  'DELETE /api/share-links/:id': { allow: ON_A, req: (f) => ({ url: `/api/share-links/${f.ids.shareA}` }) },
  'GET /api/share/:token': { allow: ['share'], req: (_f, a) => ({ url: `/api/share/${tok(a)}` }) },
  'GET /api/share/:token/report': { allow: ['share'], req: (_f, a) => ({ url: `/api/share/${tok(a)}/report` }) },
  'GET /share/:token': { allow: ['share'], req: (_f, a) => ({ url: `/share/${tok(a)}` }) },

  // ---- workshop mode
  'GET /api/assessments/:id/workshop': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/workshop` }) },
  'PUT /api/assessments/:id/consensus/:questionId': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/consensus/${f.ids.consensusQuestion}`, payload: { value: f.actors.rA.question!.value, dissent: 'CFO disagrees' } }) },
  'DELETE /api/assessments/:id/consensus/:questionId': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/consensus/${f.ids.consensusQuestion}` }) },

  // ---- follow-ups
  'POST /api/assessments/:id/follow-ups': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/follow-ups`, payload: { title: 'Again', invite: 'none' } }) },
  'GET /api/assessments/:id/follow-ups': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/follow-ups` }) },
  'GET /api/assessments/:id/comparison': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.followUpA}/comparison` }) },
  'GET /api/assessments/:id/actions': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/actions` }) },
  'PUT /api/assessments/:id/actions/:actionId': { allow: ON_A, req: (f) => ({ url: `/api/assessments/${f.ids.assessmentA}/actions/${f.ids.actionId}`, payload: { status: 'done', note: 'Signed off' } }) },
};

/** The row of a registered route; HEAD follows GET. */
export function rowOf(method: string, url: string): Row | undefined {
  return MATRIX[`${method} ${url}`] ?? (method === 'HEAD' ? MATRIX[`GET ${url}`] : undefined);
}

const SESSION_HOLDERS = new Set<ActorKey>(SIGNED_IN);

/**
 * The statuses a caller outside the allowed cells must get: 401 without a live session, 404 for
 * another consultant's objects (never 403, which would confirm they exist), 403 for an owner-only
 * or admin-only action, 404 for a wrong or revoked link, 410 for an expired one, 409 for a
 * submitted respondent's writes.
 */
export function expectedDenial(method: string, url: string, actor: ActorKey): number[] {
  if (url.includes(':token')) {
    if (actor === 'rSub' && url.startsWith('/api/r/')) return [409];
    if (actor === 'xInvite' && /^\/(api\/)?r\//.test(url)) return [410];
    if (actor === 'xShare' && /^\/(api\/)?share\//.test(url)) return [410];
    return [404];
  }
  if (method === 'POST' && url === '/api/setup') return [409];
  if (method === 'POST' && url === '/api/session') return actor === 'disabled' ? [403] : [401];
  if (!SESSION_HOLDERS.has(actor)) return [401];
  const row = rowOf(method, url)!;
  if (row.allow.length === 1 && row.allow[0] === 'admin') return [403];
  if (actor === 'member') return [403];
  return [404];
}
