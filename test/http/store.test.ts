import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backupDatabase } from '../../src/adapters/store/backup-database.ts';
import { createStore } from '../../src/adapters/store/create-store.ts';
import { listMigrations } from '../../src/adapters/store/migrate.ts';
import { createWriteBatcher } from '../../src/adapters/store/write-batcher.ts';
import { APPLICATION_ID, openDatabase, StoreOpenError } from '../../src/adapters/store/open-database.ts';

let dir: string;
beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'crm-store-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });
const file = (name = 'db.sqlite') => path.join(dir, name);

describe('opening the database', () => {
  test('creates, migrates and sets the durability pragmas', () => {
    const store = createStore(file());
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(store.db.pragma('user_version', { simple: true })).toBe(listMigrations().length);
    } finally { store.close(); }
  });

  test('reopening runs no migration twice', () => {
    createStore(file()).close();
    const store = createStore(file());
    expect(store.db.pragma('user_version', { simple: true })).toBe(listMigrations().length);
    store.close();
  });

  test('a file that is not SQLite is refused with a clear message', () => {
    writeFileSync(file(), 'this is a spreadsheet, honestly '.repeat(200));
    expect(() => openDatabase(file())).toThrow(new StoreOpenError(`${file()} is not a crm-readiness database (file is not a database)`));
  });

  test("another application's SQLite database is refused, never migrated", () => {
    const other = new Database(file());
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    expect(() => openDatabase(file())).toThrow(/is not a crm-readiness database \(it is a SQLite database of another application\)/);
    const again = new Database(file());
    expect(again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'invoices' }]);
    again.close();
  });

  test('a corrupted database is refused and names the file', () => {
    const store = createStore(file());
    const tx = store.db.transaction(() => { for (let i = 0; i < 3000; i++) store.users.create({ email: `u${i}@x.co`, name: 'x'.repeat(200), passwordHash: 'h', isAdmin: false, mustChangePassword: false, createdAt: 'now' }); });
    tx();
    store.close();
    // Scribble over the middle of the file: the b-tree pages no longer add up.
    const fd = Buffer.alloc(4096 * 8, 0x41);
    const h = openSync(file(), 'r+');
    writeSync(h, fd, 0, fd.length, 4096 * 3);
    closeSync(h);
    expect(() => openDatabase(file())).toThrow(new RegExp(`^${file().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is corrupt`));
  });

  test('foreign keys hold: an answer cannot point at no respondent', () => {
    const store = createStore(file());
    try {
      expect(() => store.answers.upsert(999, 'Q', { value: 1 }, 'now')).toThrow(/FOREIGN KEY/);
    } finally { store.close(); }
  });

  test('stored JSON is checked when read back', () => {
    const store = createStore(file());
    try {
      const uid = store.users.create({ email: 'a@x.co', name: 'A', passwordHash: 'h', isAdmin: true, mustChangePassword: false, createdAt: 'now' });
      const cid = store.clients.create({ name: 'C', createdAt: 'now' }, uid);
      const aid = store.assessments.create({ clientId: cid, title: 't', questionnaireId: 'q', questionnaireVersion: '1.0.0', locale: 'en', createdBy: uid, createdAt: 'now' });
      const rid = store.respondents.create({ assessmentId: aid, key: 'k', role: 'it', source: 'import', createdAt: 'now' });
      store.db.prepare("INSERT INTO answers (respondent_id, question_id, value_json, updated_at) VALUES (?, 'Q', '{\"evil\":1}', 'now')").run(rid);
      expect(() => store.answers.listForRespondent(rid)).toThrow(/stored answer .* is not a valid answer value/);
    } finally { store.close(); }
  });

  test('a failing multi-row write leaves nothing behind', () => {
    const store = createStore(file());
    try {
      const uid = store.users.create({ email: 'a@x.co', name: 'A', passwordHash: 'h', isAdmin: true, mustChangePassword: false, createdAt: 'now' });
      expect(() => store.transaction(() => {
        store.clients.create({ name: 'Half', createdAt: 'now' }, uid);
        throw new Error('boom');
      })).toThrow('boom');
      expect(store.clients.listVisible(uid, true)).toEqual([]);
    } finally { store.close(); }
  });
});

describe('group commit', () => {
  test('concurrent writes share a commit; a failing one is rolled back alone', async () => {
    const db = new Database(file());
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    const batcher = createWriteBatcher(db);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => batcher.run(() => {
      insert.run(`k${i}`, i);
      if (i === 7) { insert.run('k7-extra', 1); throw new Error('job 7 fails'); }
      return i * 10;
    })));
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(Array.from({ length: 20 }, (_, i) => i * 10).filter((v) => v !== 70));
    expect((results[7] as PromiseRejectedResult).reason.message).toBe('job 7 fails');
    const keys = (db.prepare('SELECT k FROM t ORDER BY v, k').all() as Array<{ k: string }>).map((r) => r.k);
    expect(keys).toHaveLength(19);
    expect(keys).not.toContain('k7');
    expect(keys).not.toContain('k7-extra');
    db.close();
  });

  test('a failed commit rejects every write of the batch', async () => {
    const db = new Database(file());
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY); CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)');
    db.pragma('foreign_keys = ON');
    const batcher = createWriteBatcher(db);
    // A deferred foreign key is checked at COMMIT: the whole batch fails there.
    const results = await Promise.allSettled([batcher.run(() => db.prepare("INSERT INTO t VALUES ('a')").run()), batcher.run(() => db.prepare('INSERT INTO child VALUES (42)').run())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('online backup', () => {
  test('copies a live database consistently and refuses to overwrite', async () => {
    const store = createStore(file());
    try {
      for (let i = 0; i < 200; i++) store.users.create({ email: `u${i}@x.co`, name: `U${i}`, passwordHash: 'h', isAdmin: false, mustChangePassword: false, createdAt: 'now' });
      // Writes keep landing while the copy runs.
      const writer = setInterval(() => store.users.create({ email: `late${Math.random()}@x.co`, name: 'late', passwordHash: 'h', isAdmin: false, mustChangePassword: false, createdAt: 'now' }), 1);
      try {
        await backupDatabase(file(), file('backup.sqlite'));
      } finally { clearInterval(writer); }
      const copy = createStore(file('backup.sqlite'));
      expect(copy.users.count()).toBeGreaterThanOrEqual(200);
      expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      await expect(backupDatabase(file(), file('backup.sqlite'))).rejects.toThrow(/already exists/);
      await expect(backupDatabase(file('missing.sqlite'), file('b2.sqlite'))).rejects.toThrow(/does not exist/);
      expect(existsSync(file('b2.sqlite'))).toBe(false);
    } finally { store.close(); }
  });
});
