import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backupDatabase } from '../../src/adapters/store/backup-database.ts';
import { createStore } from '../../src/adapters/store/create-store.ts';
import { listMigrations } from '../../src/adapters/store/migrate.ts';
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
