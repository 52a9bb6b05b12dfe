import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Questionnaire } from '../../src/core/questionnaire/questionnaire-schema.ts';
import { fakeRenderer, valueFor } from '../http/answer-helpers.ts';
import { addConsultant, ADMIN, build, createAssessment, invite, scorableQuestionnaire, setupAdmin, type Agent, type TestApp } from '../http/helpers.ts';
import { captureRoutes, type RouteInfo } from './route-table.ts';

/**
 * One workspace with every kind of caller the app knows, built once over a real SQLite file:
 * consultant A (owner of client A), consultant B (owner of client B), a member of A's client, the
 * admin, a consultant who was on A's client and has been disabled since signing in, respondents of
 * A's and B's assessments, one who already submitted, a self-assessment, a sponsor share link, and
 * expired and revoked invitation and share links. Tests run each request inside a transaction they
 * roll back (`isolated`), so a sign-out, a revocation or a deletion never leaks into the next cell.
 */

export const ACTOR_KEYS = ['anon', 'A', 'B', 'admin', 'member', 'disabled', 'rA', 'rB', 'rSub', 'self', 'share', 'xInvite', 'xShare', 'rvInvite', 'rvShare'] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];

export const ACTOR_LABELS: Record<ActorKey, string> = {
  anon: 'anonymous',
  A: 'consultant A (owner)',
  B: 'consultant B (another client)',
  admin: 'admin',
  member: "member of A's client",
  disabled: "disabled consultant's old session",
  rA: "respondent of A's assessment",
  rB: "respondent of B's assessment",
  rSub: 'respondent who submitted',
  self: 'self-assessment link',
  share: 'sponsor share link',
  xInvite: 'expired invitation',
  xShare: 'expired share link',
  rvInvite: 'revoked invitation',
  rvShare: 'revoked share link',
};

export interface Actor {
  key: ActorKey;
  /** A consultant's session cookie and CSRF token. */
  cookie?: string;
  csrf?: string;
  email?: string;
  password?: string;
  /** The credential in the link this actor holds (invitation, self-assessment or share token). */
  token?: string;
  /** For respondents: a question their role is asked, and a valid answer to it. */
  question?: { id: string; value: unknown };
}

export interface Fixture {
  t: TestApp;
  routes: RouteInfo[];
  q: Questionnaire;
  actors: Record<ActorKey, Actor>;
  ids: {
    adminId: number; aId: number; bId: number; memberId: number; disabledId: number;
    clientA: number; clientB: number; assessmentA: number; assessmentB: number; followUpA: number;
    respondentA: number; respondentSub: number; shareA: number;
    consensusQuestion: string; actionId: string;
  };
  /** A valid answers file for A's assessment (one new respondent), for the import route. */
  importFile: string;
  /** Runs `fn` in a transaction that is rolled back afterwards, whatever the request did. */
  isolated<T>(fn: () => Promise<T>): Promise<T>;
  /** Sends a request as `actor`: its cookie and CSRF token, or, for link holders, the token wherever a credential could go. */
  send(actor: Actor, req: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const PASSWORD = 'a long enough password';
export const randomToken = () => randomBytes(32).toString('base64url');

const agentActor = (key: ActorKey, agent: Agent, email: string, password: string): Actor => ({ key, cookie: agent.cookie, csrf: agent.csrf, email, password });

export async function buildFixture(): Promise<Fixture> {
  const { built: t, routes } = await captureRoutes(() => build({
    reports: fakeRenderer(),
    rateLimits: { signIn: 1_000_000, token: 1_000_000, tokenMisses: 1_000_000, selfAssessments: 1_000_000 },
  }));
  const { app, store } = t;
  const q = scorableQuestionnaire();
  const ref = `${q.id}@${q.version}`;
  const firstFor = (role: string) => q.questions.find((x) => x.roles.includes(role as never) && !x.showIf && x.type !== 'text')!;
  const answerFor = (role: string, health: 0 | 1 = 0) => { const x = firstFor(role); return { id: x.id, value: valueFor(q, x, health) }; };
  const put = async (token: string, id: string, value: unknown) => {
    const res = await app.inject({ method: 'PUT', url: `/api/r/${token}/answers/${id}`, payload: { value } });
    if (res.statusCode !== 200) throw new Error(`answer ${id}: ${res.statusCode} ${res.body}`);
  };
  const must = (res: LightMyRequestResponse, status: number, what: string) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  const admin = await setupAdmin(app);
  const a = await addConsultant(app, admin, 'Consultant A', 'a@example.com', PASSWORD);
  const b = await addConsultant(app, admin, 'Consultant B', 'b@example.com', PASSWORD);
  const member = await addConsultant(app, admin, 'Member M', 'm@example.com', PASSWORD);
  const disabled = await addConsultant(app, admin, 'Disabled D', 'd@example.com', PASSWORD);
  const adminId = (must(await admin.get('/api/session'), 200, 'admin session') as { user: { id: number } }).user.id;

  const { clientId: clientA, assessmentId: assessmentA } = await createAssessment(a, 'Client A', ref);
  const { clientId: clientB, assessmentId: assessmentB } = await createAssessment(b, 'Client B', ref);
  must(await a.post(`/api/clients/${clientA}/members`, { email: 'm@example.com', role: 'member' }), 200, 'add member');
  must(await a.post(`/api/clients/${clientA}/members`, { email: 'd@example.com', role: 'member' }), 200, 'add disabled-to-be');
  // The disabled consultant's session was real and saw A's client before the account was disabled.
  must(await disabled.get(`/api/clients/${clientA}`), 200, 'disabled-to-be reads A');

  const [rA, rSub, xInvite, rvInvite] = await invite(a, assessmentA, [{ role: 'business', name: 'Resp A' }, { role: 'business' }, { role: 'business' }, { role: 'business' }]);
  const [rB] = await invite(b, assessmentB, [{ role: 'business', name: 'Resp B' }]);
  // Every business question answered at the unhealthy end, so the plan has actions to track.
  for (const x of q.questions.filter((y) => y.roles.includes('business') && !y.showIf)) await put(rA!.token, x.id, valueFor(q, x, 0));
  await put(rB!.token, answerFor('business').id, answerFor('business').value);
  await put(rSub!.token, answerFor('business').id, answerFor('business').value);
  must(await app.inject({ method: 'POST', url: `/api/r/${rSub!.token}/submit` }), 200, 'submit');
  must(await a.delete(`/api/respondents/${rvInvite!.id}`), 200, 'revoke invitation');
  store.db.prepare('UPDATE respondents SET expires_at = ? WHERE id = ?').run('2025-02-01T00:00:00.000Z', xInvite!.id);

  const self = must(await app.inject({ method: 'POST', url: '/api/self-assessments', payload: { locale: 'en', organisation: 'Self Co' } }), 201, 'self-assessment') as { token: string };
  await put(self.token, answerFor('executive').id, answerFor('executive').value);

  const shareOf = async () => must(await a.post(`/api/assessments/${assessmentA}/share-links`, { label: 'CFO', expiresOn: '2025-06-30' }), 201, 'share link') as { token: string; link: { id: number } };
  const share = await shareOf();
  const xShare = await shareOf();
  const rvShare = await shareOf();
  store.db.prepare('UPDATE share_links SET expires_at = ? WHERE id = ?').run('2025-02-01T00:00:00.000Z', xShare.link.id);
  must(await a.delete(`/api/share-links/${rvShare.link.id}`), 200, 'revoke share link');

  const followUp = must(await a.post(`/api/assessments/${assessmentA}/follow-ups`, { title: 'Follow-up A', invite: 'none' }), 201, 'follow-up') as { assessment: { id: number } };
  const [again] = await invite(a, followUp.assessment.id, [{ role: 'business' }]);
  await put(again!.token, answerFor('business', 1).id, answerFor('business', 1).value);
  const actions = must(await a.get(`/api/assessments/${assessmentA}/actions`), 200, 'actions') as { actions: Array<{ id: string }> };
  if (!actions.actions.length) throw new Error('the fixture assessment has no plan actions');

  // Disabled last: the admin's disable ends the session the consultant still holds a cookie for.
  must(await admin.post(`/api/users/${disabled.id}/disable`), 200, 'disable');

  const importAnswer = answerFor('it', 1);
  const importFile = `questionnaire: ${ref}\norganisation: { name: Client A }\nrespondent: { id: imported-1, name: Imported, role: it }\nanswers:\n  ${importAnswer.id}: ${JSON.stringify(importAnswer.value)}\n`;

  const actors: Record<ActorKey, Actor> = {
    anon: { key: 'anon' },
    A: agentActor('A', a, 'a@example.com', PASSWORD),
    B: agentActor('B', b, 'b@example.com', PASSWORD),
    admin: agentActor('admin', admin, ADMIN.email, ADMIN.password),
    member: agentActor('member', member, 'm@example.com', PASSWORD),
    disabled: agentActor('disabled', disabled, 'd@example.com', PASSWORD),
    rA: { key: 'rA', token: rA!.token, question: answerFor('business', 1) },
    rB: { key: 'rB', token: rB!.token, question: answerFor('business', 1) },
    rSub: { key: 'rSub', token: rSub!.token, question: answerFor('business', 1) },
    self: { key: 'self', token: self.token, question: answerFor('executive', 1) },
    share: { key: 'share', token: share.token },
    xInvite: { key: 'xInvite', token: xInvite!.token, question: answerFor('business', 1) },
    xShare: { key: 'xShare', token: xShare.token },
    rvInvite: { key: 'rvInvite', token: rvInvite!.token, question: answerFor('business', 1) },
    rvShare: { key: 'rvShare', token: rvShare.token },
  };

  const send: Fixture['send'] = (actor, req) => {
    const headers: Record<string, string> = { ...req.headers };
    if (actor.cookie) headers.cookie = actor.cookie;
    if (actor.csrf && req.method !== 'GET' && req.method !== 'HEAD') headers['x-csrf-token'] = actor.csrf;
    // A link holder tries its token everywhere a credential could go: it must never count as a session.
    if (!actor.cookie && actor.token) {
      headers.cookie = `crm_sid=${actor.token}`;
      headers['x-csrf-token'] = actor.token;
      headers.authorization = `Bearer ${actor.token}`;
    }
    return app.inject({ method: req.method as InjectOptions['method'], url: req.url, headers, ...(req.payload === undefined ? {} : { payload: req.payload as InjectOptions['payload'] }) });
  };

  const isolated = async <T>(fn: () => Promise<T>): Promise<T> => {
    store.db.exec('BEGIN');
    try {
      return await fn();
    } finally {
      // Let a group commit queued by the request run (inside this transaction, as a savepoint) before rolling back.
      await new Promise((r) => setImmediate(r));
      if (store.db.inTransaction) store.db.exec('ROLLBACK');
    }
  };

  return {
    t, routes, q, actors, importFile, isolated, send,
    ids: {
      adminId, aId: a.id, bId: b.id, memberId: member.id, disabledId: disabled.id,
      clientA, clientB, assessmentA, assessmentB, followUpA: followUp.assessment.id,
      respondentA: rA!.id, respondentSub: rSub!.id, shareA: share.link.id,
      consensusQuestion: answerFor('business').id, actionId: actions.actions[0]!.id,
    },
    close: () => t.close(),
  };
}
