import fp from 'fastify-plugin';
import type { Catalog } from '../../catalog/load-catalog.ts';
import type { Store } from '../../store/create-store.ts';
import type { ReportRenderer } from '../report-port.ts';
import { createChangeCounter, type ChangeCounter } from '../services/change-counter.ts';
import type { ScryptParams } from '../services/passwords.ts';

export interface RateLimits {
  /** Sign-in and setup attempts per IP per minute. */
  signIn: number;
  /** Requests per minute on one invitation link (per link and address: a workshop may share one address). */
  token: number;
  /** Wrong or revoked invitation tokens per address per minute before token routes answer 429. */
  tokenMisses: number;
  /** Executive self-assessments one address may start per hour (they need no account). */
  selfAssessments: number;
}
export const DEFAULT_RATE_LIMITS: RateLimits = { signIn: 10, token: 600, tokenMisses: 30, selfAssessments: 10 };

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
    /** Answer writes per assessment since this process started (see change-counter.ts). */
    changes: ChangeCounter;
    /** The current time as an ISO string, from the injected clock (tests move it). */
    nowIso(): string;
  }
}

/** The app's dependencies, decorated once so every route reads them from the same place. */
export default fp(async (app, services: AppServices) => {
  app.decorate('services', services);
  app.decorate('changes', createChangeCounter());
  app.decorate('nowIso', () => services.now().toISOString());
}, { name: 'services' });
