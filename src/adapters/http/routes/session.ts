import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicUser } from '../../store/repositories/users-repository.ts';
import { conflict, HttpError, unauthorized } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { ChangePasswordBody, ErrorResponse, SessionResponse, SetupBody, SignInBody } from '../schemas.ts';
import { loadDemoWorkspace } from '../services/demo-workspace.ts';
import { hashPassword, verifyPassword } from '../services/passwords.ts';

// Compared against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** First start, sign in and out, and the password. */
const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const signInLimit = { rateLimit: { max: app.services.rateLimits.signIn, timeWindow: 60_000 } };

  app.get('/api/setup', { schema: { tags: ['setup'], summary: 'Whether the first account still has to be created', response: { 200: z.object({ needed: z.boolean() }) } } },
    async () => ({ needed: store.users.count() === 0 }));

  app.post('/api/setup', {
    config: signInLimit,
    schema: { tags: ['setup'], summary: 'Create the first (admin) account and optionally the demo workspace', body: SetupBody, response: { 201: SessionResponse.extend({ demo: z.object({ clientId: z.number(), assessmentId: z.number() }).nullable() }), 409: ErrorResponse } },
  }, async (request, reply) => {
    const { name, email, password, demo } = request.body;
    const passwordHash = await hashPassword(password, app.services.scrypt);
    const userId = store.transaction(() => {
      // Checked inside the write transaction: two racing setup requests cannot both create an admin.
      if (store.users.count() > 0) throw conflict('This server is already set up; sign in instead', 'ERR_ALREADY_SET_UP');
      return store.users.create({ email, name, passwordHash, isAdmin: true, mustChangePassword: false, createdAt: app.nowIso() });
    });
    const loaded = demo ? loadDemoWorkspace(app, userId) : null;
    const csrfToken = app.startSession(reply, userId);
    return reply.code(201).send({ user: publicUser(store.users.find(userId)!), csrfToken, demo: loaded });
  });

  app.get('/api/session', {
    onRequest: app.requireUser,
    config: { beforePasswordChange: true },
    schema: { tags: ['session'], summary: 'The signed-in user and the CSRF token for writes', response: { 200: SessionResponse, 401: ErrorResponse } },
  }, async (request) => {
    const auth = authOf(request);
    return { user: publicUser(auth.user), csrfToken: auth.session.csrfToken };
  });

  app.post('/api/session', {
    config: signInLimit,
    schema: { tags: ['session'], summary: 'Sign in', body: SignInBody, response: { 200: SessionResponse, 401: ErrorResponse, 403: ErrorResponse } },
  }, async (request, reply) => {
    const { email, password } = request.body;
    const user = store.users.findByEmail(email);
    dummyHash ??= hashPassword('not a real password', app.services.scrypt);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
    if (!user || !ok) throw unauthorized('The e-mail address or the password is wrong');
    // Said only after the right password, so it does not reveal which addresses have accounts.
    if (user.disabledAt) throw new HttpError(403, 'ERR_ACCOUNT_DISABLED', 'This account is disabled; ask an admin to enable it');
    const csrfToken = app.startSession(reply, user.id);
    return { user: publicUser(user), csrfToken };
  });

  app.delete('/api/session', {
    onRequest: app.requireUser,
    config: { beforePasswordChange: true },
    schema: { tags: ['session'], summary: 'Sign out (ends this session on the server)', response: { 204: z.null(), 401: ErrorResponse } },
  }, async (request, reply) => {
    app.endSession(request, reply);
    return reply.code(204).send(null);
  });

  app.put('/api/session/password', {
    onRequest: app.requireUser,
    config: { ...signInLimit, beforePasswordChange: true },
    schema: { tags: ['session'], summary: 'Change the password; signs out every other session', body: ChangePasswordBody, response: { 200: SessionResponse, 400: ErrorResponse, 401: ErrorResponse } },
  }, async (request) => {
    const auth = authOf(request);
    const { currentPassword, newPassword } = request.body;
    if (!(await verifyPassword(currentPassword, auth.user.passwordHash))) {
      throw new HttpError(400, 'ERR_VALIDATION', 'The current password is wrong', [{ path: 'body.currentPassword', message: 'does not match your current password' }]);
    }
    if (currentPassword === newPassword) {
      throw new HttpError(400, 'ERR_VALIDATION', 'Choose a different password', [{ path: 'body.newPassword', message: 'is the same as the current password' }]);
    }
    const hash = await hashPassword(newPassword, app.services.scrypt);
    store.transaction(() => {
      store.users.setPassword(auth.user.id, hash, false);
      store.sessions.revokeAllForUser(auth.user.id, app.nowIso(), auth.session.idHash);
    });
    return { user: publicUser(store.users.find(auth.user.id)!), csrfToken: auth.session.csrfToken };
  });
};
export default sessionRoutes;
