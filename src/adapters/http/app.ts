import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Catalog } from '../catalog/load-catalog.ts';
import type { Store } from '../store/create-store.ts';
import { handleError, handleRouterError } from './errors.ts';
import auth from './plugins/auth.ts';
import docs from './plugins/docs.ts';
import security from './plugins/security.ts';
import services, { DEFAULT_RATE_LIMITS, type RateLimits } from './plugins/services.ts';
import web from './plugins/web.ts';
import type { ReportRenderer } from './report-port.ts';
import assessmentRoutes from './routes/assessments.ts';
import clientRoutes from './routes/clients.ts';
import demoRoutes from './routes/demo.ts';
import invitationRoutes from './routes/invitations.ts';
import reportRoutes from './routes/report.ts';
import respondentRoutes from './routes/respondent.ts';
import resultRoutes from './routes/results.ts';
import sessionRoutes from './routes/session.ts';
import userRoutes from './routes/users.ts';
import followUpRoutes from './routes/follow-ups.ts';
import selfAssessmentRoutes from './routes/self-assessment.ts';
import shareLinkRoutes from './routes/share-links.ts';
import workshopRoutes from './routes/workshop.ts';
import type { ScryptParams } from './services/passwords.ts';
import { validatorCompiler } from './validator.ts';

export interface AppOptions {
  store: Store;
  catalog: Catalog;
  /** The PDF renderer; null serves every route except report downloads (503), which keeps API tests cheap. */
  reports?: ReportRenderer | null;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Mark the session cookie Secure and send HSTS: set when the app is reached over https. */
  secureCookies?: boolean;
  scrypt?: ScryptParams;
  rateLimits?: Partial<RateLimits>;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits are per client). */
  trustProxy?: boolean;
  bodyLimit?: number;
}

// Invitation, self-assessment and share tokens are credentials: they never reach a log line.
export const redactUrl = (url: string) => url.replace(/\/(r|s|share)\/[^/?#]+/g, '/$1/[token]');

export const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
};

/**
 * The web app: external plugins, then our own (services, auth), then routes; one error handler.
 * server.ts only listens and closes; tests call buildApp and use app.inject.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 256 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // A respondent's request that is still saving when we shut down gets to finish.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: handleRouterError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Set before any plugin registers: encapsulated contexts take the handler in force when they are created.
  app.setErrorHandler(handleError);
  await app.register(services, {
    store: opts.store, catalog: opts.catalog, reports: opts.reports ?? null, now: opts.now ?? (() => new Date()),
    scrypt: opts.scrypt, secureCookies: opts.secureCookies ?? false, rateLimits: { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits },
  });
  await app.register(security);
  await app.register(docs);
  await app.register(auth);
  await app.register(web);

  await app.register(sessionRoutes);
  await app.register(userRoutes);
  await app.register(clientRoutes);
  await app.register(demoRoutes);
  await app.register(assessmentRoutes);
  await app.register(invitationRoutes);
  await app.register(resultRoutes);
  await app.register(reportRoutes);
  await app.register(respondentRoutes);
  await app.register(selfAssessmentRoutes);
  await app.register(shareLinkRoutes);
  await app.register(workshopRoutes);
  await app.register(followUpRoutes);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !request.headers.accept?.includes('text/html')) {
      return reply.code(404).send({ error: 'Not found', code: 'ERR_NOT_FOUND' });
    }
    return reply.code(404).type('text/html').sendFile('404.html');
  });
  return app;
}
