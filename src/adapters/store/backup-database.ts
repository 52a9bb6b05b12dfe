import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase, StoreOpenError } from './open-database.ts';

/**
 * Online backup through SQLite's backup API: consistent even while the server keeps writing
 * (pages changed mid-copy are copied again). The copy is checked before it is reported done.
 */
export async function backupDatabase(source: string, out: string, onProgress?: (remaining: number, total: number) => void): Promise<{ pages: number }> {
  if (!existsSync(source)) throw new StoreOpenError(`${source} does not exist`);
  if (existsSync(out)) throw new StoreOpenError(`${out} already exists; choose another file name (a backup never overwrites)`);
  const db = openDatabase(source, { readonly: true });
  try {
    let pages = 0;
    await db.backup(out, {
      progress: ({ totalPages, remainingPages }) => {
        pages = totalPages;
        onProgress?.(remainingPages, totalPages);
        return 200;
      },
    });
    const copy = new Database(out, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new StoreOpenError(`the backup ${out} failed its integrity check (${String(check)})`);
    } finally {
      copy.close();
    }
    return { pages };
  } finally {
    db.close();
  }
}
