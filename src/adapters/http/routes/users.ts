import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicUser } from '../../store/repositories/users-repository.ts';
import { conflict, HttpError, notFound } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { CreateUserBody, ErrorResponse, IdParams, UserSchema } from '../schemas.ts';
import { generateTemporaryPassword, hashPassword } from '../services/passwords.ts';

const WithPassword = z.object({ user: UserSchema, temporaryPassword: z.string().describe('Shown once; the consultant must change it at first sign-in') });

/** Admins invite consultants (a one-time temporary password, no e-mail) and disable them. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const adminOnly = { onRequest: app.requireAdmin };

  app.get('/api/users', { ...adminOnly, schema: { tags: ['users'], summary: 'Every consultant account', response: { 200: z.object({ users: z.array(UserSchema) }), 401: ErrorResponse, 403: ErrorResponse } } },
    async () => ({ users: store.users.list() }));

  // Consultants need names and e-mails to add colleagues to a client; nothing more is shown.
  app.get('/api/consultants', {
    onRequest: app.requireUser,
    schema: { tags: ['users'], summary: 'Enabled consultants (to add to a client)', response: { 200: z.object({ consultants: z.array(z.object({ id: z.number(), name: z.string(), email: z.string() })) }), 401: ErrorResponse } },
  }, async () => ({ consultants: store.users.list().filter((u) => !u.disabledAt).map(({ id, name, email }) => ({ id, name, email })) }));

  app.post('/api/users', { ...adminOnly, schema: { tags: ['users'], summary: 'Invite a consultant', body: CreateUserBody, response: { 201: WithPassword, 400: ErrorResponse, 409: ErrorResponse } } },
    async (request, reply) => {
      const { email, name, isAdmin } = request.body;
      if (store.users.findByEmail(email)) throw conflict(`There is already an account for ${email}`, 'ERR_EMAIL_TAKEN');
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword, app.services.scrypt);
      const id = store.users.create({ email, name, passwordHash, isAdmin, mustChangePassword: true, createdAt: app.nowIso() });
      return reply.code(201).send({ user: publicUser(store.users.find(id)!), temporaryPassword });
    });

  const target = (id: number, selfId: number, verb: string) => {
    const user = store.users.find(id);
    if (!user) throw notFound('This account does not exist');
    if (id === selfId) throw new HttpError(409, 'ERR_SELF', `You cannot ${verb} your own account`);
    return user;
  };

  app.post('/api/users/:id/disable', { ...adminOnly, schema: { tags: ['users'], summary: 'Disable an account and end all its sessions', params: IdParams, response: { 200: z.object({ user: UserSchema, sessionsEnded: z.number() }), 404: ErrorResponse, 409: ErrorResponse } } },
    async (request) => {
      target(request.params.id, authOf(request).user.id, 'disable');
      const at = app.nowIso();
      const sessionsEnded = store.transaction(() => {
        store.users.setDisabled(request.params.id, at);
        return store.sessions.revokeAllForUser(request.params.id, at);
      });
      return { user: publicUser(store.users.find(request.params.id)!), sessionsEnded };
    });

  app.post('/api/users/:id/enable', { ...adminOnly, schema: { tags: ['users'], summary: 'Enable a disabled account', params: IdParams, response: { 200: z.object({ user: UserSchema }), 404: ErrorResponse, 409: ErrorResponse } } },
    async (request) => {
      target(request.params.id, authOf(request).user.id, 'enable');
      store.users.setDisabled(request.params.id, null);
      return { user: publicUser(store.users.find(request.params.id)!) };
    });

  app.post('/api/users/:id/reset-password', { ...adminOnly, schema: { tags: ['users'], summary: 'Give an account a new temporary password (ends its sessions)', params: IdParams, response: { 200: WithPassword, 404: ErrorResponse, 409: ErrorResponse } } },
    async (request) => {
      target(request.params.id, authOf(request).user.id, 'reset the password of');
      const temporaryPassword = generateTemporaryPassword();
      const hash = await hashPassword(temporaryPassword, app.services.scrypt);
      store.transaction(() => {
        store.users.setPassword(request.params.id, hash, true);
        store.sessions.revokeAllForUser(request.params.id, app.nowIso());
      });
      return { user: publicUser(store.users.find(request.params.id)!), temporaryPassword };
    });
};
export default userRoutes;
