import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../../store/backup-database.ts';
import { StoreOpenError } from '../../store/open-database.ts';
import { UsageError, type Io } from '../io.ts';
import { DEFAULT_DB } from './serve.ts';

/** `backup --out FILE [--db PATH]`: an online, consistent copy; safe while the server is running. */
export async function runBackupCommand(args: string[], io: Io): Promise<number> {
  let values: { out?: string; db?: string };
  try {
    ({ values } = parseArgs({ args, options: { out: { type: 'string' }, db: { type: 'string' } }, strict: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!values.out) throw new UsageError('name the backup file with --out FILE, e.g. --out backups/crm-readiness-2025-01-31.db');
  const db = path.resolve(io.cwd, values.db ?? process.env.CRM_READINESS_DB ?? DEFAULT_DB);
  const out = path.resolve(io.cwd, values.out);
  const shown = (p: string) => path.relative(io.cwd, p) || p;
  try {
    const { pages } = await backupDatabase(db, out);
    io.out(`backed up ${shown(db)} to ${shown(out)} (${pages} pages, integrity ok)`);
    return 0;
  } catch (e) {
    if (e instanceof StoreOpenError) { io.err(`backup failed: ${e.message.replace(db, shown(db)).replace(out, shown(out))}`); return 1; }
    throw e;
  }
}
