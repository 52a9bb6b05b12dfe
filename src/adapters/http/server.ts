import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { loadCatalog, type Catalog } from '../catalog/load-catalog.ts';
import { createReportService } from '../report/report-service.ts';
import { createStore, type Store } from '../store/create-store.ts';
import { buildApp, LOG_SERIALIZERS } from './app.ts';
import type { RateLimits } from './plugins/services.ts';
import type { ReportRenderer } from './report-port.ts';

export interface ServerOptions {
  host: string;
  port: number;
  dbPath: string;
  logger?: FastifyServerOptions['logger'];
  secureCookies?: boolean;
  trustProxy?: boolean;
  /** Benchmarks and load tests raise these; the defaults suit a real workshop. */
  rateLimits?: Partial<RateLimits>;
  catalog?: Catalog;
  /** Default: the PDF report service (its browser starts with the first report). */
  reports?: ReportRenderer | null;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  store: Store;
  /** The one shutdown path: stop accepting, let in-flight requests finish, then the renderer, then the database. */
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const store = createStore(opts.dbPath);
  let reports: ReportRenderer | null = null;
  let app: FastifyInstance | undefined;
  try {
    const catalog = opts.catalog ?? loadCatalog();
    const logger = opts.logger ?? { level: process.env.LOG_LEVEL ?? 'info', serializers: LOG_SERIALIZERS };
    reports = opts.reports === undefined ? createReportService() : opts.reports;
    // Ended and expired sessions are only kept a month, for the record of who signed in.
    store.sessions.purge(new Date().toISOString(), new Date(Date.now() - 30 * 86_400_000).toISOString());
    app = await buildApp({ store, catalog, reports, logger, secureCookies: opts.secureCookies, trustProxy: opts.trustProxy, rateLimits: opts.rateLimits });
    if (catalog.issues.length) app.log.warn({ problems: catalog.issues.length }, 'the catalog has problems; run "crm-readiness validate"');
    const address = await app.listen({ host: opts.host, port: opts.port });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= (async () => {
      await app!.close();
      await reports?.close();
      store.close();
    })());
    return { app, url: address, store, close };
  } catch (e) {
    await app?.close();
    await reports?.close();
    store.close();
    throw e;
  }
}
