import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';

/** 'CRMR': marks a SQLite file as ours, so we never migrate another application's database. */
export const APPLICATION_ID = 0x43524d52;

/** Opening failed for a reason the person can act on; the message names the file. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed (acknowledged) answer survives a power cut or a SIGKILL, not just a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Opens (creating if needed), checks and migrates the database at `file`. */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Database.Database {
  const shown = file;
  if (file !== ':memory:' && !opts.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (opts.readonly && !existsSync(file)) throw new StoreOpenError(`${shown} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (e) {
    throw new StoreOpenError(`${shown} cannot be opened (${(e as Error).message})`);
  }
  try {
    let check: string;
    try {
      // The first read is where SQLite notices a file that is not a database at all.
      check = (db.pragma('quick_check', { simple: true }) as string) ?? 'ok';
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') throw new StoreOpenError(`${shown} is not a crm-readiness database (file is not a database)`);
      if (code === 'SQLITE_CORRUPT') throw new StoreOpenError(`${shown} is corrupt (${(e as Error).message}); restore it from a backup`);
      throw e;
    }
    if (check !== 'ok') throw new StoreOpenError(`${shown} is corrupt (quick_check: ${check}); restore it from a backup`);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw new StoreOpenError(`${shown} is not a crm-readiness database (it is a SQLite database of another application)`);
    }
    if (opts.readonly) return db;
    applyPragmas(db);
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError(`${shown} cannot be used: ${(e as Error).message}`);
  }
}
