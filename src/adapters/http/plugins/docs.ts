import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document is generated from the zod schemas the routes validate with; its reference is at /docs. */
export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'crm-readiness API',
        description: 'The JSON API behind the crm-readiness web app. Consultant routes use the session cookie and, for writes, the `x-csrf-token` header returned by `GET /api/session`. Respondent routes are authorised by the invitation token in the path.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'crm_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      tags: [
        { name: 'setup', description: 'First start' },
        { name: 'session', description: 'Sign in and out, password' },
        { name: 'users', description: 'Consultant accounts (admin)' },
        { name: 'clients', description: 'Clients and who works on them' },
        { name: 'assessments', description: 'Assessments, invitations, results, reports' },
        { name: 'respondent', description: 'The questionnaire behind an invitation link' },
        { name: 'self-assessment', description: "An executive's own assessment, without an account; authorised by its private link" },
        { name: 'share links', description: 'Read-only links for sponsors: the summary and the PDF, downloads recorded' },
        { name: 'workshop', description: 'Workshop mode: distributions per question, agreed answers and dissent' },
        { name: 'follow-ups', description: 'Follow-up assessments, the status of plan actions, comparisons' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's assets are served from node_modules by the plugin itself: no CDN.
  // Swagger UI sets inline styles at run time; only its own pages allow that, scripts stay 'self'.
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
}, { name: 'docs' });
