import dc from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { ZodType } from 'zod';

/** One route as the app registered it: what the access matrix and the HTTP fuzzer walk. */
export interface RouteInfo {
  method: string;
  url: string;
  /** `METHOD /path/:param`, the key of the route's row in the access matrix. */
  key: string;
  schema: { body?: ZodType; params?: ZodType; querystring?: ZodType };
  bodyLimit?: number;
}

/**
 * Builds an app and records every route it registers, read from the app itself (an onRoute hook
 * added through fastify's `fastify.initialization` diagnostics channel, before any plugin runs), so
 * a route added later by anyone shows up here without this file changing.
 */
export async function captureRoutes<T>(build: () => Promise<T>): Promise<{ built: T; routes: RouteInfo[] }> {
  const routes: RouteInfo[] = [];
  const seen = new Set<string>();
  const onInit = (message: unknown) => {
    const fastify = (message as { fastify: FastifyInstance }).fastify;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) {
        const key = `${method} ${route.url}`;
        if (seen.has(key)) continue;
        seen.add(key);
        routes.push({ method, url: route.url, key, schema: (route.schema ?? {}) as RouteInfo['schema'], bodyLimit: route.bodyLimit });
      }
    });
  };
  dc.subscribe('fastify.initialization', onInit);
  try {
    const built = await build();
    return { built, routes };
  } finally {
    dc.unsubscribe('fastify.initialization', onInit);
  }
}
