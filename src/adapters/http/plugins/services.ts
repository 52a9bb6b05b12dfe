import fp from 'fastify-plugin';
import type { Catalog } from '../../catalog/load-catalog.ts';
import type { Store } from '../../store/create-store.ts';
import type { ReportRenderer } from '../report-port.ts';
import type { ScryptParams } from '../services/passwords.ts';

export interface RateLimits {
  /** Sign-in and setup attempts per IP per minute. */
  signIn: number;
  /** Requests per IP per minute on respondent (token) routes; a whole workshop may share one IP. */
  token: number;
}
export const DEFAULT_RATE_LIMITS: RateLimits = { signIn: 10, token: 1200 };

export interface AppServices {
  store: Store;
  catalog: Catalog;
  reports: ReportRenderer | null;
  now: () => Date;
  scrypt?: ScryptParams;
  secureCookies: boolean;
  rateLimits: RateLimits;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
    /** The current time as an ISO string, from the injected clock (tests move it). */
    nowIso(): string;
  }
}

/** The app's dependencies, decorated once so every route reads them from the same place. */
export default fp(async (app, services: AppServices) => {
  app.decorate('services', services);
  app.decorate('nowIso', () => services.now().toISOString());
}, { name: 'services' });
