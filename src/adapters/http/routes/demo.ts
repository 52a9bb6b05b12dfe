import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../errors.ts';
import { authOf } from '../plugins/auth.ts';
import { ErrorResponse } from '../schemas.ts';
import { loadDemoWorkspace } from '../services/demo-workspace.ts';

/** Loads another copy of the demo workspace for the signed-in consultant (setup offers the first). */
const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/demo', { onRequest: app.requireUser, schema: { tags: ['clients'], summary: 'Load the demo workspace (a sample client with a finished 12-person workshop)',
    response: { 201: z.object({ clientId: z.number(), assessmentId: z.number() }), 503: ErrorResponse } } },
  async (request, reply) => {
    const loaded = loadDemoWorkspace(app, authOf(request).user.id);
    if (!loaded) throw new HttpError(503, 'ERR_DEMO_UNAVAILABLE', 'No scorable questionnaire is installed, so the demo cannot be built');
    return reply.code(201).send(loaded);
  });
};
export default demoRoutes;
