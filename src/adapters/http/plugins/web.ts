import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');
// chart.js exports no subpath for its UMD build, so find it beside the package's main entry.
const CHART_DIST = path.dirname(createRequire(import.meta.url).resolve('chart.js'));

/** The browser UI (plain HTML, CSS and ES modules) and chart.js, all from this origin. */
export default fp(async (app) => {
  await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', index: ['index.html'], wildcard: true, cacheControl: true, maxAge: 0 });
  app.get('/vendor/chart.umd.js', { schema: { hide: true } }, (_req, reply) => reply.sendFile('chart.umd.js', CHART_DIST));
}, { name: 'web', dependencies: ['services'] });
