import path from 'node:path';
import { parseArgs } from 'node:util';
import { StoreOpenError } from '../../store/open-database.ts';
import { startServer } from '../../http/server.ts';
import { UsageError, type Io } from '../io.ts';

export const DEFAULT_DB = './data/crm-readiness.db';

/**
 * `serve [--host 127.0.0.1] [--port 3000] [--db ./data/crm-readiness.db] [--secure-cookies] [--trust-proxy]`
 * (--secure-cookies and --trust-proxy when it is reached over https through a reverse proxy).
 * Resolves with the exit code once SIGTERM or SIGINT has shut the server down cleanly.
 */
export async function runServeCommand(args: string[], io: Io): Promise<number> {
  let values: { host?: string; port?: string; db?: string; 'secure-cookies'?: boolean; 'trust-proxy'?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { host: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' }, 'secure-cookies': { type: 'boolean' }, 'trust-proxy': { type: 'boolean' } }, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, received "${values.port}"`);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const dbPath = path.resolve(io.cwd, values.db ?? process.env.CRM_READINESS_DB ?? DEFAULT_DB);

  // Signals are caught from the start, so one that arrives while the server is still starting
  // also takes the single shutdown path below instead of killing the process mid-write.
  let requested: string | undefined;
  let onSignal: ((signal: string) => void) | undefined;
  const catchSignal = (signal: string) => { requested ??= signal; onSignal?.(signal); };
  const detach = () => { process.off('SIGINT', catchSignal); process.off('SIGTERM', catchSignal); };
  process.on('SIGINT', catchSignal);
  process.on('SIGTERM', catchSignal);

  let server;
  try {
    server = await startServer({
      host, port, dbPath,
      secureCookies: values['secure-cookies'] ?? process.env.SECURE_COOKIES === '1',
      trustProxy: values['trust-proxy'] ?? process.env.TRUST_PROXY === '1',
    });
  } catch (e) {
    detach();
    if (e instanceof StoreOpenError) { io.err(`cannot start: ${e.message}`); return 1; }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') { io.err(`cannot start: port ${port} on ${host} is already in use; choose another with --port`); return 1; }
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') { io.err(`cannot start: cannot listen on ${host}:${port} (${code})`); return 1; }
    throw e;
  }
  const running = server;
  io.err(`crm-readiness is running at ${running.url} (database ${path.relative(io.cwd, dbPath) || dbPath}); stop it with Ctrl+C`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    onSignal = (signal) => {
      if (stopping) return;
      stopping = true;
      running.app.log.info({ signal }, 'shutting down');
      running.close().then(() => { detach(); resolve(0); }, (e: unknown) => { detach(); io.err(`shutdown failed: ${(e as Error).message}`); resolve(1); });
    };
    if (requested) onSignal(requested);
  });
}
