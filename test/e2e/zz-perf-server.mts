import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../src/adapters/http/server.ts';
const dir = mkdtempSync(path.join(tmpdir(), 'crm-perf-'));
const srv = await startServer({ host: '127.0.0.1', port: 0, dbPath: path.join(dir, 'p.db'), logger: process.env.LOGS ? { level: 'info', stream: { write() {} } } as never : false, reports: null, rateLimits: { token: 1e9 } });
console.log('URL', srv.url);
process.on('SIGTERM', async () => { await srv.close(); process.exit(0); });
