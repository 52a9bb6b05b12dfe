import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest, conflict } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { ClientBody, ErrorResponse, IdParams, MemberBody, MemberParams } from '../schemas.ts';
import { getOwnedClient, getVisibleClient } from '../services/access.ts';
import { AssessmentSummarySchema, ClientSchema, MemberSchema, toAssessmentSummary } from '../views.ts';

const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Clients: the consultant sees the ones they own or were added to; an admin sees all. */
const clientRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.services;
  const auth = { onRequest: app.requireUser };

  app.get('/api/clients', { ...auth, schema: { tags: ['clients'], summary: 'Clients visible to me', response: { 200: z.object({ clients: z.array(ClientSchema.extend({ myRole: z.string(), assessments: z.number() })) }), 401: ErrorResponse } } },
    async (request) => {
      const { user } = authOf(request);
      const clients = store.clients.listVisible(user.id, user.isAdmin).map((c) => ({
        ...c, myRole: store.clients.roleOf(c.id, user.id) ?? 'admin', assessments: store.assessments.listForClient(c.id).length,
      }));
      return { clients };
    });

  app.post('/api/clients', { ...auth, schema: { tags: ['clients'], summary: 'Create a client (I become its owner)', body: ClientBody, response: { 201: z.object({ client: ClientSchema }), 400: ErrorResponse } } },
    async (request, reply) => {
      const b = request.body;
      const id = store.clients.create({ name: b.name, industry: clean(b.industry), size: clean(b.size), country: clean(b.country), createdAt: app.nowIso() }, authOf(request).user.id);
      return reply.code(201).send({ client: store.clients.find(id)! });
    });

  app.get('/api/clients/:id', { ...auth, schema: { tags: ['clients'], summary: 'A client with its members and assessments', params: IdParams,
    response: { 200: z.object({ client: ClientSchema, myRole: z.string(), members: z.array(MemberSchema), assessments: z.array(AssessmentSummarySchema) }), 404: ErrorResponse } } },
  async (request) => {
    const { client, role } = getVisibleClient(app, authOf(request), request.params.id);
    return { client, myRole: role, members: store.clients.members(client.id), assessments: store.assessments.listForClient(client.id).map((a) => toAssessmentSummary(app, a)) };
  });

  app.patch('/api/clients/:id', { ...auth, schema: { tags: ['clients'], summary: 'Edit a client (owner or admin)', params: IdParams, body: ClientBody, response: { 200: z.object({ client: ClientSchema }), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } },
    async (request) => {
      const client = getOwnedClient(app, authOf(request), request.params.id);
      const b = request.body;
      store.clients.update(client.id, { name: b.name, industry: clean(b.industry), size: clean(b.size), country: clean(b.country) });
      return { client: store.clients.find(client.id)! };
    });

  app.post('/api/clients/:id/members', { ...auth, schema: { tags: ['clients'], summary: 'Add a consultant to a client, or change their role', params: IdParams, body: MemberBody,
    response: { 200: z.object({ members: z.array(MemberSchema) }), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } },
  async (request) => {
    const client = getOwnedClient(app, authOf(request), request.params.id);
    const user = store.users.findByEmail(request.body.email);
    if (!user || user.disabledAt) throw badRequest('No enabled consultant has this e-mail address', [{ path: 'body.email', message: `no enabled consultant account for ${request.body.email}` }]);
    store.transaction(() => {
      store.clients.setMember(client.id, user.id, request.body.role);
      if (store.clients.ownerCount(client.id) === 0) throw conflict('A client needs at least one owner', 'ERR_LAST_OWNER');
    });
    return { members: store.clients.members(client.id) };
  });

  app.delete('/api/clients/:id/members/:userId', { ...auth, schema: { tags: ['clients'], summary: 'Remove a consultant from a client', params: MemberParams,
    response: { 200: z.object({ members: z.array(MemberSchema) }), 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } } },
  async (request) => {
    const client = getOwnedClient(app, authOf(request), request.params.id);
    store.transaction(() => {
      store.clients.removeMember(client.id, request.params.userId);
      if (store.clients.ownerCount(client.id) === 0) throw conflict('A client needs at least one owner; make someone else owner first', 'ERR_LAST_OWNER');
    });
    return { members: store.clients.members(client.id) };
  });
};
export default clientRoutes;
