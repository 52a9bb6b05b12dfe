import path from 'node:path';
import { parseArgs } from 'node:util';
import { StoreOpenError } from '../../store/open-database.ts';
import { startServer } from '../../http/server.ts';
import { UsageError, type Io } from '../io.ts';

export const DEFAULT_DB = './data/crm-readiness.db';

/**
 * `serve [--host 127.0.0.1] [--port 3000] [--db ./data/crm-readiness.db] [--secure-cookies]`.
 * Resolves with the exit code once SIGTERM or SIGINT has shut the server down cleanly.
 */
export async function runServeCommand(args: string[], io: Io): Promise<number> {
  let values: { host?: string; port?: string; db?: string; 'secure-cookies'?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' }, 'secure-cookies': { type: 'boolean' } }, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, received "${values.port}"`);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const dbPath = path.resolve(io.cwd, values.db ?? process.env.CRM_READINESS_DB ?? DEFAULT_DB);

  let server;
  try {
    server = await startServer({ host, port, dbPath, secureCookies: values['secure-cookies'] ?? process.env.SECURE_COOKIES === '1' });
  } catch (e) {
    if (e instanceof StoreOpenError) { io.err(`cannot start: ${e.message}`); return 1; }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') { io.err(`cannot start: port ${port} on ${host} is already in use; choose another with --port`); return 1; }
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') { io.err(`cannot start: cannot listen on ${host}:${port} (${code})`); return 1; }
    throw e;
  }
  io.err(`crm-readiness is running at ${server.url} (database ${path.relative(io.cwd, dbPath) || dbPath}); stop it with Ctrl+C`);

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.app.log.info({ signal }, 'shutting down');
      server.close().then(() => resolve(0), (e: unknown) => { io.err(`shutdown failed: ${(e as Error).message}`); resolve(1); });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
